//! [`CheckGroup`]: a group of checkboxes that is one keyboard stop.
//!
//! Tab enters the group on one checkbox (the last one used, else the first); the arrow keys move
//! between its checkboxes (Home and End to the ends), Space ticks or unticks as ever, and the
//! next Tab leaves the group. Eighteen kecamatan and the fields of work cost two Tabs, not 33
//! (issue 20, item 11). A hint under the legend says so; it is the group's description.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where an arrow key moves within a group of `len` (None: not a key the group handles).
pub fn step(key: &str, at: usize, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    match key {
        "ArrowDown" | "ArrowRight" => Some((at + 1) % len),
        "ArrowUp" | "ArrowLeft" => Some((at + len - 1) % len),
        "Home" => Some(0),
        "End" => Some(len - 1),
        _ => None,
    }
}

/// Adds `value` to `list`, or removes it if present.
fn toggle<T: PartialEq + Copy>(list: &mut Vec<T>, value: T) {
    if let Some(i) = list.iter().position(|v| *v == value) {
        list.remove(i);
    } else {
        list.push(value);
    }
}

/// A fieldset of checkboxes, one per `(value, label)` of `options`, ticked as `chosen` holds them.
/// `id` names the fieldset (and, with `-hint`, its description).
#[component]
pub fn CheckGroup<T>(
    id: &'static str,
    legend: Signal<String>,
    hint: Signal<String>,
    options: Vec<(T, &'static str)>,
    chosen: RwSignal<Vec<T>>,
) -> impl IntoView
where
    T: PartialEq + Copy + Send + Sync + 'static,
{
    let len = options.len();
    // The checkbox that takes the group's one Tab stop.
    let current = RwSignal::new(0usize);
    let boxes = NodeRef::<leptos::html::Div>::new();
    let move_to = move |i: usize| {
        current.set(i);
        let input = boxes
            .get_untracked()
            .and_then(|d| d.query_selector_all("input").ok())
            .and_then(|list| list.item(i as u32));
        if let Some(input) = input {
            let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            let keydown = move |ev: leptos::ev::KeyboardEvent| {
                if let Some(next) = step(&ev.key(), i, len) {
                    ev.prevent_default();
                    move_to(next);
                }
            };
            view! {
                <label class="choice">
                    <input
                        type="checkbox"
                        value=label
                        tabindex=move || if current.get() == i { "0" } else { "-1" }
                        prop:checked=move || chosen.with(|l| l.contains(&value))
                        on:change=move |_| chosen.update(|l| toggle(l, value))
                        on:focus=move |_| current.set(i)
                        on:keydown=keydown
                    />
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset id=id aria-describedby=described_by>
            <legend>{legend}</legend>
            <p class="hint" id=hint_id>{hint}</p>
            <div class="choices" node_ref=boxes>{items}</div>
        </fieldset>
    }
}
