//! The message every data page shows while the device holds no city data.

use leptos::prelude::*;

use crate::state::data::{use_city_data, DataState};

/// "No data on this device yet", or the loading / failure state.
#[component]
pub fn NoData() -> impl IntoView {
    let data = use_city_data();
    view! {
        <div class="no-data" role="status">
            {move || match data.state.get() {
                DataState::Loading => {
                    view! {
                        <p>"Memuat data dari perangkat…"</p>
                        <p class="en" lang="en">"Loading data from this device…"</p>
                    }
                        .into_any()
                }
                DataState::Failed(err) => {
                    view! {
                        <p>"Data di perangkat tidak dapat dibaca: " {err}</p>
                        <p class="en" lang="en">"The data on this device could not be read."</p>
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <p>"Belum ada data di perangkat ini — sinkronkan saat daring."</p>
                        <p class="en" lang="en">
                            "No data on this device yet — sync while online."
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
