//! Loading a workbook: the files (CSV sheets, or an .xlsx workbook) are read and checked here
//! with `mutasi_core::io::workbook` (every problem with its sheet, row and column, a full
//! report to download), then compared with the server's data (a dry run of
//! `POST /api/admin/load`, which is sent each sheet as CSV text), reviewed (the counts per
//! sheet, examples of changes, the proposals it touches, the reason for departures), and
//! applied on the difference the admin saw (`expect`); the device then syncs.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::io::workbook::{self, report_csv, Unmapped, WorkbookError};
use mutasi_core::wire::error::ErrorCode;
use mutasi_core::wire::load::{Departure, LoadFile, LoadRequest, LoadResponse};
use wasm_bindgen::JsCast;

use super::{prepare, Ready};
use crate::api::{self, ApiError};
use crate::i18n::*;
use crate::lang::{current, tr};
use crate::state::connectivity::Connectivity;
use crate::state::data::{use_city_data, DataState};
use crate::state::session::Session;
use crate::state::sync::use_sync;

/// Problems listed on screen (the report file has them all).
const SHOWN: usize = 200;

/// Where a load stands.
#[derive(Debug, Clone)]
enum Stage {
    Idle,
    Checking(usize),
    /// The problems, how many, and the sheets that lack columns a mapping could name.
    Problems(Arc<Vec<WorkbookError>>, usize, Arc<Vec<Unmapped>>),
    Comparing,
    Offline(usize),
    Review(Arc<Vec<LoadFile>>, Arc<LoadResponse>),
    Applying,
    Applied(u64),
    Failed(String),
}

/// The bytes of every chosen file, with its name.
pub(crate) async fn read_files(
    input: &web_sys::HtmlInputElement,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let list = input.files().ok_or("no files")?;
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map_err(|e| format!("{}: {e:?}", file.name()))?;
        out.push((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()));
    }
    Ok(out)
}

/// What the server's refusal means for the stage.
fn refused(e: ApiError, files: Arc<Vec<LoadFile>>) -> Stage {
    if let ApiError::Server(body) = &e {
        if body.error == ErrorCode::InvalidBody {
            if let Ok(problems) =
                serde_json::from_value::<Vec<WorkbookError>>(body.details["problems"].clone())
            {
                let total = body.details["total"].as_u64().unwrap_or(0) as usize;
                return Stage::Problems(Arc::new(problems), total, Arc::default());
            }
        }
        if body.error == ErrorCode::Conflict {
            // The data changed since the review: the new difference, to review again.
            if let Ok(resp) = serde_json::from_value::<LoadResponse>(body.details.clone()) {
                return Stage::Review(files, Arc::new(resp));
            }
        }
    }
    Stage::Failed(e.describe(current()))
}

