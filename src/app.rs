//! The root component: context providers, the shell (title, navigation, status) and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::account_menu::AccountMenu;
use crate::components::focus::FocusOnNavigate;
use crate::components::lang_switch::LangSwitch;
use crate::components::nav::Nav;
use crate::components::status_bar::StatusBar;
use crate::components::update_banner::UpdateBanner;
use crate::i18n::*;
use crate::lang::tr;
use crate::lazy_routes as routes;
use crate::pages::login::Login;
use crate::pages::not_found::NotFound;
use crate::state;

#[component]
pub fn App() -> impl IntoView {
    crate::lang::provide();
    state::connectivity::provide();
    state::cache::provide();
    state::app_update::provide();
    state::session::provide();
    state::data::provide();
    state::sync::provide();
    state::proposals::provide();
    crate::planner::state::provide();
    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// The frame around every page. Separate from [`App`] so tests can mount it inside their own
/// router and providers.
#[component]
pub fn Shell() -> impl IntoView {
    let main = NodeRef::<leptos::html::Main>::new();
    // Until the stored session is read (a few hundred ms at start), the frame is laid out but
    // not shown: the menu and the account appear only then, and showing the frame before would
    // move the whole page down under the reader's eyes (Lighthouse's layout shift). At most
    // BOOT_MS, so a stuck storage never leaves a blank screen.
    let session = use_context::<state::session::Session>();
    let waited = RwSignal::new(false);
    gloo_timers::callback::Timeout::new(BOOT_MS, move || {
        let _ = waited.try_set(true);
    })
    .forget();
    let booting = move || !waited.get() && session.is_some_and(|s| !s.restored.get());
    view! {
        // The first stop of the keyboard: past the header and the menu to the page.
        // The router would take the link's click as a navigation: focus `main` here, so the
        // next Tab is the page's first control.
        <a class="skip-link" href="#content" on:click=move |ev| {
            ev.prevent_default();
            if let Some(m) = main.get_untracked() {
                let _ = m.focus();
            }
        }>{tr(|l| td_string!(l, common.skip))}</a>
        <div class="shell" class:booting=booting>
        <header class="app-header">
            <h1>{mutasi_core::version::app_title()}</h1>
            <StatusBar />
            <LangSwitch />
            <AccountMenu />
        </header>
        <UpdateBanner />
        <Nav />
        <FocusOnNavigate main />
        <main id="content" tabindex="-1" node_ref=main>
            <routes::PageLoading />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=routes::home() />
                <Route path=path!("/masuk") view=Login />
                <Route path=path!("/minat") view=routes::minat() />
                <Route path=path!("/pegawai") view=routes::pegawai() />
                <Route path=path!("/pegawai/:nip") view=routes::profil() />
                <Route path=path!("/formasi") view=routes::formasi() />
                <Route path=path!("/formasi/opd/:id") view=routes::formasi_opd() />
                <Route path=path!("/formasi/slot/:id") view=routes::kandidat() />
                <Route path=path!("/rencana") view=routes::rencana() />
                <Route path=path!("/talenta") view=routes::talenta() />
                <Route path=path!("/usulan") view=routes::usulan_list() />
                <Route path=path!("/usulan/:id") view=routes::usulan_detail() />
                <Route path=path!("/sk") view=routes::sk() />
                <Route path=path!("/audit") view=routes::audit() />
                <Route path=path!("/data") view=routes::data() />
                <Route path=path!("/akun") view=routes::akun() />
                <Route path=path!("/dampak") view=routes::dampak() />
            </Routes>
        </main>
        </div>
    }
}

/// Longest wait, in ms, for the stored session before the frame is shown anyway.
pub(crate) const BOOT_MS: u32 = 1500;
