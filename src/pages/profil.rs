//! Profil & Karier (`/pegawai/:nip`): an employee's data (rank, post, tenure, education,
//! diklat, SKP, competencies), the next career steps with their gaps, and rotation options —
//! including blocked posts with the rule that blocks them and when that changes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mutasi_core::model::{Employee, EmployeeIdx, Nip, MANAGERIAL_COMPETENCIES};
use mutasi_core::query::{
    career_path, move_benefit, options_for_employee, CareerStep, EmployeeOption, OptionWhy,
};
use mutasi_core::text::{fmt_count, Span, Text};
use mutasi_core::Dataset;

use crate::components::format::{date_shown, score};
use crate::components::links::{decode, link, slot_href};
use crate::components::no_data::NoData;
use crate::components::table::{cols, OnDemand, TableHead};
use crate::components::verdict::VerdictSummary;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::pages::kandidat::component_name;
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
    let i18n = use_i18n();
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
                                <A href="/pegawai">{tr(|l| td_string!(l, profil.back))}</A>
                            </p>
                        }
                    })
            }}
            {move || match (data.dataset.get(), emp.get()) {
                (None, _) => view! { <h2>{tr(|l| td_string!(l, profil.title))}</h2> <NoData /> }.into_any(),
                (Some(_), None) => {
                    view! {
                        <h2>{tr(|l| td_string!(l, profil.not_found))}</h2>
                        <p>
                            {move || {
                                td_string!(i18n.get_locale(), profil.not_found_nip, nip = nip.get()).to_string()
                            }}
                        </p>
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
    let i18n = use_i18n();
    let today = data.today.get_untracked();
    let emp = &ds.employees()[e as usize];
    let post = ds.employee_slot(e).map(|s| {
        let since = emp.current.as_ref().map(|c| c.since);
        view! {
            <dt>{tr(|l| td_string!(l, profil.facts.post))}</dt>
            <dd id="profil-post">
                {ds.slot_position(s).name.clone()} " (" {ds.slot_position(s).kind.label()} ")"
            </dd>
            <dt>{tr(|l| td_string!(l, profil.facts.unit))}</dt>
            <dd>{ds.slot_unit(s).name.clone()} " — " {ds.slot_opd(s).name.clone()}</dd>
            <dt>{tr(|l| td_string!(l, profil.facts.since))}</dt>
            <dd id="profil-tenure">
                {since
                    .map(|d| {
                        let span = Span::between(d, today);
                        let span = Text::new(span.id(), span.en());
                        move || format!("{} ({})", date_shown(d), pick(&span))
                    })}
            </dd>
        }
    });
    let plt = ds
        .employee_plt(e)
        .iter()
        .map(|&s| {
            let (post, unit) = (ds.slot_position(s).name.clone(), ds.slot_unit(s).name.clone());
            view! {
                <li>
                    {move || td_string!(i18n.get_locale(), profil.facts.plt, post = &post, unit = &unit).to_string()}
                </li>
            }
        })
        .collect_view();
    let career = career_path(&ds, e, today, ds.rules());
    // An employee looking at their own profile sees their options at once; a planner asks.
    let own = use_context::<crate::state::session::Session>()
        .and_then(|s| s.account())
        .and_then(|a| a.nip)
        .is_some_and(|n| n == emp.nip);
    let show_options = RwSignal::new(own);
    let ds_opt = ds.clone();
    // Options are judged on the next round's TMT: the date a request made today would carry.
    let round = mutasi_core::workflow::next_round(today, ds.rules());
    let options = Memo::new(move |_| {
        show_options.get().then(|| {
            Arc::new(options_for_employee(
                &ds_opt,
                e,
                round,
                ds_opt.rules(),
                OPTION_LIMIT,
            ))
        })
    });
    let ds_view = ds.clone();
    let (rank, tmt) = (emp.pangkat_label(), date_shown(emp.pangkat.tmt));
    view! {
        <h2 id="profil-name">{emp.name.clone()}</h2>
        <dl class="facts">
            <dt>{tr(|l| td_string!(l, profil.facts.nip))}</dt>
            <dd id="profil-nip">{emp.nip.to_string()}</dd>
            <dt>{tr(|l| td_string!(l, profil.facts.status))}</dt>
            <dd>{emp.status.label()}</dd>
            <dt>{tr(|l| td_string!(l, profil.facts.rank))}</dt>
            <dd id="profil-rank">
                {move || {
                    td_string!(i18n.get_locale(), profil.facts.rank_value, rank = rank.clone(), date = tmt.clone())
                        .to_string()
                }}
            </dd>
            <dt>{tr(|l| td_string!(l, profil.facts.born))}</dt>
            <dd>{let d = emp.birth_date(); move || date_shown(d)}</dd>
            <dt>{tr(|l| td_string!(l, profil.facts.home))}</dt>
            <dd>{emp.home.to_string()}</dd>
            {post}
        </dl>
        <ul class="plt">{plt}</ul>

        <Qualifications emp=emp.clone() raters=skp_raters(&ds, emp) />

        <h3>{tr(|l| td_string!(l, profil.career.title))}</h3>
        <CareerPath steps=career />

        <h3 id="pilihan">{tr(|l| td_string!(l, profil.options.title))}</h3>
        <p>{tr(|l| td_string!(l, profil.options.intro))}</p>
        <OnDemand id="show-options" label=|l| td_string!(l, profil.options.compute) shown=show_options>
            {
                let ds = ds_view.clone();
                move || options.get().map(|o| view! { <Options ds=ds.clone() e options=o date=round /> })
            }
        </OnDemand>
    }
}

/// The rater of each of `emp`'s recent SKP (as [`Employee::recent_skp`] lists them): the
/// rater's name when the rater is in the data, else the NIP; `None` when not recorded.
fn skp_raters(ds: &Dataset, emp: &Employee) -> Vec<Option<String>> {
    emp.recent_skp(RECENT_SKP)
        .into_iter()
        .map(|r| {
            let nip = r.rater?;
            Some(
                ds.employee(&nip)
                    .map_or_else(|| nip.to_string(), |e| e.name.clone()),
            )
        })
        .collect()
}

/// SKP years shown on the profile.
const RECENT_SKP: usize = 3;

/// The employee's education, training, recent SKP (with the rater) and competencies.
#[component]
fn Qualifications(emp: Employee, raters: Vec<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let skp = emp.recent_skp(RECENT_SKP);
    view! {
    <h3>{tr(|l| td_string!(l, profil.education.title))}</h3>
    <table>
        <TableHead cols=cols![[profil.education] level, major, year] />
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

    <h3>{tr(|l| td_string!(l, profil.diklat.title))}</h3>
    {if emp.diklat.is_empty() {
        view! { <p>{tr(|l| td_string!(l, profil.diklat.none))}</p> }.into_any()
    } else {
        view! {
            <table>
                <TableHead cols=cols![[profil.diklat] kind, name, year, hours = num] />
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

    <h3>{tr(|l| td_string!(l, profil.skp.title))}</h3>
    <ul id="profil-skp">
        {skp
            .into_iter()
            .zip(raters)
            .map(|(r, rater)| {
                let rater = rater.map(|name| {
                    view! {
                        " — "
                        <span class="rater">
                            {move || td_string!(i18n.get_locale(), profil.skp.rater, name = name.clone()).to_string()}
                        </span>
                    }
                });
                view! { <li>{r.year} ": " {r.predikat.label()} {rater}</li> }
            })
            .collect_view()}
    </ul>

    <h3>{tr(|l| td_string!(l, profil.competency.title))}</h3>
    <table id="profil-competencies">
        <TableHead cols=cols![[profil.competency] name, level = num] />
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
                <th scope="row">{tr(|l| td_string!(l, profil.competency.socio_cultural))}</th>
                <td class="num">{emp.competencies.socio_cultural.get()}</td>
            </tr>
            {emp
                .competencies
                .technical
                .iter()
                .map(|t| {
                    let field = t.field.label();
                    view! {
                        <tr>
                            <th scope="row">
                                {move || td_string!(i18n.get_locale(), profil.competency.technical, field).to_string()}
                            </th>
                            <td class="num">{t.level.get()}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </tbody>
    </table>
    }
}

#[component]
fn CareerPath(steps: Vec<CareerStep>) -> impl IntoView {
    let i18n = use_i18n();
    if steps.is_empty() {
        return view! { <p>{tr(|l| td_string!(l, profil.career.none))}</p> }.into_any();
    }
    view! {
        <ol class="career" id="profil-career">
            {steps
                .into_iter()
                .map(|s| {
                    let (ready, earliest, structural) = (s.ready, s.earliest, s.structural);
                    let state = move || match (ready, earliest) {
                        (true, _) => td_string!(i18n.get_locale(), profil.career.ready).to_string(),
                        (false, Some(d)) => {
                            td_string!(i18n.get_locale(), profil.career.earliest, date = date_shown(d)).to_string()
                        }
                        (false, None) => td_string!(i18n.get_locale(), profil.career.needs_action).to_string(),
                    };
                    let kind = move || {
                        if structural {
                            td_string!(i18n.get_locale(), profil.career.structural)
                        } else {
                            td_string!(i18n.get_locale(), profil.career.functional)
                        }
                    };
                    // A named step (the principal's assignment) shows its name, else the kind.
                    let title = s.title.clone();
                    let label = s.kind.label();
                    let name = move || title.as_ref().map_or_else(|| label.to_string(), pick);
                    view! {
                        <li class="career-step">
                            <strong>{name}</strong>
                            " "
                            {kind}
                            " — "
                            {state}
                            <ul>
                                {s
                                    .requirements
                                    .into_iter()
                                    .map(|r| {
                                        let met = r.met;
                                        let mark = move || {
                                            if met {
                                                td_string!(i18n.get_locale(), profil.career.met)
                                            } else {
                                                td_string!(i18n.get_locale(), profil.career.unmet)
                                            }
                                        };
                                        let text = r.text;
                                        view! {
                                            <li class=if met { "req met" } else { "req gap" }>
                                                <span class="req-mark">{mark}</span>
                                                ": "
                                                {move || pick(&text)}
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

/// The options as cards (one per post; they fit a 390 px phone): the post, the fit, the one
/// verdict, the request link, similar posts, and what the move does for the career (only
/// when the move is possible: a blocked post lists what is still needed instead).
#[component]
fn Options(
    ds: Arc<Dataset>,
    e: EmployeeIdx,
    options: Arc<Vec<EmployeeOption>>,
    date: chrono::NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let own = crate::pages::usulan::request::is_own(&ds, e);
    let as_of = date_shown(date);
    view! {
        <p id="profil-options-date" class="note">
            {move || td_string!(i18n.get_locale(), profil.options.as_of, date = &as_of).to_string()}
        </p>
        <ol id="profil-options" class="option-cards">
            {options
                .iter()
                .map(|o| {
                    let s = o.slot;
                    let why = match o.why {
                        OptionWhy::BestFit => None,
                        OptionWhy::SameJabatanNearHome => Some(tr(|l| td_string!(l, profil.options.near_home))),
                        OptionWhy::PreferredKecamatan => Some(tr(|l| td_string!(l, profil.options.preferred))),
                    };
                    let similar = o.similar;
                    let fit = score(o.fit);
                    view! {
                        <li class=if o.blocked { "option blocked" } else { "option allowed" }>
                            <h4 class="option-post">
                                {link(
                                    slot_href(ds.slots()[s as usize].id.as_str()),
                                    ds.slot_position(s).name.clone(),
                                )}
                            </h4>
                            <p class="option-unit">
                                {ds.slot_unit(s).name.clone()}
                                {why.map(|w| view! { " " <span class="badge why">{w}</span> })}
                            </p>
                            <p class="option-fit">
                                {move || td_string!(i18n.get_locale(), profil.options.fit_value, score = &fit).to_string()}
                            </p>
                            <VerdictSummary summary=o.summary.clone() />
                            // The employee's own request for a post they may ask for.
                            {(!o.blocked && own).then(|| {
                                let href = crate::pages::usulan::request_href(ds.slots()[s as usize].id.as_str());
                                view! { <p><a class="request-link" href=href>{tr(|l| td_string!(l, profil.options.request))}</a></p> }
                            })}
                            {(similar > 0).then(|| {
                                let n = fmt_count(similar);
                                view! {
                                    <p class="similar">
                                        {move || td_string!(i18n.get_locale(), profil.options.similar, count = &n).to_string()}
                                    </p>
                                }
                            })}
                            {(!o.blocked).then(|| view! {
                                <h5>{tr(|l| td_string!(l, profil.options.career))}</h5>
                                <Benefits ds=ds.clone() e s today=date />
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// What the move does for the employee's career (points for and against, with numbers) and the
/// fit breakdown behind the score.
#[component]
fn Benefits(ds: Arc<Dataset>, e: EmployeeIdx, s: u32, today: chrono::NaiveDate) -> impl IntoView {
    let points = move_benefit(&ds, e, s, today, ds.rules());
    let fit = mutasi_core::fit::fit(&ds, e, s, today, ds.rules());
    let i18n = use_i18n();
    let total = score(fit.score);
    view! {
        <ul class="benefits">
            {points
                .into_iter()
                .map(|p| {
                    let good = p.good;
                    let mark = move || {
                        if good {
                            td_string!(i18n.get_locale(), profil.options.gain)
                        } else {
                            td_string!(i18n.get_locale(), profil.options.consider)
                        }
                    };
                    let text = p.text;
                    view! {
                        <li class=if good { "benefit good" } else { "benefit cost" }>
                            <span class="mark">{mark}</span>
                            " "
                            {move || pick(&text)}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <details class="fit-breakdown">
            <summary>
                {move || td_string!(i18n.get_locale(), profil.options.breakdown, score = &total).to_string()}
            </summary>
            <ul>
                {fit
                    .components
                    .into_iter()
                    .map(|c| {
                        let (component, value, explanation) = (c.component, score(c.value), c.explanation);
                        view! {
                            <li>
                                {move || {
                                    let name = component_name(component, i18n.get_locale());
                                    format!("{name}: {value} — {}", pick(&explanation))
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
