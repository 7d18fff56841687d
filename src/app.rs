//! The root component: context providers, the shell (title, navigation, status) and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::account_menu::AccountMenu;
use crate::components::lang_switch::LangSwitch;
use crate::components::nav::Nav;
use crate::components::status_bar::StatusBar;
use crate::components::update_banner::UpdateBanner;
use crate::pages::audit::Audit;
use crate::pages::dampak::Dampak;
use crate::pages::formasi::Formasi;
use crate::pages::formasi_opd::FormasiOpd;
use crate::pages::home::Home;
use crate::pages::kandidat::KandidatPage;
use crate::pages::login::Login;
use crate::pages::minat::Minat;
use crate::pages::not_found::NotFound;
use crate::pages::pegawai::Pegawai;
use crate::pages::profil::ProfilPage;
use crate::pages::rencana::Rencana;
use crate::pages::sk::Sk;
use crate::pages::talenta::Talenta;
use crate::pages::usulan::{UsulanDetail, UsulanList};
use crate::state;

#[component]
pub fn App() -> impl IntoView {
    crate::lang::provide();
    state::connectivity::provide();
    state::cache::provide();
    state::app_update::provide();
    state::session::provide();
    let data = state::data::provide();
    state::sync::provide();
    state::proposals::provide();
    crate::planner::state::provide(data.today.get_untracked());
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
    view! {
        <header class="app-header">
            <h1>{mutasi_core::version::app_title()}</h1>
            <StatusBar />
            <LangSwitch />
            <AccountMenu />
        </header>
        <UpdateBanner />
        <Nav />
        <main id="content">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home />
                <Route path=path!("/masuk") view=Login />
                <Route path=path!("/minat") view=Minat />
                <Route path=path!("/pegawai") view=Pegawai />
                <Route path=path!("/pegawai/:nip") view=ProfilPage />
                <Route path=path!("/formasi") view=Formasi />
                <Route path=path!("/formasi/opd/:id") view=FormasiOpd />
                <Route path=path!("/formasi/slot/:id") view=KandidatPage />
                <Route path=path!("/rencana") view=Rencana />
                <Route path=path!("/talenta") view=Talenta />
                <Route path=path!("/usulan") view=UsulanList />
                <Route path=path!("/usulan/:id") view=UsulanDetail />
                <Route path=path!("/sk") view=Sk />
                <Route path=path!("/audit") view=Audit />
                <Route path=path!("/dampak") view=Dampak />
            </Routes>
        </main>
    }
}
