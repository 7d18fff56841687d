//! The decree as it is printed: KEPUTUSAN WALI KOTA PALEMBANG, its number, "tentang", the
//! considerations (Menimbang, and Mengingat for the legal bases), MEMUTUSKAN with the dictum of
//! its kind (a mutation, or teachers assigned as principals), the signature block (the
//! official's jabatan and name, and pangkat and NIP for an ASN official), the numbered
//! Tembusan, and the attachment table `No · Nama/NIP · Pangkat/Gol · Jabatan lama · Jabatan
//! baru/Unit · TMT`. The decree itself is an Indonesian legal text, so it is not translated.

use leptos::prelude::*;
use mutasi_core::workflow::sk::SkDraft;

use crate::components::format::date_id;

/// What the decree is about: the title after "tentang" (the whole title if it has none).
pub fn subject(title: &str) -> String {
    let lower = title.to_lowercase();
    match lower.find(" tentang ") {
        Some(at) => title[at + " tentang ".len()..].to_string(),
        None => title.to_string(),
    }
}

/// The considerations split into "Menimbang" (those starting with "bahwa") and "Mengingat"
/// (the legal bases); with no "bahwa" at all, everything is "Menimbang".
pub fn split_considerations(list: &[String]) -> (Vec<String>, Vec<String>) {
    let (menimbang, mengingat): (Vec<String>, Vec<String>) = list
        .iter()
        .cloned()
        .partition(|c| c.trim_start().to_lowercase().starts_with("bahwa"));
    if menimbang.is_empty() {
        (mengingat, Vec::new())
    } else {
        (menimbang, mengingat)
    }
}

/// The signature block: where and when, the jabatan, the space to sign, the name, and the
/// pangkat and NIP of an ASN official.
fn signature(draft: &SkDraft, date: String) -> impl IntoView {
    let signer = &draft.signer;
    let pangkat = draft
        .signer_pangkat
        .clone()
        .map(|p| view! { <p id="sk-signer-pangkat">{p}</p> });
    let nip = signer
        .nip
        .as_ref()
        .map(|n| view! { <p id="sk-signer-nip">"NIP " {n.to_string()}</p> });
    view! {
        <div class="sk-sign">
            <p>"Ditetapkan di Palembang"</p>
            <p>"pada tanggal " <span id="sk-date-text">{date}</span></p>
            <p id="sk-signer-jabatan">{format!("{},", signer.jabatan)}</p>
            <p class="sk-sign-space">" "</p>
            <p id="sk-signer-name" class="sk-signer-name">{signer.name.clone()}</p>
            {pangkat}
            {nip}
        </div>
    }
}

/// The copies: "Tembusan:" and the numbered list (nothing when the list is empty).
fn tembusan(list: &[String]) -> Option<impl IntoView> {
    (!list.is_empty()).then(|| {
        let items = list
            .iter()
            .map(|t| view! { <li>{t.clone()}</li> })
            .collect_view();
        view! {
            <section id="sk-tembusan" class="sk-tembusan">
                <p>"Tembusan:"</p>
                <ol>{items}</ol>
            </section>
        }
    })
}

fn clause(label: &'static str, items: Vec<String>) -> impl IntoView {
    let list = items
        .into_iter()
        .map(|c| view! { <li>{c}</li> })
        .collect_view();
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td class="colon">":"</td>
            <td>
                <ol type="a">{list}</ol>
            </td>
        </tr>
    }
}

/// The decree draft.
#[component]
pub fn SkDocument(draft: SkDraft) -> impl IntoView {
    let (menimbang, mengingat) = split_considerations(&draft.considerations);
    let about = subject(&draft.title).to_uppercase();
    let date = date_id(draft.date);
    let rows = draft
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr data-nip=r.nip.clone() data-proposal=r.proposal.clone()>
                    <td class="num">{r.no}</td>
                    <td>
                        <span class="sk-name">{r.name.clone()}</span>
                        <br />
                        "NIP " <span class="sk-nip">{r.nip.clone()}</span>
                    </td>
                    <td>{r.pangkat.clone()}</td>
                    <td>{r.jabatan_lama.clone()}</td>
                    <td>
                        {r.jabatan_baru.clone()}
                        <br />
                        {r.unit_baru.clone()}
                    </td>
                    <td>{date_id(r.tmt)}</td>
                </tr>
            }
        })
        .collect_view();
    let mengingat = (!mengingat.is_empty()).then(|| clause("Mengingat", mengingat));
    let sign = signature(&draft, date.clone());
    let copies = tembusan(&draft.tembusan);
    view! {
        <article id="sk-document" class="sk-doc" lang="id" data-number=draft.number.clone()>
            <header class="sk-head">
                <p class="sk-title">"KEPUTUSAN WALI KOTA PALEMBANG"</p>
                <p id="sk-number">"NOMOR " {draft.number.clone()}</p>
                <p>"TENTANG"</p>
                <p class="sk-about">{about.clone()}</p>
            </header>
            <p class="sk-kind">"Jenis keputusan: " {draft.kind.label()}</p>
            <p class="sk-center">"WALI KOTA PALEMBANG,"</p>
            <table class="sk-clauses">
                <tbody>
                    {clause("Menimbang", menimbang)}
                    {mengingat}
                </tbody>
            </table>
            <p class="sk-center sk-decide">"MEMUTUSKAN:"</p>
            <table class="sk-clauses">
                <tbody>
                    <tr>
                        <th scope="row">"Menetapkan"</th>
                        <td class="colon">":"</td>
                        <td>"KEPUTUSAN WALI KOTA PALEMBANG TENTANG " {about}"."</td>
                    </tr>
                    <tr>
                        <th scope="row">"KESATU"</th>
                        <td class="colon">":"</td>
                        <td id="sk-dictum">{draft.dictum.clone()}</td>
                    </tr>
                    <tr>
                        <th scope="row">"KEDUA"</th>
                        <td class="colon">":"</td>
                        <td>"Keputusan ini mulai berlaku pada tanggal ditetapkan."</td>
                    </tr>
                </tbody>
            </table>
            {sign}
            {copies}
            <section class="sk-attachment">
                <p class="sk-attachment-head">
                    "LAMPIRAN KEPUTUSAN WALI KOTA PALEMBANG" <br /> "NOMOR " {draft.number.clone()}
                    <br /> "TANGGAL " {date}
                </p>
                <table id="sk-table">
                    <thead>
                        <tr>
                            <th scope="col">"No"</th>
                            <th scope="col">"Nama/NIP"</th>
                            <th scope="col">"Pangkat/Gol"</th>
                            <th scope="col">"Jabatan lama"</th>
                            <th scope="col">"Jabatan baru/Unit"</th>
                            <th scope="col">"TMT"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        </article>
    }
}
