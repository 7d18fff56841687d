//! Shown for a path no route matches.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h2>"Halaman tidak ditemukan"</h2>
            <p class="en" lang="en">"Page not found."</p>
            <a href="/">"Kembali ke Beranda / Back to Home"</a>
        </section>
    }
}
