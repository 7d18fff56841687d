//! The interface language: Bahasa Indonesia by default, English by the switch in the header.
//!
//! The text itself lives in `locales/{id,en}/<namespace>.json`, compiled in by `leptos_i18n`
//! (the [`crate::i18n`] module; [`tr`] for text nodes, `td_string!(lang.get_locale(), ns.key)`
//! elsewhere). This module holds the chosen language, the one source of truth for every text:
//! it is read from and saved to `localStorage` (`mutasi.lang`), so it survives reloads and
//! offline use, and it sets `<html lang>` for screen readers. The browser's own language is
//! deliberately ignored (so leptos_i18n's own context, which detects it, is not used): the
//! city's interface is Indonesian unless a user asks.
//!
//! Core messages arrive as [`mutasi_core::text::Text`] with both renderings; [`pick`] chooses.

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use mutasi_core::text::Text;

use crate::i18n::Locale;

thread_local! {
    /// The chosen language, mirrored for code that runs outside any reactive owner (error
    /// `Display`s, async tasks after an await).
    static CURRENT: std::cell::Cell<Locale> = const { std::cell::Cell::new(Locale::id) };
}

/// The chosen language, read without a reactive context (untracked).
pub fn current() -> Locale {
    CURRENT.with(std::cell::Cell::get)
}

/// `localStorage` key of the chosen language ("id" or "en").
pub const STORAGE_KEY: &str = "mutasi.lang";

/// The language the user chose, app-wide.
#[derive(Clone, Copy)]
pub struct Lang(pub RwSignal<Locale>);

impl Lang {
    /// The current language (tracked).
    pub fn get(self) -> Locale {
        self.0.get()
    }
    /// The current language (tracked); the name `leptos_i18n`'s context uses.
    pub fn get_locale(self) -> Locale {
        self.0.get()
    }
    /// The current language, untracked.
    pub fn get_locale_untracked(self) -> Locale {
        self.0.get_untracked()
    }
    /// Switches the language; saved on this device.
    pub fn set(self, locale: Locale) {
        self.0.set(locale);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language saved on this device, if any.
pub fn stored() -> Option<Locale> {
    match storage()?.get_item(STORAGE_KEY).ok()??.as_str() {
        "en" => Some(Locale::en),
        "id" => Some(Locale::id),
        _ => None,
    }
}

/// Provides the language. Call once, above every page.
pub fn provide() -> Lang {
    let initial = stored().unwrap_or(Locale::id);
    CURRENT.with(|c| c.set(initial));
    let chosen = RwSignal::new(initial);
    let lang = Lang(chosen);
    provide_context(lang);
    Effect::new(move |_| {
        let locale = chosen.get();
        CURRENT.with(|c| c.set(locale));
        let code = locale.as_str();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, code);
        }
    });
    lang
}

/// The app-wide language (panics without [`provide`]).
pub fn use_lang() -> Lang {
    expect_context::<Lang>()
}

/// The language, under the name pages use for it (`let i18n = use_i18n();`); panics without
/// [`provide`].
pub fn use_i18n() -> Lang {
    use_lang()
}

/// A text node in the chosen language: `tr(|l| td_string!(l, ns.key))`.
///
/// Every `tr` is the same closure type, so its view code is compiled once (leptos_i18n's `t!`
/// builds a separate view type for every key). That keeps the wasm smaller (docs/BENCHMARKS.md,
/// "App size").
pub fn tr(get: fn(Locale) -> &'static str) -> impl IntoView + Copy {
    tr_attr(get)
}

/// The same as an attribute value, e.g. a table cell's `data-label`: on a phone the wide tables
/// (`table.cards`) become one card per row and each cell shows its column's name before it.
pub fn tr_attr(get: fn(Locale) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync {
    let lang = use_lang();
    move || get(lang.get())
}

/// Whether English is chosen (tracked inside a reactive context; [`current`] outside one).
pub fn is_en() -> bool {
    match use_context::<Lang>() {
        Some(lang) => lang.get() == Locale::en,
        None => current() == Locale::en,
    }
}

/// A message in both languages; `render` gives it in one (`td_string!` on `locales/`). For data
/// that outlives the page (kept in signals, IndexedDB or sent to a worker) and is shown later
/// with [`pick`].
pub fn both(render: impl Fn(Locale) -> String) -> Text {
    Text::new(render(Locale::id), render(Locale::en))
}

/// The rendering of a core message in `locale`.
pub fn text_in(text: &Text, locale: Locale) -> &str {
    match locale {
        Locale::en => &text.en,
        Locale::id => &text.id,
    }
}

/// The rendering of a core message in the chosen language (tracked).
pub fn pick(text: &Text) -> String {
    let locale = if is_en() { Locale::en } else { Locale::id };
    text_in(text, locale).to_string()
}
