//! Tells the user that a new version of the app is ready, and reloads into it on request.

use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::use_i18n;
use crate::state::app_update::use_app_update;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = use_app_update();
    let i18n = use_i18n();
    view! {
        <Show when=move || update.update_ready.get()>
            <div class="update-banner" role="alert">
                <span>{t!(i18n, common.update.ready)}</span>
                <button type="button" on:click=move |_| update.apply()>
                    {t!(i18n, common.update.reload)}
                </button>
            </div>
        </Show>
    }
}
