//! The language switch in the header: one button that offers the other language, named in that
//! language ("English" / "Bahasa Indonesia"), with `lang` set so screen readers pronounce it.

use leptos::prelude::*;

use crate::i18n::*;
use crate::lang::use_lang;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let other = move || match lang.get() {
        Locale::id => Locale::en,
        Locale::en => Locale::id,
    };
    view! {
        <button
            type="button"
            id="lang-switch"
            class="lang-switch"
            lang=move || other().as_str()
            aria-label=move || td_string!(lang.get(), common.lang.switch_label)
            on:click=move |_| lang.set(other())
        >
            {move || td_string!(lang.get(), common.lang.switch)}
        </button>
    }
}
