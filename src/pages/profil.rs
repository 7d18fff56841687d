//! Profil & Karier (`/pegawai/:nip`): an employee's data (rank, post, tenure, education,
//! diklat, SKP, competencies), the next career steps with their gaps, and rotation options —
//! including blocked posts with the rule that blocks them and when that changes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mutasi_core::model::{EmployeeIdx, Nip, MANAGERIAL_COMPETENCIES};
use mutasi_core::query::{
    career_path, move_benefit, options_for_employee, CareerStep, EmployeeOption,
};
use mutasi_core::text::Span;
use mutasi_core::Dataset;

use crate::components::format::{date_id, score};
use crate::components::links::{decode, link, slot_href};
use crate::components::no_data::NoData;
use crate::state::data::use_city_data;

/// Options shown per kind (allowed, blocked).
const OPTION_LIMIT: usize = 5;

/// The route `/pegawai/:nip`.
#[component]
pub fn ProfilPage() -> impl IntoView {
    let params = use_params_map();
    let nip = Signal::derive(move || decode(&params.read().get("nip").unwrap_or_default()));
    view! { <Profil nip=nip /> }
}

/// The profile of the employee with NIP `nip`.
#[component]
pub fn Profil(#[prop(into)] nip: Signal<String>) -> impl IntoView {
    let data = use_city_data();
    let emp = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        ds.employee_idx(&Nip::parse(&nip.get()).ok()?)
    });
    view! {
        <section class="page">
            {move || {
                (!crate::components::nav::is_employee())
                    .then(|| {
                        view! {
                            <p>
                                <A href="/pegawai">"← Daftar pegawai / Employee list"</A>
                            </p>
                        }
                    })
            }}
            {move || match (data.dataset.get(), emp.get()) {
                (None, _) => view! { <h2>"Profil pegawai"</h2> <NoData /> }.into_any(),
                (Some(_), None) => {
                    view! {
                        <h2>"Pegawai tidak ditemukan"</h2>
                        <p class="en" lang="en">"Employee not found: " {nip.get()}</p>
                    }
                        .into_any()
                }
                (Some(ds), Some(e)) => view! { <ProfilBody ds=ds e=e /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ProfilBody(ds: Arc<Dataset>, e: EmployeeIdx) -> impl IntoView {
    let data = use_city_data();
    let today = data.today.get_untracked();
    let emp = &ds.employees()[e as usize];
    let post = ds.employee_slot(e).map(|s| {
        let since = emp.current.as_ref().map(|c| c.since);
        view! {
            <dt>"Jabatan / Post"</dt>
            <dd id="profil-post">
                {ds.slot_position(s).name.clone()} " (" {ds.slot_position(s).kind.label()} ")"
            </dd>
            <dt>"Unit"</dt>
            <dd>{ds.slot_unit(s).name.clone()} " — " {ds.slot_opd(s).name.clone()}</dd>
            <dt>"Di jabatan ini sejak / In post since"</dt>
            <dd id="profil-tenure">
                {since
                    .map(|d| {
                        let span = Span::between(d, today);
                        format!("{} ({}; {})", date_id(d), span.id(), span.en())
                    })}
            </dd>
        }
    });
    let plt = ds
        .employee_plt(e)
        .iter()
        .map(|&s| {
            view! {
                <li>
                    "Plt " {ds.slot_position(s).name.clone()} " — " {ds.slot_unit(s).name.clone()}
                </li>
            }
        })
        .collect_view();
    let skp = emp.recent_skp(3);
    let career = career_path(&ds, e, today, ds.rules());
    // An employee looking at their own profile sees their options at once; a planner asks.
    let own = use_context::<crate::state::session::Session>()
        .and_then(|s| s.account())
        .and_then(|a| a.nip)
        .is_some_and(|n| n == emp.nip);
    let show_options = RwSignal::new(own);
    let ds_opt = ds.clone();
    let options = Memo::new(move |_| {
        show_options.get().then(|| {
            Arc::new(options_for_employee(
                &ds_opt,
                e,
                today,
                ds_opt.rules(),
                OPTION_LIMIT,
            ))
        })
    });
    let ds_view = ds.clone();
    view! {
        <h2 id="profil-name">{emp.name.clone()}</h2>
        <dl class="facts">
            <dt>"NIP"</dt>
            <dd id="profil-nip">{emp.nip.to_string()}</dd>
            <dt>"Status"</dt>
            <dd>{emp.status.label()}</dd>
            <dt>"Pangkat/golongan / Rank"</dt>
            <dd id="profil-rank">
                {emp.pangkat.golongan.to_string()} ", TMT " {date_id(emp.pangkat.tmt)}
            </dd>
            <dt>"Tanggal lahir / Born"</dt>
            <dd>{date_id(emp.birth_date())}</dd>
            <dt>"Domisili / Home"</dt>
            <dd>{emp.home.to_string()}</dd>
            {post}
        </dl>
        <ul class="plt">{plt}</ul>

        <h3>"Pendidikan " <span class="en" lang="en">"/ Education"</span></h3>
        <table>
            <thead>
                <tr>
                    <th scope="col">"Jenjang / Level"</th>
                    <th scope="col">"Jurusan / Major"</th>
                    <th scope="col">"Lulus / Year"</th>
                </tr>
            </thead>
            <tbody>
                {emp
                    .education
                    .iter()
                    .map(|x| {
                        view! {
                            <tr>
                                <th scope="row">{x.level.label()}</th>
                                <td>{x.major.clone()}</td>
                                <td>{x.year}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>

        <h3>"Diklat " <span class="en" lang="en">"/ Training"</span></h3>
        {if emp.diklat.is_empty() {
            view! { <p>"Belum ada diklat tercatat / No training recorded"</p> }.into_any()
        } else {
            view! {
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Jenis / Kind"</th>
                            <th scope="col">"Nama / Name"</th>
                            <th scope="col">"Tahun / Year"</th>
                            <th scope="col" class="num">"JP"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {emp
                            .diklat
                            .iter()
                            .map(|d| {
                                view! {
                                    <tr>
                                        <th scope="row">{d.kind.label()}</th>
                                        <td>{d.name.clone()}</td>
                                        <td>{d.year}</td>
                                        <td class="num">{d.hours}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}

        <h3>"SKP " <span class="en" lang="en">"/ Performance"</span></h3>
        <ul id="profil-skp">
            {skp
                .into_iter()
                .map(|r| view! { <li>{r.year} ": " {r.predikat.label()}</li> })
                .collect_view()}
        </ul>

        <h3>"Kompetensi " <span class="en" lang="en">"/ Competencies"</span></h3>
        <table id="profil-competencies">
            <thead>
                <tr>
                    <th scope="col">"Kompetensi / Competency"</th>
                    <th scope="col" class="num">"Level (1–5)"</th>
                </tr>
            </thead>
            <tbody>
                {MANAGERIAL_COMPETENCIES
                    .iter()
                    .zip(emp.competencies.managerial)
                    .map(|(name, l)| {
                        view! {
                            <tr>
                                <th scope="row">{*name}</th>
                                <td class="num">{l.get()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
                <tr>
                    <th scope="row">"Sosiokultural (Perekat Bangsa)"</th>
                    <td class="num">{emp.competencies.socio_cultural.get()}</td>
                </tr>
                {emp
                    .competencies
                    .technical
                    .iter()
                    .map(|t| {
                        view! {
                            <tr>
                                <th scope="row">"Teknis / Technical: " {t.field.label()}</th>
                                <td class="num">{t.level.get()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>

        <h3>"Jalur karier " <span class="en" lang="en">"/ Career path"</span></h3>
        <CareerPath steps=career />

        <h3 id="pilihan">"Pilihan rotasi " <span class="en" lang="en">"/ Rotation options"</span></h3>
        <p>
            "Jabatan terbuka yang dapat Anda tempati, diurutkan menurut kecocokan, dengan manfaatnya bagi karier Anda. Jabatan yang terblokir menyebut aturannya dan kapan terbuka."
        </p>
        <p class="en" lang="en">
            "Open posts you could take, ranked by fit, with what each does for your career. Blocked posts name the rule and when it opens."
        </p>
        <Show
            when=move || show_options.get()
            fallback=move || {
                view! {
                    <button type="button" id="show-options" on:click=move |_| show_options.set(true)>
                        "Hitung pilihan rotasi / Compute rotation options"
                    </button>
                }
            }
        >
            {
                let ds = ds_view.clone();
                move || options.get().map(|o| view! { <Options ds=ds.clone() e options=o today /> })
            }
        </Show>
    }
}

#[component]
fn CareerPath(steps: Vec<CareerStep>) -> impl IntoView {
    if steps.is_empty() {
        return view! { <p>"Tidak ada langkah berikutnya / No next step"</p> }.into_any();
    }
    view! {
        <ol class="career" id="profil-career">
            {steps
                .into_iter()
                .map(|s| {
                    let state = if s.ready {
                        "Siap / Ready".to_string()
                    } else {
                        match s.earliest {
                            Some(d) => format!("Paling cepat / Earliest: {}", date_id(d)),
                            None => "Perlu tindakan / Needs action".to_string(),
                        }
                    };
                    view! {
                        <li class="career-step">
                            <strong>{s.kind.label()}</strong>
                            {if s.structural { " (struktural / structural)" } else { " (fungsional / functional)" }}
                            " — "
                            {state}
                            <ul>
                                {s
                                    .requirements
                                    .into_iter()
                                    .map(|r| {
                                        let mark = if r.met { "✓ terpenuhi" } else { "✗ belum" };
                                        view! {
                                            <li class=if r.met { "req met" } else { "req gap" }>
                                                <span class="req-mark">{mark}</span>
                                                ": "
                                                {r.text.id}
                                                " "
                                                <span class="en" lang="en">"(" {r.text.en} ")"</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
        .into_any()
}

#[component]
fn Options(
    ds: Arc<Dataset>,
    e: EmployeeIdx,
    options: Arc<Vec<EmployeeOption>>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table id="profil-options">
                <thead>
                    <tr>
                        <th scope="col">"Jabatan / Post"</th>
                        <th scope="col" class="num">"Kecocokan / Fit"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Alasan / Reason"</th>
                        <th scope="col">"Bagi karier Anda / For your career"</th>
                    </tr>
                </thead>
                <tbody>
                    {options
                        .iter()
                        .map(|o| {
                            let s = o.slot;
                            let reasons = o
                                .verdicts
                                .hard_failures()
                                .map(|v| {
                                    let until = v
                                        .unblocked_on
                                        .map(|d| format!(" — terbuka mulai {} / open from {d}", date_id(d)))
                                        .unwrap_or_default();
                                    view! {
                                        <li>
                                            {v.reason.id.clone()} " "
                                            <span class="en" lang="en">"(" {v.reason.en.clone()} ")"</span>
                                            {until}
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <tr class=if o.blocked { "blocked" } else { "allowed" }>
                                    <th scope="row">
                                        {link(
                                            slot_href(ds.slots()[s as usize].id.as_str()),
                                            ds.slot_position(s).name.clone(),
                                        )}
                                        <br />
                                        <small>{ds.slot_unit(s).name.clone()}</small>
                                    </th>
                                    <td class="num">{score(o.fit)}</td>
                                    <td>
                                        {if o.blocked {
                                            "Terblokir / Blocked"
                                        } else {
                                            "Boleh / Allowed"
                                        }}
                                        // The employee's own request for an allowed post.
                                        {(!o.blocked && crate::pages::usulan::request::is_own(&ds, e)).then(|| {
                                            let href = crate::pages::usulan::request_href(ds.slots()[s as usize].id.as_str());
                                            view! { <br /><a class="request-link" href=href>"Ajukan pindah ke sini / Request this move"</a> }
                                        })}
                                    </td>
                                    <td>
                                        <ul>{reasons}</ul>
                                    </td>
                                    <td>
                                        <Benefits ds=ds.clone() e s today />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// What the move does for the employee's career (points for and against, with numbers) and the
/// fit breakdown behind the score.
#[component]
fn Benefits(ds: Arc<Dataset>, e: EmployeeIdx, s: u32, today: chrono::NaiveDate) -> impl IntoView {
    let points = move_benefit(&ds, e, s, today, ds.rules());
    let fit = mutasi_core::fit::fit(&ds, e, s, today, ds.rules());
    view! {
        <ul class="benefits">
            {points
                .into_iter()
                .map(|p| {
                    let (mark, class) = if p.good {
                        ("✓ Untung / Gain: ", "benefit good")
                    } else {
                        ("✗ Pertimbangkan / Consider: ", "benefit cost")
                    };
                    view! {
                        <li class=class>
                            <span class="mark">{mark}</span>
                            {p.text.id}
                            " "
                            <span class="en" lang="en">"(" {p.text.en} ")"</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <details class="fit-breakdown">
            <summary>{format!("Rincian kecocokan {} / Fit breakdown", score(fit.score))}</summary>
            <ul>
                {fit
                    .components
                    .into_iter()
                    .map(|c| {
                        let (id, en) = crate::pages::kandidat::component_name(c.component);
                        view! {
                            <li>
                                {format!("{id} / {en}: {} — ", score(c.value))}
                                {c.explanation.id}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
