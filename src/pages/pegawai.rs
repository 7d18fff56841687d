//! Pegawai (`/pegawai`): every employee, searchable by name or NIP and filterable by OPD and
//! golongan. The list is virtualised: rows have a fixed height and only those in view (plus a
//! few above and below) are in the DOM, so 20,000 rows scroll smoothly.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use mutasi_core::model::{EmployeeIdx, Golongan};
use mutasi_core::Dataset;

use crate::components::format::num;
use crate::components::links::pegawai_href;
use crate::components::no_data::NoData;
use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::state::data::use_city_data;

/// Height of one row in pixels (also set in the row's style).
pub const ROW_HEIGHT: f64 = 56.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 5;
/// Assumed viewport height before the first scroll event reports the real one.
const DEFAULT_VIEWPORT: f64 = 640.0;

/// What the search needs of each employee, computed once per dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    /// Lower-case name per employee.
    names: Vec<String>,
    /// OPD (unit index) per employee, if it holds a post.
    opd: Vec<Option<u32>>,
}

impl SearchIndex {
    pub fn new(ds: &Dataset) -> Self {
        Self {
            names: ds
                .employees()
                .iter()
                .map(|e| e.name.to_lowercase())
                .collect(),
            opd: (0..ds.employees().len() as EmployeeIdx)
                .map(|e| {
                    ds.employee_slot(e)
                        .map(|s| ds.opd_of_unit(ds.slot_unit_idx(s)))
                })
                .collect(),
        }
    }
}

/// The list's filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Part of the name (any case) or of the NIP.
    pub query: String,
    pub opd: Option<u32>,
    pub golongan: Option<Golongan>,
}

/// Employees matching `f`, in dataset order.
pub fn filter_employees(ds: &Dataset, idx: &SearchIndex, f: &Filter) -> Vec<EmployeeIdx> {
    let q = f.query.trim().to_lowercase();
    let digits = !q.is_empty() && q.chars().all(|c| c.is_ascii_digit());
    ds.employees()
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            (q.is_empty()
                || if digits {
                    e.nip.as_str().contains(&q)
                } else {
                    idx.names[*i].contains(&q)
                })
                && f.opd.is_none_or(|o| idx.opd[*i] == Some(o))
                && f.golongan.is_none_or(|g| e.pangkat.golongan == g)
        })
        .map(|(i, _)| i as EmployeeIdx)
        .collect()
}

