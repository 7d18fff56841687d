//! The main navigation: one entry per page, Bahasa Indonesia first.

use leptos::prelude::*;
use leptos_router::components::A;

/// A navigation entry: path, Indonesian label, English label.
pub struct NavEntry {
    pub path: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
}

/// Every page of the app, in menu order.
pub const NAV_ENTRIES: [NavEntry; 6] = [
    NavEntry {
        path: "/",
        label: "Beranda",
        label_en: "Home",
    },
    NavEntry {
        path: "/pegawai",
        label: "Pegawai",
        label_en: "Employees",
    },
    NavEntry {
        path: "/formasi",
        label: "Formasi",
        label_en: "Positions & needs",
    },
    NavEntry {
        path: "/rencana",
        label: "Rencana Mutasi",
        label_en: "Transfer plan",
    },
    NavEntry {
        path: "/talenta",
        label: "Talenta",
        label_en: "Talent",
    },
    NavEntry {
        path: "/usulan",
        label: "Usulan",
        label_en: "Proposals",
    },
];

#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="main-nav" aria-label="Navigasi utama">
            <ul>
                {NAV_ENTRIES
                    .iter()
                    .map(|entry| {
                        view! {
                            <li>
                                <A href=entry.path attr:title=entry.label_en>
                                    {entry.label}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
                // An employee's own page; shown only to employees.
                {move || {
                    use_context::<crate::state::session::Session>()
                        .and_then(|s| s.account())
                        .filter(|a| a.role == mutasi_core::wire::auth::Role::Employee)
                        .map(|_| {
                            view! {
                                <li>
                                    <A href="/minat" attr:title="Preferences">
                                        "Minat"
                                    </A>
                                </li>
                            }
                        })
                }}
            </ul>
        </nav>
    }
}
