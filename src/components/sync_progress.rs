//! [`SyncProgress`]: how far the running pull is, as a progress bar with "N dari M data" (and
//! the size received), on the first-sync screen and in the status bar. Without a total (an
//! older server) the bar is indeterminate and the text counts what arrived.

use leptos::prelude::*;

use crate::components::format::num;
use crate::i18n::*;
use crate::lang::use_i18n;
use crate::sync::execute::PullProgress;

/// The size of `bytes` for a person: "850 kB", "12,3 MB".
pub fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} kB", num((bytes as f64 / 1e3).ceil(), 0))
    } else {
        format!("{} MB", num(bytes as f64 / 1e6, 1))
    }
}

/// The words of `p`: "N dari M data diterima (S)" or, without a total, "N data diterima (S)".
pub fn words(p: PullProgress, locale: Locale) -> String {
    let (n, s) = (num(p.received as f64, 0), size(p.bytes));
    match p.total {
        Some(total) => {
            let total = num(total as f64, 0);
            td_string!(
                locale,
                common.progress.of,
                n = &n,
                total = &total,
                size = &s
            )
            .to_string()
        }
        None => td_string!(locale, common.progress.count, n = &n, size = &s).to_string(),
    }
}

/// A `<progress>` (`value` received, `max` the total) labelled by its text; `id` names both.
#[component]
pub fn SyncProgress(id: &'static str, progress: Signal<PullProgress>) -> impl IntoView {
    let i18n = use_i18n();
    let text_id = format!("{id}-text");
    let labelled_by = text_id.clone();
    view! {
        <span class="sync-progress">
            {move || {
                let p = progress.get();
                match p.total {
                    Some(max) => view! {
                        <progress id=id aria-labelledby=labelled_by.clone()
                            max=max.max(1).to_string() value=p.received.min(max).to_string()></progress>
                    }.into_any(),
                    None => view! { <progress id=id aria-labelledby=labelled_by.clone()></progress> }.into_any(),
                }
            }}
            " "
            <span id=text_id>{move || words(progress.get(), i18n.get_locale())}</span>
        </span>
    }
}
