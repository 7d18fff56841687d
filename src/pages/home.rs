//! Beranda: the landing page.

use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <section class="page">
            <h2>"Beranda"</h2>
            <p>
                "Perencanaan mutasi dan rotasi ASN berdasarkan kebutuhan organisasi, potensi, dan keahlian pegawai."
            </p>
            <p class="en" lang="en">
                "Planning ASN transfers and rotations from organisational need, potential and expertise."
            </p>
        </section>
    }
}
