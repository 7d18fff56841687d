//! The main navigation: one entry per page the signed-in role may open ([`paths_for`]), Bahasa
//! Indonesia first.

use leptos::prelude::*;
use leptos_router::components::A;

use mutasi_core::wire::auth::Role;

use crate::i18n::*;
use crate::lang::{tr, use_lang};

/// Every page of the app, in menu order (labels in `locales/*/common.json`, `nav.*`).
pub const NAV_PATHS: [&str; 11] = [
    "/", "/pegawai", "/formasi", "/rencana", "/talenta", "/usulan", "/sk", "/dampak", "/audit",
    "/data", "/akun",
];

/// The pages each role may open, in menu order. Signed out, only Beranda (which asks to log in).
pub fn paths_for(role: Option<Role>) -> &'static [&'static str] {
    match role {
        None => &["/"],
        Some(Role::Employee) => &["/", "/usulan"],
        Some(Role::Planner) => &[
            "/", "/pegawai", "/formasi", "/rencana", "/talenta", "/usulan", "/sk", "/dampak",
        ],
        Some(Role::Approver) => &[
            "/", "/pegawai", "/formasi", "/talenta", "/usulan", "/sk", "/dampak", "/audit",
        ],
        Some(Role::Admin) => &NAV_PATHS,
    }
}

/// The menu label of `path` in `locale`.
pub fn nav_label(path: &str, locale: Locale) -> &'static str {
    match path {
        "/pegawai" => td_string!(locale, common.nav.pegawai),
        "/formasi" => td_string!(locale, common.nav.formasi),
        "/rencana" => td_string!(locale, common.nav.rencana),
        "/talenta" => td_string!(locale, common.nav.talenta),
        "/usulan" => td_string!(locale, common.nav.usulan),
        "/sk" => td_string!(locale, common.nav.sk),
        "/dampak" => td_string!(locale, common.nav.dampak),
        "/audit" => td_string!(locale, common.nav.audit),
        "/data" => td_string!(locale, common.nav.data),
        "/akun" => td_string!(locale, common.nav.akun),
        _ => td_string!(locale, common.nav.home),
    }
}

/// Whether the signed-in account is an employee's.
pub fn is_employee() -> bool {
    use_context::<crate::state::session::Session>()
        .and_then(|s| s.account())
        .is_some_and(|a| a.role == Role::Employee)
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
                    <span class="visually-hidden">{tr(|l| td_string!(l, common.nav.badge_new))}</span>
                </span>
            }
        })
    }
}

#[component]
pub fn Nav() -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="main-nav" aria-label=move || td_string!(lang.get(), common.nav.label)>
            <ul>
                {move || {
                    let role = use_context::<crate::state::session::Session>()
                        .and_then(|s| s.account())
                        .map(|a| a.role);
                    let locale = lang.get();
                    paths_for(role)
                        .iter()
                        .map(|&path| {
                            view! {
                                <li>
                                    <A href=path>
                                        {nav_label(path, locale)}
                                        {(path == "/usulan").then(UnseenBadge)}
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
                        .filter(|a| a.role == Role::Employee)
                        .map(|a| {
                            let own = a
                                .nip
                                .map(|n| crate::components::links::pegawai_href(n.as_str()))
                                .unwrap_or_else(|| "/pegawai".into());
                            view! {
                                <li>
                                    <A href=own attr:id="nav-karier">
                                        {tr(|l| td_string!(l, common.nav.karier))}
                                    </A>
                                </li>
                                <li>
                                    <A href="/minat">
                                        {tr(|l| td_string!(l, common.nav.minat))}
                                    </A>
                                </li>
                            }
                        })
                }}
            </ul>
        </nav>
    }
}
