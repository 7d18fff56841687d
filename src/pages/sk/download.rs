//! Saving text as a file from the browser: a Blob, an object URL and a click on an `<a
//! download>`. The URL is kept (and shown as a fallback link) until the next download replaces
//! it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::lang::tr;

/// A download made: the object URL and the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub url: String,
    pub file: String,
}

/// Offers `text` as the file `file` of type `mime`, replacing (and revoking) the download in
/// `last`. Errors say what failed.
pub fn offer(
    last: RwSignal<Option<Download>>,
    text: &str,
    file: &str,
    mime: &str,
) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("Blob: {e:?}"))?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("URL: {e:?}"))?;
    if let Some(old) = last.get_untracked() {
        let _ = web_sys::Url::revoke_object_url(&old.url);
    }
    last.set(Some(Download {
        url: url.clone(),
        file: file.to_string(),
    }));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file);
    a.click();
    Ok(())
}

/// The fallback link of the last download ("if the download did not start").
#[component]
pub fn DownloadLink(last: RwSignal<Option<Download>>, id: &'static str) -> impl IntoView {
    move || {
        last.get().map(|d| {
            view! {
                <p class="note no-print">
                    {tr(|l| td_string!(l, sk.download.fallback))} " "
                    <a id=id href=d.url.clone() download=d.file.clone()>
                        {d.file.clone()}
                    </a>
                </p>
            }
        })
    }
}
