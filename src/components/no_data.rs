//! The message every data page shows while the device holds no city data.

use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::{tr, use_i18n};
use crate::state::data::{use_city_data, DataState};

/// "No data on this device yet", or the loading / failure state.
#[component]
pub fn NoData() -> impl IntoView {
    let data = use_city_data();
    let i18n = use_i18n();
    view! {
        <div class="no-data" role="status">
            {move || match data.state.get() {
                DataState::Loading => {
                    view! { <p>{tr(|l| td_string!(l, common.no_data.loading))}</p> }
                        .into_any()
                }
                DataState::Failed(err) => {
                    view! { <p>{move || td_string!(i18n.get_locale(), common.no_data.failed, err = &err).to_string()}</p> }
                        .into_any()
                }
                _ => {
                    view! { <p>{tr(|l| td_string!(l, common.no_data.empty))}</p> }
                        .into_any()
                }
            }}
        </div>
    }
}
