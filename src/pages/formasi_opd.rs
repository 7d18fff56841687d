//! Formasi of one OPD (`/formasi/opd/:id`): need vs headcount per jabatan, and the slots with
//! their state (vacant / Plt / definitive); open slots link to their candidates.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use mutasi_core::model::{HoldKind, SlotIdx, UnitId};
use mutasi_core::query::{need_by, AbkClass};
use mutasi_core::Dataset;

use super::formasi::{class_text, PeopleCell};
use crate::components::format::num;
use crate::components::links::{decode, person_link, slot_href};
use crate::components::no_data::NoData;
use crate::components::table::{cols, TableHead};
use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::state::data::use_city_data;

/// Need and headcount of one jabatan across an OPD.
#[derive(Debug, Clone, PartialEq)]
pub struct JabatanNeed {
    pub position: u32,
    pub kebutuhan: f64,
    pub bezetting: u32,
    /// Σ shortage over the OPD's units ([`mutasi_core::query::NeedTotals::shortage`]).
    pub shortage: f64,
    /// Σ excess over the OPD's units.
    pub excess: f64,
    pub class: AbkClass,
}

/// Need of the units under OPD `opd`, summed per jabatan, biggest shortage first.
pub fn jabatan_need(ds: &Dataset, opd: u32) -> Vec<JabatanNeed> {
    let rules = ds.rules();
    let mut rows: Vec<JabatanNeed> = need_by(ds, rules, ds.positions().len(), |r| {
        (ds.opd_of_unit(r.unit) == opd).then_some(r.position)
    })
    .into_iter()
    .map(|(position, t)| JabatanNeed {
        position,
        kebutuhan: t.kebutuhan,
        bezetting: t.bezetting,
        shortage: t.shortage,
        excess: t.excess,
        class: t.class(rules),
    })
    .collect();
    rows.sort_by(|a, b| {
        b.shortage
            .total_cmp(&a.shortage)
            .then(b.excess.total_cmp(&a.excess))
            .then(a.position.cmp(&b.position))
    });
    rows
}

/// Which slots to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotFilter {
    /// Vacant or held by a Plt.
    Open,
    Vacant,
    Plt,
    Definitive,
    All,
}

impl SlotFilter {
    fn admits(self, holder: Option<HoldKind>) -> bool {
        match self {
            SlotFilter::Open => holder != Some(HoldKind::Definitive),
            SlotFilter::Vacant => holder.is_none(),
            SlotFilter::Plt => holder == Some(HoldKind::Plt),
            SlotFilter::Definitive => holder == Some(HoldKind::Definitive),
            SlotFilter::All => true,
        }
    }
}

/// Slots under OPD `opd` that pass `filter`, in dataset order.
pub fn opd_slots(ds: &Dataset, opd: u32, filter: SlotFilter) -> Vec<SlotIdx> {
    (0..ds.slots().len() as SlotIdx)
        .filter(|&s| ds.opd_of_unit(ds.slot_unit_idx(s)) == opd)
        .filter(|&s| filter.admits(ds.slots()[s as usize].holder.as_ref().map(|h| h.kind)))
        .collect()
}

/// At most this many slots are listed at once.
const SLOT_LIMIT: usize = 200;

/// The route `/formasi/opd/:id`.
#[component]
pub fn FormasiOpd() -> impl IntoView {
    let params = use_params_map();
    let id = Signal::derive(move || decode(&params.read().get("id").unwrap_or_default()));
    view! { <OpdDetail unit_id=id /> }
}

