//! Online/offline state: the browser's `online`/`offline` events combined with a periodic health
//! ping to the server. The app is "online" only when both say so.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

/// How often the server is pinged while the app is open.
pub const PING_INTERVAL: Duration = Duration::from_secs(3);

/// What the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Browser online and the server answered the last ping.
    Online,
    /// Browser offline, or the server did not answer.
    Offline,
    /// No ping has finished yet.
    Checking,
}

/// The connectivity signals, provided in context by [`provide`].
#[derive(Debug, Clone, Copy)]
pub struct Connectivity {
    /// `navigator.onLine`, updated by the `online`/`offline` events.
    pub browser_online: RwSignal<bool>,
    /// Result of the last health ping: `None` before the first one finishes.
    pub server_ok: RwSignal<Option<bool>>,
    /// The server's version from the last successful ping.
    pub server_version: RwSignal<Option<String>>,
}

impl Connectivity {
    /// Combines the browser's view and the server ping into one state.
    pub fn link(&self) -> Link {
        match (self.browser_online.get(), self.server_ok.get()) {
            (false, _) | (true, Some(false)) => Link::Offline,
            (true, Some(true)) => Link::Online,
            (true, None) => Link::Checking,
        }
    }

    async fn ping(self) {
        match crate::api::health().await {
            Ok(health) => {
                self.server_ok.set(Some(health.is_ok()));
                self.server_version.set(Some(health.version));
            }
            Err(_) => self.server_ok.set(Some(false)),
        }
    }
}

fn navigator_online() -> bool {
    web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// Creates the connectivity state, starts listening and pinging, and provides it in context.
pub fn provide() -> Connectivity {
    let conn = Connectivity {
        browser_online: RwSignal::new(navigator_online()),
        server_ok: RwSignal::new(None),
        server_version: RwSignal::new(None),
    };
    provide_context(conn);

    let on = window_event_listener(leptos::ev::online, move |_| {
        conn.browser_online.set(true);
        spawn_local(conn.ping());
    });
    let off = window_event_listener(leptos::ev::offline, move |_| {
        conn.browser_online.set(false);
    });
    on_cleanup(move || {
        on.remove();
        off.remove();
    });

    spawn_local(async move {
        loop {
            if conn.browser_online.get_untracked() {
                conn.ping().await;
            }
            gloo_timers::future::sleep(PING_INTERVAL).await;
        }
    });
    conn
}

/// The connectivity state from context.
pub fn use_connectivity() -> Connectivity {
    expect_context::<Connectivity>()
}
