//! Table and on-demand widgets shared by the pages: [`TableHead`], the header row of a table
//! (column names from `locales/`, numeric columns right-aligned), and [`OnDemand`], a button
//! that shows an expensive section (options, succession) only when asked for.

use leptos::prelude::*;

use crate::i18n::Locale;
use crate::lang::tr;

/// A column heading: its name in the chosen language, and whether the column holds numbers
/// (class `num`, right-aligned).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    label: fn(Locale) -> &'static str,
    num: bool,
}

/// A column of text.
pub fn col(label: fn(Locale) -> &'static str) -> Col {
    Col { label, num: false }
}

/// A column of numbers.
pub fn num_col(label: fn(Locale) -> &'static str) -> Col {
    Col { label, num: true }
}

/// The columns of a table, named by their keys in one group of `locales/`:
/// `cols![[usulan.col] employee, to, tmt = num]` is `vec![col(…usulan.col.employee), …,
/// num_col(…usulan.col.tmt)]`.
macro_rules! cols {
    ($group:tt $($key:ident $(= $num:ident)?),+ $(,)?) => {
        vec![$($crate::components::table::cols!(@one $group $key $(= $num)?)),+]
    };
    (@one [$($group:tt)*] $key:ident) => {
        $crate::components::table::col(|l| td_string!(l, $($group)*.$key))
    };
    (@one [$($group:tt)*] $key:ident = num) => {
        $crate::components::table::num_col(|l| td_string!(l, $($group)*.$key))
    };
}
pub(crate) use cols;

/// `<thead>` with one `<th scope="col">` per column.
#[component]
pub fn TableHead(cols: Vec<Col>) -> impl IntoView {
    view! {
        <thead>
            <tr>
                {cols
                    .into_iter()
                    .map(|c| {
                        let class = c.num.then_some("num");
                        view! { <th scope="col" class=class>{tr(c.label)}</th> }
                    })
                    .collect_view()}
            </tr>
        </thead>
    }
}

/// A button (`id`, text `label`) that, once pressed, shows `children` in its place: for
/// sections computed only when asked for. `shown` tells whether it was pressed.
#[component]
pub fn OnDemand(
    id: &'static str,
    label: fn(Locale) -> &'static str,
    shown: RwSignal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Show
            when=move || shown.get()
            fallback=move || {
                view! {
                    <button type="button" id=id on:click=move |_| shown.set(true)>
                        {tr(label)}
                    </button>
                }
            }
        >
            {children()}
        </Show>
    }
}
