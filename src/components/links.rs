//! Links between pages. Ids may hold '/' (slot `SDN-012/KEPSEK`), so they are percent-encoded in
//! the path and decoded from the route parameter.

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}

/// Percent-decodes a route parameter (the router leaves `%2F` in place).
pub fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .map(String::from)
        .unwrap_or_else(|_| s.to_string())
}

/// Formasi of one OPD.
pub fn opd_href(unit_id: &str) -> String {
    format!("/formasi/opd/{}", encode(unit_id))
}

/// Candidates for a slot.
pub fn slot_href(slot_id: &str) -> String {
    format!("/formasi/slot/{}", encode(slot_id))
}

/// An employee's profile.
pub fn pegawai_href(nip: &str) -> String {
    format!("/pegawai/{nip}")
}

/// A link to an employee's profile, labelled with their name.
pub fn person_link(emp: &mutasi_core::model::Employee) -> impl leptos::IntoView {
    use leptos::prelude::*;
    use leptos_router::components::A;
    let name = emp.name.clone();
    view! { <A href=pegawai_href(emp.nip.as_str())>{name}</A> }
}

/// A link with a fixed text, owning its parts (component children are closures that must not
/// borrow from the dataset).
pub fn link(href: String, text: String) -> impl leptos::IntoView {
    use leptos::prelude::*;
    use leptos_router::components::A;
    view! { <A href=href>{text}</A> }
}
