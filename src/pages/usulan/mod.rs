//! Usulan (`/usulan`, `/usulan/:id`): the proposals on this device and their workflow. Every
//! step is one op recorded on this device (offline too) and pushed by the sync engine; a step
//! refused because the proposal moved on comes back in the conflicts panel.
//!
//! - [`model`]: labels, the list's filter and counts (pure).
//! - [`actions`]: which steps the signed-in account may take now, the op and optimistic copy
//!   each records (pure).
//! - [`list`]: the list with counts per status, filters and "new" marks.
//! - [`detail`]: one proposal — person, from → to, TMT, status, SK, history timeline.
//! - [`pack`]: the decision pack of the detail (rules, overrides, fit, retirement, chain).
//! - [`panel`]: the action panel of the detail.
//! - [`queue`]: the decision queue (Baperjakat, PPK): pack facts per row, one step for many.
//! - [`request`]: an employee's own request for a move ("Ajukan pindah ke sini").
//!
//! The text is in `locales/{id,en}/usulan.json`; [`both!`] makes a [`mutasi_core::text::Text`]
//! of one key in both languages, for the pure helpers that run without the i18n context.

/// A [`mutasi_core::text::Text`] holding the key `$key` (with the same arguments) in Bahasa
/// Indonesia and in English, e.g. `both!(usulan.request.no_proposal)`.
macro_rules! both {
    ($($key:tt)*) => {{
        use $crate::i18n::*;
        ::mutasi_core::text::Text::new(
            td_string!(Locale::id, $($key)*).to_string(),
            td_string!(Locale::en, $($key)*).to_string(),
        )
    }};
}
pub(crate) use both;

pub mod actions;
pub mod detail;
pub mod list;
pub mod model;
pub mod pack;
pub mod panel;
pub mod queue;
pub mod request;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::links::decode;

/// The route `/usulan` (`?ajukan=<slot>` opens an employee's request for that post).
#[component]
pub fn UsulanList() -> impl IntoView {
    let query = use_query_map();
    let request = move || query.with(|q| q.get("ajukan")).map(|s| decode(&s));
    view! {
        <section class="page usulan">
            {move || request().map(|slot| view! { <request::RequestMove post=slot /> })}
            <queue::DecisionQueue />
            <list::ProposalList />
        </section>
    }
}

/// The route `/usulan/:id`.
#[component]
pub fn UsulanDetail() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .map(|s| decode(&s))
            .unwrap_or_default()
    };
    view! {
        <section class="page usulan-detail">
            {move || view! { <detail::ProposalView id=id() /> }}
        </section>
    }
}

/// The href of a proposal's detail.
pub fn usulan_href(id: &str) -> String {
    format!("/usulan/{}", String::from(js_sys::encode_uri_component(id)))
}

/// The href of an employee's request to move into `slot` (the entry point on "Karier Saya").
pub fn request_href(slot: &str) -> String {
    format!(
        "/usulan?ajukan={}",
        String::from(js_sys::encode_uri_component(slot))
    )
}
