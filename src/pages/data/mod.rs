//! Data organisasi (`/data`, admins): the template and the export of the workbook
//! (`mutasi_core::io::workbook`, one CSV per sheet) as files to download, and loading a workbook
//! ([`load`]): checked in the browser by the same core as the server, compared with the
//! server's data, reviewed, then applied.

pub(crate) mod load;
mod load_review;
mod mapping;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::io::workbook;
use mutasi_core::model::OutcomeRecord;
use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::RecordKind;

use crate::i18n::*;
use crate::lang::tr;
use crate::state::data::use_city_data;
use crate::state::session::Session;
use crate::store;

/// Whether `role` may load data (the server checks it again).
pub fn may_load(role: Role) -> bool {
    role == Role::Admin
}

/// The route `/data`.
#[component]
pub fn Data() -> impl IntoView {
    let session = use_context::<Session>();
    view! {
        <section class="page data">
            <h2>{tr(|l| td_string!(l, data.title))}</h2>
            <p>{tr(|l| td_string!(l, data.intro))}</p>
            {move || match session.and_then(|s| s.account()) {
                None if session.is_some_and(|s| !s.restored.get()) => {
                    view! { <p role="status">{tr(|l| td_string!(l, data.loading_session))}</p> }
                        .into_any()
                }
                None => {
                    view! {
                        <p id="data-login" class="error" role="alert">
                            {tr(|l| td_string!(l, data.login_needed))}
                            " "
                            <a href="/masuk">{tr(|l| td_string!(l, data.login_link))}</a>
                        </p>
                    }
                        .into_any()
                }
                Some(a) if !may_load(a.role) => {
                    view! {
                        <p id="data-denied" class="error" role="alert">
                            {tr(|l| td_string!(l, data.denied))}
                        </p>
                    }
                        .into_any()
                }
                Some(_) => {
                    view! {
                        <Files />
                        <load::Load />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// A file ready to download: its name and an object URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ready {
    pub name: String,
    pub url: String,
}

/// Object URLs for `sheets` (CSV text), revoking the previous ones in `into`.
pub fn prepare(into: RwSignal<Vec<Ready>>, sheets: &[(String, String)]) -> Result<(), String> {
    for old in into.get_untracked() {
        let _ = web_sys::Url::revoke_object_url(&old.url);
    }
    let mut out = Vec::new();
    for (name, text) in sheets {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            .map_err(|e| format!("Blob: {e:?}"))?;
        let url =
            web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("URL: {e:?}"))?;
        out.push(Ready {
            name: name.clone(),
            url,
        });
    }
    into.set(out);
    Ok(())
}

/// The outcomes stored in the IndexedDB database `db` (kind `outcome`).
async fn stored_outcomes(db: &str) -> Result<Vec<OutcomeRecord>, String> {
    let handle = store::open(db).await.map_err(|e| e.to_string())?;
    let list = store::records::all_data_of_kind(&handle, RecordKind::Outcome).await;
    handle.close();
    list.map_err(|e| e.to_string())
}

/// The template and the export: a button each, then one download link per sheet (one link per
/// file: a browser asks before letting one click download several).
#[component]
fn Files() -> impl IntoView {
    let data = use_city_data();
    let ready = RwSignal::new(Vec::<Ready>::new());
    let error = RwSignal::new(None::<String>);
    let make = move |sheets: Vec<(String, String)>| {
        if let Err(e) = prepare(ready, &sheets) {
            error.set(Some(e));
        }
    };
    let template = move |_| make(workbook::template());
    // The device's data, with the outcomes it holds as the `capaian` sheet.
    let export = move |_| match data.dataset.get_untracked() {
        Some(ds) => spawn_local(async move {
            match stored_outcomes(store::DB_NAME).await {
                Ok(outcomes) => make(workbook::export_with_outcomes(&ds, &outcomes)),
                Err(e) => error.set(Some(e)),
            }
        }),
        None => error.set(Some(
            td_string!(crate::lang::current(), data.template.no_data).into(),
        )),
    };
    view! {
        <section class="data-files" aria-labelledby="data-files-title">
            <h3 id="data-files-title">{tr(|l| td_string!(l, data.template.title))}</h3>
            <p>{tr(|l| td_string!(l, data.template.hint))}</p>
            <p class="actions">
                <button type="button" id="data-template" on:click=template>
                    {tr(|l| td_string!(l, data.template.make))}
                </button>
                " "
                <button type="button" id="data-export" on:click=export>
                    {tr(|l| td_string!(l, data.template.export))}
                </button>
            </p>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || {
                let files = ready.get();
                (!files.is_empty())
                    .then(|| {
                        view! {
                            <p>{tr(|l| td_string!(l, data.template.files))}</p>
                            <ul id="data-downloads">
                                {files
                                    .into_iter()
                                    .map(|f| {
                                        view! {
                                            <li>
                                                <a href=f.url download=f.name.clone()>
                                                    {f.name.clone()}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
        </section>
    }
}
