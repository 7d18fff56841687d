//! Where keyboard focus goes when the content changes under it.
//!
//! - [`FocusOnNavigate`]: after a route change (a menu entry, a link, a login), focus moves to
//!   the new page's heading (the first `h2` in `main`, made focusable with `tabindex="-1"`), or
//!   to `main` itself when the page has none, so a keyboard or screen-reader user lands on the
//!   new content instead of staying on the menu or dropping to the page body. Not at the first
//!   page load (nothing was chosen yet, and focus at boot belongs to the skip link), unless a
//!   login reloaded the app ([`after_reload`]).
//! - [`announce`]: moves focus to a confirmation (`role="status"`, `tabindex="-1"`) once it is
//!   on screen, so "saved" is both read out and where the keyboard continues from.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// The session-storage flag that asks the next app start to focus its page (set before a login
/// reloads the app).
const FOCUS_AFTER_RELOAD: &str = "mutasi.focus-after-reload";
/// How often and how long to look for content that is still being drawn (a lazily loaded page
/// downloads its code first).
const POLL: Duration = Duration::from_millis(50);
const PATIENCE: Duration = Duration::from_secs(8);
/// After this long, a heading that was already there before the route changed counts as the
/// new page's (a page that keeps its component when only a parameter changes).
const SAME_HEADING_AFTER: Duration = Duration::from_millis(600);
/// How long focus moved here follows its target when a redraw replaces it.
const KEEP: Duration = Duration::from_secs(10);

fn active() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}

/// Asks the next start of the app (after `location.set_href`) to focus its page.
pub fn after_reload() {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(FOCUS_AFTER_RELOAD, "1");
    }
}

/// Takes the flag of [`after_reload`]: true once.
fn reloaded_for_focus() -> bool {
    let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return false;
    };
    let set = s.get_item(FOCUS_AFTER_RELOAD).ok().flatten().is_some();
    let _ = s.remove_item(FOCUS_AFTER_RELOAD);
    set
}

/// The page's heading: the first `h2` in `main` (the app's title is the header's `h1`).
fn heading(main: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    main.query_selector("h2")
        .ok()
        .flatten()
        .map(JsCast::unchecked_into)
}

/// Whether focus is still where the user left it when the content changed (or nowhere), so
/// moving it takes nothing from them.
fn untouched(before: &Option<web_sys::Element>) -> bool {
    match active() {
        None => true,
        Some(now) => {
            let body = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
                .is_some_and(|b| b.is_same_node(Some(&now)));
            body || !now.is_connected()
                || before.as_ref().is_some_and(|b| b.is_same_node(Some(&now)))
        }
    }
}

fn focus(el: &web_sys::HtmlElement) {
    if el.get_attribute("tabindex").is_none() {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
}

/// For [`KEEP`] after `held` took focus: when a redraw replaces it (the page drawn again with
/// newer data) and focus fell to the body, `current()` (its replacement) takes focus again.
async fn keep(mut held: web_sys::HtmlElement, current: impl Fn() -> Option<web_sys::HtmlElement>) {
    let mut waited = Duration::ZERO;
    while waited < KEEP {
        gloo_timers::future::sleep(POLL).await;
        waited += POLL;
        if held.is_connected() {
            continue;
        }
        if let Some(new) = current().filter(|n| n.is_connected()) {
            if untouched(&Some(held.clone().into())) {
                focus(&new);
            }
            held = new;
        }
    }
}

/// Focuses the new page's heading in `main` once it is drawn (or `main` after [`PATIENCE`]).
fn focus_new_page(main: web_sys::HtmlElement) {
    let before = active();
    let old = heading(&main);
    spawn_local(async move {
        let mut waited = Duration::ZERO;
        loop {
            if !untouched(&before) {
                return;
            }
            let loading = main
                .query_selector("#page-loading")
                .ok()
                .flatten()
                .is_some();
            let found = heading(&main).filter(|h| {
                let same = old.as_ref().is_some_and(|o| o.is_same_node(Some(h)));
                !same || (waited >= SAME_HEADING_AFTER && !loading)
            });
            if let Some(h) = found.filter(|h| h.is_connected()) {
                focus(&h);
                keep(h, || heading(&main)).await;
                return;
            }
            if waited >= PATIENCE {
                focus(&main);
                return;
            }
            gloo_timers::future::sleep(POLL).await;
            waited += POLL;
        }
    });
}

/// Moves focus to the new page after every route change (see the module doc). `main` is the
/// shell's `<main>`.
#[component]
pub fn FocusOnNavigate(main: NodeRef<leptos::html::Main>) -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let moved = match &previous {
            Some(p) => *p != path,
            None => reloaded_for_focus(),
        };
        if moved {
            if let Some(m) = main.get_untracked() {
                focus_new_page(m.unchecked_into());
            }
        }
        path
    });
}

/// Moves focus to the confirmation `target` (a `role="status"` element with `tabindex="-1"`)
/// once it is on screen and shows text, so the result is read out and seen. A redraw that
/// replaces it soon after (the saved record coming back) would drop focus to the body: for
/// [`KEEP`] the new element takes it again, unless the user has moved on.
pub fn announce<E>(target: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let before = active();
    let find = move || {
        // `try_`: the page may be gone (the user moved on) while this still watches.
        target
            .try_get_untracked()
            .flatten()
            .map(|e| e.unchecked_into::<web_sys::HtmlElement>())
            .filter(|e| !e.text_content().unwrap_or_default().trim().is_empty())
    };
    spawn_local(async move {
        let mut waited = Duration::ZERO;
        while waited < PATIENCE {
            if let Some(el) = find() {
                if untouched(&before) {
                    focus(&el);
                    keep(el, find).await;
                }
                return;
            }
            gloo_timers::future::sleep(POLL).await;
            waited += POLL;
        }
    });
}
