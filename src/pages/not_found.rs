//! Shown for a path no route matches.

use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::tr;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h2>{tr(|l| td_string!(l, common.not_found.title))}</h2>
            <a href="/">{tr(|l| td_string!(l, common.not_found.back))}</a>
        </section>
    }
}
