//! The root component: context providers, the shell (title, navigation, status) and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::nav::Nav;
use crate::components::status_bar::StatusBar;
use crate::components::update_banner::UpdateBanner;
use crate::pages::home::Home;
use crate::pages::not_found::NotFound;
use crate::pages::placeholder::ComingSoon;
use crate::state;

#[component]
pub fn App() -> impl IntoView {
    state::connectivity::provide();
    state::cache::provide();
    state::app_update::provide();
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
        </header>
        <UpdateBanner />
        <Nav />
        <main id="content">
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home />
                <Route
                    path=path!("/pegawai")
                    view=|| view! { <ComingSoon title="Pegawai" title_en="Employees" /> }
                />
                <Route
                    path=path!("/formasi")
                    view=|| view! { <ComingSoon title="Formasi" title_en="Positions and needs" /> }
                />
                <Route
                    path=path!("/rencana")
                    view=|| view! { <ComingSoon title="Rencana Mutasi" title_en="Transfer plan" /> }
                />
                <Route
                    path=path!("/talenta")
                    view=|| view! { <ComingSoon title="Talenta" title_en="Talent" /> }
                />
                <Route
                    path=path!("/usulan")
                    view=|| view! { <ComingSoon title="Usulan" title_en="Proposals" /> }
                />
            </Routes>
        </main>
    }
}
