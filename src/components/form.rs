//! Labelled form fields shared by the pages, each bound to a string signal: [`NotesField`], a
//! reason or notes box held to the core's limit (`MAX_NOTES_CHARS`), and [`InputField`], a
//! one-line input (text, date, numbers). The label is the children, so it can follow the
//! language or quote a rule's figure.

use leptos::prelude::*;
use mutasi_core::workflow::MAX_NOTES_CHARS;

/// A `<textarea id=id>` for a reason or notes, in a label.
#[component]
pub fn NotesField(
    id: &'static str,
    value: RwSignal<String>,
    #[prop(default = 3)] rows: u32,
    children: Children,
) -> impl IntoView {
    view! {
        <label>
            {children()}
            " "
            <textarea
                id=id
                rows=rows
                maxlength=MAX_NOTES_CHARS
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </label>
    }
}

/// An `<input id=id type=kind>` in a label.
#[component]
pub fn InputField(
    id: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <label>
            {children()}
            " "
            <input
                id=id
                type=kind
                placeholder=placeholder
                inputmode=inputmode
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
