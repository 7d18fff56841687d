//! Which groups of the plan the review shows: a text (name, NIP, unit or position), a kind
//! (swap, ring, vacancy chain), only groups with a warning, only groups that move a principal
//! (into or out of a kepala sekolah post). The bulk actions act on what the filter shows.

use leptos::prelude::*;
use mutasi_core::plan::{GroupKind, Move, MoveGroup, Plan};
use mutasi_core::Dataset;

use crate::i18n::*;
use crate::lang::{tr, use_i18n};

/// The review's filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupFilter {
    /// Name, NIP, unit or position, any case.
    pub text: String,
    /// One kind of group, or all.
    pub kind: Option<GroupKind>,
    /// Only groups with at least one warning.
    pub warnings: bool,
    /// Only groups that move someone into or out of a principal's post.
    pub principals: bool,
}

/// Whether move `m` goes into or out of a principal's (kepala sekolah) post.
pub fn moves_a_principal(ds: &Dataset, m: &Move) -> bool {
    [&m.from.position, &m.to.position]
        .into_iter()
        .any(|p| ds.position(p).is_some_and(|p| p.is_principal()))
}

impl GroupFilter {
    /// Whether group `g` of `plan` passes the filter.
    pub fn matches(&self, ds: &Dataset, plan: &Plan, g: &MoveGroup) -> bool {
        let moves = || g.moves.iter().map(|&i| &plan.moves[i]);
        let f = self.text.trim().to_lowercase();
        self.kind.is_none_or(|k| k == g.kind)
            && (!self.warnings || moves().any(|m| !m.warnings.is_empty()))
            && (!self.principals || moves().any(|m| moves_a_principal(ds, m)))
            && (f.is_empty()
                || moves().any(|m| {
                    [
                        m.name.as_str(),
                        m.nip.as_str(),
                        &m.from.unit_name,
                        &m.to.unit_name,
                        &m.from.position_name,
                        &m.to.position_name,
                    ]
                    .iter()
                    .any(|s| s.to_lowercase().contains(&f))
                }))
    }
}

/// The filter's fields; each change goes back to the first page.
#[component]
pub fn FilterFields(filter: RwSignal<GroupFilter>, page: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let set = move |f: &dyn Fn(&mut GroupFilter)| {
        filter.update(|x| f(x));
        page.set(0);
    };
    let kinds = [
        ("", None),
        ("chain", Some(GroupKind::Chain)),
        ("swap", Some(GroupKind::Swap)),
        ("cycle", Some(GroupKind::Cycle)),
    ];
    view! {
        <label>
            {tr(|l| td_string!(l, rencana.result.search))}
            " "
            <input
                id="plan-filter"
                type="search"
                prop:value=move || filter.with(|f| f.text.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|f| f.text = v.clone());
                }
            />
        </label>
        <label>
            {tr(|l| td_string!(l, rencana.filter.kind))}
            " "
            <select
                id="plan-kind"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let k = kinds.iter().find(|(key, _)| *key == v).and_then(|(_, k)| *k);
                    set(&|f| f.kind = k);
                }
            >
                {kinds
                    .iter()
                    .map(|(key, k)| {
                        let (key, k) = (*key, *k);
                        view! {
                            <option value=key selected=move || filter.with(|f| f.kind == k)>
                                {move || match k {
                                    None => td_string!(i18n.get_locale(), rencana.filter.all_kinds),
                                    Some(k) => super::review::group_label(k, i18n.get_locale()),
                                }}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
        <FilterCheck id="plan-warnings" filter page field=|f| &mut f.warnings>
            {tr(|l| td_string!(l, rencana.filter.warnings))}
        </FilterCheck>
        <FilterCheck id="plan-principals" filter page field=|f| &mut f.principals>
            {tr(|l| td_string!(l, rencana.filter.principals))}
        </FilterCheck>
    }
}

/// One on/off field of the filter as a checkbox; a change goes back to the first page.
#[component]
fn FilterCheck(
    id: &'static str,
    filter: RwSignal<GroupFilter>,
    page: RwSignal<usize>,
    field: fn(&mut GroupFilter) -> &mut bool,
    children: Children,
) -> impl IntoView {
    view! {
        <label class="check">
            <input
                id=id
                type="checkbox"
                prop:checked=move || {
                    let mut f = filter.get();
                    *field(&mut f)
                }
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    filter.update(|f| *field(f) = on);
                    page.set(0);
                }
            />
            {children()}
        </label>
    }
}