#[component]
pub fn Load() -> impl IntoView {
    let data = use_city_data();
    let session = use_context::<Session>();
    let conn = use_context::<Connectivity>();
    let sync = use_sync();
    let stage = RwSignal::new(Stage::Idle);
    // How long the last check on this device took (ms), for the benchmark (docs/BENCHMARKS.md).
    let check_ms = RwSignal::new(None::<u64>);
    let report = RwSignal::new(Vec::<Ready>::new());
    let input = NodeRef::<leptos::html::Input>::new();
    let online = move || conn.is_none_or(|c| c.browser_online.get_untracked());
    let compare = move |files: Arc<Vec<LoadFile>>| {
        let Some(token) = session.and_then(|s| s.token()) else {
            stage.set(Stage::Failed(
                td_string!(current(), data.error.log_in_again).into(),
            ));
            return;
        };
        stage.set(Stage::Comparing);
        spawn_local(async move {
            let req = LoadRequest {
                files: files.to_vec(),
                dry_run: true,
                departed: None,
                remove_missing: false,
                expect: None,
            };
            let next = match api::admin_load(&token, &req).await {
                Ok(resp) => Stage::Review(files, Arc::new(resp)),
                Err(e) => refused(e, files),
            };
            let _ = stage.try_set(next);
        });
    };
    // The files last chosen, checked again once a mapping is saved.
    let last = StoredValue::new(Vec::<(String, Vec<u8>)>::new());
    // Bumped when the kept mapping changes.
    let mapping_version = RwSignal::new(0u32);
    let check = move |files: Vec<(String, Vec<u8>)>| {
        stage.set(Stage::Checking(files.len()));
        last.set_value(files.clone());
        let today = data.today.get_untracked();
        spawn_local(async move {
            // Let "Memeriksa…" paint before the check takes the thread.
            gloo_timers::future::TimeoutFuture::new(30).await;
            // Just after a reload the device's data may still be loading: the check compares
            // with it, so it waits (up to 60 s) instead of taking the file for a first load.
            for _ in 0..1200 {
                if data.state.get_untracked() != DataState::Loading && !data.hidden.get_untracked()
                {
                    break;
                }
                gloo_timers::future::TimeoutFuture::new(50).await;
            }
            let base = data.dataset.get_untracked();
            let files = super::mapping::with_kept(files);
            let started = js_sys::Date::now();
            let read = workbook::read(&files, base.as_deref().map(|d| d.parts()), today);
            let _ = check_ms.try_set(Some((js_sys::Date::now() - started) as u64));
            match read {
                Err(errs) => {
                    let total = errs.len();
                    let asks = Arc::new(workbook::unmapped_in(&files));
                    let _ = prepare(report, &[("laporan-masalah.csv".into(), report_csv(&errs))]);
                    let _ = stage.try_set(Stage::Problems(Arc::new(errs), total, asks));
                }
                Ok(loaded) => {
                    let rows = loaded.read.iter().map(|r| r.rows).sum();
                    // Each sheet as the CSV text it was read from (an .xlsx workbook's
                    // sheets too, a mapping applied), so the server reads what was checked.
                    let texts: Vec<LoadFile> = loaded
                        .sheets
                        .into_iter()
                        .map(|(sheet, text)| LoadFile {
                            name: format!("{sheet}.csv"),
                            text,
                        })
                        .collect();
                    if online() {
                        compare(Arc::new(texts));
                    } else {
                        let _ = stage.try_set(Stage::Offline(rows));
                    }
                }
            }
        });
    };
    let chosen = move |_| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let el: web_sys::HtmlInputElement = el.unchecked_into();
        let n = el.files().map_or(0, |f| f.length() as usize);
        if n == 0 {
            return;
        }
        stage.set(Stage::Checking(n));
        spawn_local(async move {
            let files = read_files(&el).await;
            // Emptied, so choosing the same (corrected) file again is a change too.
            el.set_value("");
            match files {
                Ok(f) => check(f),
                Err(detail) => {
                    let msg = td_string!(current(), data.error.read, detail).to_string();
                    let _ = stage.try_set(Stage::Failed(msg));
                }
            }
        });
    };
    let remapped = Callback::new(move |()| {
        mapping_version.update(|v| *v += 1);
        check(last.get_value());
    });
    let apply = move |files: Arc<Vec<LoadFile>>, resp: Arc<LoadResponse>, departed, remove| {
        let Some(token) = session.and_then(|s| s.token()) else {
            stage.set(Stage::Failed(
                td_string!(current(), data.error.log_in_again).into(),
            ));
            return;
        };
        stage.set(Stage::Applying);
        spawn_local(async move {
            let req = LoadRequest {
                files: files.to_vec(),
                dry_run: false,
                departed,
                remove_missing: remove,
                expect: Some(resp.counts.clone()),
            };
            let next = match api::admin_load(&token, &req).await {
                Ok(done) => {
                    sync.request();
                    Stage::Applied(done.applied.unwrap_or(0))
                }
                Err(e) => refused(e, files),
            };
            let _ = stage.try_set(next);
        });
    };
    view! {
        <section class="data-load" aria-labelledby="data-load-title">
            <h3 id="data-load-title">{tr(|l| td_string!(l, data.upload.title))}</h3>
            <label for="data-files">{tr(|l| td_string!(l, data.upload.choose))}</label>
            " "
            <input
                type="file"
                id="data-files"
                accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple
                node_ref=input
                on:change=chosen
            />
            <super::mapping::KeptMapping version=mapping_version />
            <div id="data-stage" aria-live="polite" data-check-ms=move || check_ms.get()>
                {move || match stage.get() {
                    Stage::Idle => ().into_any(),
                    Stage::Checking(n) => {
                        view! {
                            <p role="status" class="busy">
                                {move || td_string!(current(), data.upload.checking, n).to_string()}
                            </p>
                        }
                            .into_any()
                    }
                    Stage::Comparing => {
                        view! { <p role="status" class="busy">{tr(|l| td_string!(l, data.upload.comparing))}</p> }
                            .into_any()
                    }
                    Stage::Applying => {
                        view! { <p role="status" class="busy">{tr(|l| td_string!(l, data.upload.applying))}</p> }
                            .into_any()
                    }
                    Stage::Offline(rows) => {
                        view! {
                            <p role="status">{td_string!(current(), data.upload.checked, rows).to_string()}</p>
                            <p class="warn" role="status">{tr(|l| td_string!(l, data.upload.offline))}</p>
                        }
                            .into_any()
                    }
                    Stage::Problems(errs, total, asks) => {
                        view! {
                            {(!asks.is_empty())
                                .then(|| view! { <super::mapping::MappingForm asks=asks saved=remapped /> })}
                            <Problems errs=errs total=total report=report />
                        }
                            .into_any()
                    }
                    Stage::Review(files, resp) => {
                        let apply = Callback::new(move |(f, r, d, x)| apply(f, r, d, x));
                        view! { <super::load_review::Review files=files resp=resp apply=apply /> }
                            .into_any()
                    }
                    Stage::Applied(n) => {
                        view! {
                            <p id="data-applied" class="ok" role="status">
                                {td_string!(current(), data.applied, n).to_string()}
                            </p>
                        }
                            .into_any()
                    }
                    Stage::Failed(msg) => view! { <p class="error" role="alert">{msg}</p> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// Every problem's place and reason (the first [`SHOWN`]), and the full report.
#[component]
fn Problems(
    errs: Arc<Vec<WorkbookError>>,
    total: usize,
    report: RwSignal<Vec<Ready>>,
) -> impl IntoView {
    let en = crate::lang::is_en();
    let shown = errs.len().min(SHOWN);
    let rows = errs[..shown]
        .iter()
        .map(|e| {
            let reason = if en {
                e.at.reason.en.clone()
            } else {
                e.at.reason.id.clone()
            };
            view! {
                <tr>
                    <td>{e.sheet.clone()}</td>
                    <td class="num">{e.at.row}</td>
                    <td>{e.at.column.clone()}</td>
                    <td><code>{e.at.value.clone()}</code></td>
                    <td>{reason}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div id="data-problems">
            <p class="error" role="alert">{td_string!(current(), data.problems.title, n = total).to_string()}</p>
            {(total > shown).then(|| view! { <p>{td_string!(current(), data.problems.shown, shown).to_string()}</p> })}
            {move || {
                report
                    .get()
                    .into_iter()
                    .next()
                    .map(|r| {
                        view! {
                            <p>
                                <a id="data-report" href=r.url download=r.name>
                                    {tr(|l| td_string!(l, data.problems.report))}
                                </a>
                            </p>
                        }
                    })
            }}
            <div class="table-scroll">
                <table class="data-problems">
                    <thead>
                        <tr>
                            <th scope="col">{tr(|l| td_string!(l, data.problems.sheet))}</th>
                            <th scope="col">{tr(|l| td_string!(l, data.problems.row))}</th>
                            <th scope="col">{tr(|l| td_string!(l, data.problems.column))}</th>
                            <th scope="col">{tr(|l| td_string!(l, data.problems.value))}</th>
                            <th scope="col">{tr(|l| td_string!(l, data.problems.reason))}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}

/// The departure reasons with their labels in `locale`.
pub fn departure_label(d: Departure, locale: Locale) -> &'static str {
    match d {
        Departure::Pensiun => td_string!(locale, data.decide.pensiun),
        Departure::Pindah => td_string!(locale, data.decide.pindah),
        Departure::Meninggal => td_string!(locale, data.decide.meninggal),
        Departure::Lainnya => td_string!(locale, data.decide.lainnya),
    }
}
