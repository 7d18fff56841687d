//! The codes just issued, shown once: one activation letter per account (name, NIP, unit,
//! code, where to log in, until when), printable (only the letters print, one per page), and
//! the same as a CSV (`IssuedCodes::letters_csv`, the command line's format) to download.

use leptos::prelude::*;
use mutasi_core::wire::accounts::IssuedCodes;

use crate::i18n::*;
use crate::lang::tr;
use crate::pages::data::{prepare, Ready};

/// Where employees log in: this server's login page.
fn login_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|o| format!("{o}/masuk"))
        .unwrap_or_else(|| "/masuk".into())
}

#[component]
pub fn Codes(issued: IssuedCodes) -> impl IntoView {
    let url = login_url();
    let ready = RwSignal::new(Vec::<Ready>::new());
    let csv = issued.letters_csv(&url);
    let file = ("kode-aktivasi.csv".to_string(), csv);
    // A failure leaves the list empty: the letters above still show every code.
    let _ = prepare(ready, std::slice::from_ref(&file));
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let n = issued.codes.len();
    view! {
        <section id="akun-codes" aria-labelledby="akun-codes-title">
            <h3 id="akun-codes-title" class="no-print">
                {move || td_string!(crate::lang::current(), akun.codes.title, n).to_string()}
            </h3>
            <p class="no-print warning">{tr(|l| td_string!(l, akun.codes.once))}</p>
            <p class="no-print actions">
                <button type="button" id="akun-print" on:click=print>
                    {tr(|l| td_string!(l, akun.codes.print))}
                </button>
                {move || ready.get().into_iter().map(|r| view! {
                    <a id="akun-csv" href=r.url download=r.name>{tr(|l| td_string!(l, akun.codes.csv))}</a>
                }).collect_view()}
            </p>
            {issued
                .codes
                .into_iter()
                .map(|c| {
                    let url = url.clone();
                    view! {
                        <article class="letter" data-nip=c.username.clone()>
                            <h4>{tr(|l| td_string!(l, akun.codes.letter_title))}</h4>
                            <dl>
                                <dt>{tr(|l| td_string!(l, akun.list.name))}</dt>
                                <dd>{c.name.clone().unwrap_or_default()}</dd>
                                <dt>"NIP"</dt>
                                <dd class="nip">{c.username.clone()}</dd>
                                <dt>{tr(|l| td_string!(l, akun.list.unit))}</dt>
                                <dd>{c.unit.clone().unwrap_or_default()}</dd>
                                <dt>{tr(|l| td_string!(l, akun.codes.code))}</dt>
                                <dd class="code">{c.code.clone()}</dd>
                                <dt>{tr(|l| td_string!(l, akun.codes.where_))}</dt>
                                <dd>{url}</dd>
                                <dt>{tr(|l| td_string!(l, akun.codes.until))}</dt>
                                <dd>{c.expires_at.clone()}</dd>
                            </dl>
                            <p>{tr(|l| td_string!(l, akun.codes.how))}</p>
                        </article>
                    }
                })
                .collect_view()}
        </section>
    }
}