/// The formation of one OPD, by id.
#[component]
pub fn OpdDetail(#[prop(into)] unit_id: Signal<String>) -> impl IntoView {
    let data = use_city_data();
    let opd = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        let id = UnitId::new(unit_id.get()).ok()?;
        ds.unit_idx(&id)
    });
    let jabatan = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        Some(Arc::new(jabatan_need(&ds, opd.get()?)))
    });
    let filter = RwSignal::new(SlotFilter::Open);
    let slots = Memo::new(move |_| {
        let ds = data.dataset.get()?;
        Some(Arc::new(opd_slots(&ds, opd.get()?, filter.get())))
    });
    let i18n = use_i18n();
    view! {
        <section class="page">
            <p>
                <A href="/formasi">{tr(|l| td_string!(l, formasi.opd.back))}</A>
            </p>
            {move || match (data.dataset.get(), opd.get()) {
                (None, _) => view! { <h2>{tr(|l| td_string!(l, formasi.title))}</h2> <NoData /> }.into_any(),
                (Some(_), None) => view! { <h2>{tr(|l| td_string!(l, formasi.opd.not_found))}</h2> }.into_any(),
                (Some(ds), Some(opd)) => {
                    let name = ds.units()[opd as usize].name.clone();
                    view! {
                        <h2>
                            {move || td_string!(i18n.get_locale(), formasi.opd.heading, name = name.clone()).to_string()}
                        </h2>
                        <JabatanTable ds=ds.clone() rows=jabatan.get().unwrap_or_default() />
                        <h3>{tr(|l| td_string!(l, formasi.opd.slots))}</h3>
                        <SlotFilterButtons filter=filter />
                        <SlotTable ds=ds.clone() slots=slots.get().unwrap_or_default() />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn JabatanTable(ds: Arc<Dataset>, rows: Arc<Vec<JabatanNeed>>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table id="formasi-jabatan">
                <caption>{tr(|l| td_string!(l, formasi.opd.jabatan_caption))}</caption>
                <TableHead cols=cols![[formasi.table] position, need = num, headcount = num, short = num, excess = num, class] />
                <tbody>
                    {rows
                        .iter()
                        .map(|r| {
                            let p = &ds.positions()[r.position as usize];
                            view! {
                                <tr>
                                    <th scope="row">
                                        {p.name.clone()} <br />
                                        <small class="en">{p.kind.label()}</small>
                                    </th>
                                    <td class="num">{num(r.kebutuhan, 1)}</td>
                                    <td class="num">{num(r.bezetting as f64, 0)}</td>
                                    <PeopleCell value=r.shortage class="gap-short" />
                                    <PeopleCell value=r.excess class="gap-excess" />
                                    <td>{class_text(r.class)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The label of a slot filter, or of a slot's state (the same words).
fn filter_label(i18n: crate::lang::Lang, f: SlotFilter) -> &'static str {
    match f {
        SlotFilter::Open => td_string!(i18n.get_locale(), formasi.slot.open),
        SlotFilter::Vacant => td_string!(i18n.get_locale(), formasi.slot.vacant),
        SlotFilter::Plt => td_string!(i18n.get_locale(), formasi.slot.plt),
        SlotFilter::Definitive => td_string!(i18n.get_locale(), formasi.slot.definitive),
        SlotFilter::All => td_string!(i18n.get_locale(), formasi.slot.all),
    }
}

#[component]
fn SlotFilterButtons(filter: RwSignal<SlotFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let options = [
        SlotFilter::Open,
        SlotFilter::Vacant,
        SlotFilter::Plt,
        SlotFilter::Definitive,
        SlotFilter::All,
    ];
    view! {
        <div class="toolbar" role="group" aria-label=move || td_string!(i18n.get_locale(), formasi.slot.filter_label)>
            {options
                .into_iter()
                .map(|f| {
                    view! {
                        <button
                            type="button"
                            class="sort"
                            aria-pressed=move || (filter.get() == f).to_string()
                            on:click=move |_| filter.set(f)
                        >
                            {move || filter_label(i18n, f)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn SlotTable(ds: Arc<Dataset>, slots: Arc<Vec<SlotIdx>>) -> impl IntoView {
    let i18n = use_i18n();
    let total = slots.len();
    let shown_total = num(total as f64, 0);
    let note = (total > SLOT_LIMIT).then(|| {
        let total = shown_total.clone();
        view! {
            <p class="note">
                {move || {
                    td_string!(i18n.get_locale(), formasi.slot.showing, shown = SLOT_LIMIT, total = total.clone())
                        .to_string()
                }}
            </p>
        }
    });
    view! {
        {note}
        <div class="table-wrap">
            <table id="formasi-slots">
                <caption>
                    {move || td_string!(i18n.get_locale(), formasi.slot.count, n = shown_total.clone()).to_string()}
                </caption>
                <TableHead cols=cols![[formasi.slot] unit, position, status, holder, candidates] />
                <tbody>
                    {slots
                        .iter()
                        .take(SLOT_LIMIT)
                        .map(|&s| {
                            let slot = &ds.slots()[s as usize];
                            let state = match slot.holder.as_ref().map(|h| h.kind) {
                                None => SlotFilter::Vacant,
                                Some(HoldKind::Plt) => SlotFilter::Plt,
                                Some(HoldKind::Definitive) => SlotFilter::Definitive,
                            };
                            let status = move || filter_label(i18n, state);
                            let holder = ds
                                .slot_holder(s)
                                .map(|e| {
                                    let emp = &ds.employees()[e as usize];
                                    person_link(emp)
                                });
                            let cands = slot
                                .is_open()
                                .then(|| {
                                    view! {
                                        <A href=slot_href(slot.id.as_str())>
                                            {tr(|l| td_string!(l, formasi.slot.see_candidates))}
                                        </A>
                                    }
                                });
                            view! {
                                <tr data-slot=slot.id.to_string()>
                                    <td>{ds.slot_unit(s).name.clone()}</td>
                                    <th scope="row">{ds.slot_position(s).name.clone()}</th>
                                    <td>{status}</td>
                                    <td>{holder}</td>
                                    <td>{cands}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
