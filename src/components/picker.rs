//! [`Picker`]: a text field that finds people or posts by name as the planner types (from two
//! characters on) and lists the matches as buttons under it; picking one fills the field with
//! its label ("Name (NIP)", "Jabatan — Unit (ID)"), which the core's `resolve_*` reads back.
//! Raw ids still work, so a planner who knows them loses nothing.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::use_i18n;

/// A search that returns labels for a typed text.
pub type Search = Arc<dyn Fn(&str) -> Vec<String> + Send + Sync>;

/// Suggestions shown at most.
pub const SUGGESTIONS: usize = 8;

/// The field `id` bound to `value`, with the suggestions of `search` in `#<id>-list`.
#[component]
pub fn Picker(
    id: &'static str,
    value: RwSignal<String>,
    search: Search,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let hits = Memo::new(move |_| {
        let q = value.get();
        if !open.get() || !mutasi_core::query::worth_searching(&q) {
            Vec::new()
        } else {
            search(&q)
        }
    });
    let list_id = format!("{id}-list");
    let count_id = format!("{id}-count");
    view! {
        <div class="picker">
            <label>
                {children()}
                " "
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    aria-describedby=count_id.clone()
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        open.set(true);
                    }
                />
            </label>
            <p id=count_id class="picker-count" aria-live="polite">
                {move || {
                    let n = hits.with(Vec::len);
                    (open.get() && n > 0)
                        .then(|| td_string!(i18n.get_locale(), common.picker.count, n).to_string())
                }}
            </p>
            <ul id=list_id class="picker-list">
                {move || {
                    hits.get()
                        .into_iter()
                        .map(|label| {
                            let picked = label.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            value.set(picked.clone());
                                            open.set(false);
                                        }
                                    >
                                        {label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
