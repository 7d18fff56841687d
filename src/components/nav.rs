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
pub const NAV_ENTRIES: [NavEntry; 9] = [
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
    NavEntry {
        path: "/sk",
        label: "SK",
        label_en: "Decree",
    },
    NavEntry {
        path: "/dampak",
        label: "Dampak",
        label_en: "Impact",
    },
    NavEntry {
        path: "/audit",
        label: "Audit",
        label_en: "Audit trail",
    },
];

/// The planner pages an employee also sees (their own data only, as the server sends it).
pub const EMPLOYEE_PATHS: [&str; 2] = ["/", "/usulan"];

/// Whether the signed-in account is an employee's.
pub fn is_employee() -> bool {
    use_context::<crate::state::session::Session>()
        .and_then(|s| s.account())
        .is_some_and(|a| a.role == mutasi_core::wire::auth::Role::Employee)
}

/// For an employee: how many proposals about them changed since they last looked (nothing when
/// none did, so the entry's text stays "Usulan").
#[allow(non_snake_case)]
fn UnseenBadge() -> impl IntoView {
    let proposals = crate::state::proposals::use_proposals();
    move || {
        let n = proposals
            .filter(|_| is_employee())
            .map_or(0, |p| p.unseen_count());
        (n > 0).then(|| {
            view! {
                <span id="usulan-badge" class="nav-badge" data-count=n>
                    {n}
                    <span class="visually-hidden">" baru / new"</span>
                </span>
            }
        })
    }
}

#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="main-nav" aria-label="Navigasi utama">
            <ul>
                {move || {
                    let employee = is_employee();
                    NAV_ENTRIES
                        .iter()
                        .filter(|entry| !employee || EMPLOYEE_PATHS.contains(&entry.path))
                        .map(|entry| {
                            view! {
                                <li>
                                    <A href=entry.path attr:title=entry.label_en>
                                        {entry.label}
                                        {(entry.path == "/usulan").then(UnseenBadge)}
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                // An employee's own pages; shown only to employees.
                {move || {
                    use_context::<crate::state::session::Session>()
                        .and_then(|s| s.account())
                        .filter(|a| a.role == mutasi_core::wire::auth::Role::Employee)
                        .map(|a| {
                            let own = a
                                .nip
                                .map(|n| crate::components::links::pegawai_href(n.as_str()))
                                .unwrap_or_else(|| "/pegawai".into());
                            view! {
                                <li>
                                    <A href=own attr:title="My career and rotation options" attr:id="nav-karier">
                                        "Karier Saya"
                                    </A>
                                </li>
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
