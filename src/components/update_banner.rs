//! Tells the user that a new version of the app is ready, and reloads into it on request.

use leptos::prelude::*;

use crate::state::app_update::use_app_update;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = use_app_update();
    view! {
        <Show when=move || update.update_ready.get()>
            <div class="update-banner" role="alert">
                <span>"Versi baru aplikasi tersedia. / A new version is ready."</span>
                <button type="button" on:click=move |_| update.apply()>
                    "Muat ulang / Reload"
                </button>
            </div>
        </Show>
    }
}