/// The rows to render for a scroll offset: `first..end` of `len` rows.
pub fn window(len: usize, scroll_top: f64, viewport: f64) -> std::ops::Range<usize> {
    let first = ((scroll_top.max(0.0) / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
    let count = (viewport / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
    first.min(len)..(first + count).min(len)
}

/// The route `/pegawai`.
#[component]
pub fn Pegawai() -> impl IntoView {
    let data = use_city_data();
    let index = Memo::new(move |_| data.dataset.get().map(|ds| Arc::new(SearchIndex::new(&ds))));
    view! {
        <section class="page">
            <h2>{tr(|l| td_string!(l, pegawai.title))}</h2>
            {move || match (data.dataset.get(), index.get()) {
                (Some(ds), Some(idx)) => view! { <EmployeeList ds=ds idx=idx /> }.into_any(),
                _ => view! { <NoData /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn EmployeeList(ds: Arc<Dataset>, idx: Arc<SearchIndex>) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(Filter::default());
    let ds_f = ds.clone();
    let matches = Memo::new(move |_| Arc::new(filter.with(|f| filter_employees(&ds_f, &idx, f))));
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT);
    let list_ref = NodeRef::<leptos::html::Div>::new();
    // A new filter starts at the top of the list.
    let reset = move || {
        scroll_top.set(0.0);
        if let Some(el) = list_ref.get_untracked() {
            el.set_scroll_top(0);
        }
    };
    let mut opds: Vec<(u32, String)> = (0..ds.units().len() as u32)
        .filter(|&u| ds.opd_of_unit(u) == u)
        .map(|u| (u, ds.units()[u as usize].name.clone()))
        .collect();
    opds.sort_by(|a, b| a.1.cmp(&b.1));
    let ds_rows = ds.clone();
    let rows = move || {
        let m = matches.get();
        let w = window(m.len(), scroll_top.get(), viewport.get());
        let total = m.len();
        w.map(|pos| (pos, m[pos], total)).collect::<Vec<_>>()
    };
    view! {
        <div class="filters">
            <label>
                {tr(|l| td_string!(l, pegawai.search))}
                " "
                <input
                    type="search"
                    id="pegawai-q"
                    autocomplete="off"
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        filter.update(|f| f.query = q);
                        reset();
                    }
                />
            </label>
            <label>
                {tr(|l| td_string!(l, pegawai.opd))}
                <select
                    id="pegawai-opd"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        filter.update(|f| f.opd = v.parse().ok());
                        reset();
                    }
                >
                    <option value="">{tr(|l| td_string!(l, pegawai.all_opd))}</option>
                    {opds
                        .into_iter()
                        .map(|(u, name)| view! { <option value=u.to_string()>{name}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {tr(|l| td_string!(l, pegawai.golongan))}
                <select
                    id="pegawai-gol"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        filter.update(|f| f.golongan = v.parse().ok());
                        reset();
                    }
                >
                    <option value="">{tr(|l| td_string!(l, pegawai.all_golongan))}</option>
                    {Golongan::all()
                        .map(|g| view! { <option value=g.to_string()>{g.to_string()}</option> })
                        .collect_view()}
                </select>
            </label>
        </div>
        <p id="pegawai-count" role="status">
            {move || {
                let n = num(matches.get().len() as f64, 0);
                td_string!(i18n.get_locale(), pegawai.found, n).to_string()
            }}
        </p>
        <div
            class="vlist"
            id="pegawai-list"
            role="list"
            aria-label=move || td_string!(i18n.get_locale(), pegawai.list_label)
            tabindex="0"
            style="overflow-y:auto;height:70vh;position:relative"
            node_ref=list_ref
            on:scroll=move |ev| {
                let el = event_target::<web_sys::Element>(&ev);
                scroll_top.set(el.scroll_top() as f64);
                viewport.set(el.client_height().max(1) as f64);
            }
        >
            <div
                class="vlist-inner"
                style=move || {
                format!("position:relative;height:{}px", matches.get().len() as f64 * ROW_HEIGHT)
            }
            >
                <For
                    each=rows
                    key=|(pos, e, _)| (*pos, *e)
                    children=move |(pos, e, total)| {
                        view! { <EmployeeRow ds=ds_rows.clone() e=e pos=pos total=total /> }
                    }
                />
            </div>
        </div>
    }
}

#[component]
fn EmployeeRow(ds: Arc<Dataset>, e: EmployeeIdx, pos: usize, total: usize) -> impl IntoView {
    let emp = &ds.employees()[e as usize];
    let (post, unit) = match ds.employee_slot(e) {
        Some(s) => (
            ds.slot_position(s).name.clone(),
            ds.slot_unit(s).name.clone(),
        ),
        None => ("—".to_string(), String::new()),
    };
    let name = emp.name.clone();
    let meta = format!(
        "{} · {} · {} · {post} · {unit}",
        emp.nip, emp.status, emp.pangkat.golongan,
    );
    view! {
        <div
            class="vrow"
            role="listitem"
            aria-posinset=pos + 1
            aria-setsize=total
            data-nip=emp.nip.to_string()
            style=format!(
                "position:absolute;left:0;right:0;top:{}px;height:{}px",
                pos as f64 * ROW_HEIGHT,
                ROW_HEIGHT,
            )
        >
            <A href=pegawai_href(emp.nip.as_str())>
                <span class="vrow-name">{name}</span>
                <span class="vrow-meta">{meta}</span>
            </A>
        </div>
    }
}
