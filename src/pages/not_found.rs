//! Shown for a path no route matches.

use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h2>{t!(i18n, common.not_found.title)}</h2>
            <a href="/">{t!(i18n, common.not_found.back)}</a>
        </section>
    }
}
