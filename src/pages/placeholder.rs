//! A page that is announced in the navigation but not built yet.

use leptos::prelude::*;

#[component]
pub fn ComingSoon(title: &'static str, title_en: &'static str) -> impl IntoView {
    view! {
        <section class="page">
            <h2>{title}</h2>
            <p>"Halaman ini sedang disiapkan."</p>
            <p class="en" lang="en">{format!("{title_en}: this page is being prepared.")}</p>
        </section>
    }
}
