//! The Indonesian screens speak Indonesian: no English words or developer jargon in
//! `locales/id/` (issue 20 #10). Every string of every namespace is scanned, interpolations
//! (`{{ n }}`) and markup (`<b>`) left out, for whole words of [`DENIED`], in any case.
//!
//! The English locale is not checked (it is English); it serves to show that the scan finds
//! the words it is meant to find.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// English words and jargon that crept into Indonesian strings, with the Indonesian used in
/// government HR instead. Data, not code: add a word here when a review finds another.
const DENIED: &[(&str, &str)] = &[
    ("slot", "formasi"),
    ("slots", "formasi"),
    ("approved", "disetujui"),
    ("approver", "Baperjakat/PPK"),
    ("admin", "administrator"),
    ("draft", "draf / konsep"),
    ("submit", "ajukan"),
    ("submitted", "diajukan"),
    ("level", "tingkat"),
    ("box", "kotak"),
    ("override", "paksa / pengecualian"),
    ("plan", "rencana"),
    ("run", "jalankan"),
    ("score", "nilai / skor"),
    ("fit", "kecocokan"),
    ("shortage", "kekurangan"),
    ("scope", "cakupan"),
    ("role", "peran"),
    ("online", "daring"),
    ("offline", "luring"),
    ("sync", "sinkronisasi"),
    ("upload", "unggah"),
    ("download", "unduh"),
    ("export", "ekspor"),
    ("filter", "saring"),
    ("dashboard", "beranda"),
    ("settings", "pengaturan"),
    ("user", "pengguna"),
    ("username", "nama pengguna"),
    ("password", "kata sandi"),
    ("login", "masuk"),
    ("logout", "keluar"),
    ("save", "simpan"),
    ("cancel", "batal"),
    ("delete", "hapus"),
    ("the", "(English sentence)"),
    ("and", "dan"),
    ("not", "tidak / bukan"),
    ("of", "dari"),
];

/// Keys whose Indonesian value is English on purpose: the switch to English is labelled for
/// someone who does not read Indonesian.
const ENGLISH_ON_PURPOSE: &[&str] = &["common.lang.switch", "common.lang.switch_label"];

/// Every namespace of `build.rs`, in both languages.
macro_rules! namespaces {
    ($lang:literal) => {
        [
            (
                "common",
                include_str!(concat!("../locales/", $lang, "/common.json")),
            ),
            (
                "beranda",
                include_str!(concat!("../locales/", $lang, "/beranda.json")),
            ),
            (
                "pegawai",
                include_str!(concat!("../locales/", $lang, "/pegawai.json")),
            ),
            (
                "profil",
                include_str!(concat!("../locales/", $lang, "/profil.json")),
            ),
            (
                "minat",
                include_str!(concat!("../locales/", $lang, "/minat.json")),
            ),
            (
                "kandidat",
                include_str!(concat!("../locales/", $lang, "/kandidat.json")),
            ),
            (
                "talenta",
                include_str!(concat!("../locales/", $lang, "/talenta.json")),
            ),
            (
                "formasi",
                include_str!(concat!("../locales/", $lang, "/formasi.json")),
            ),
            (
                "dampak",
                include_str!(concat!("../locales/", $lang, "/dampak.json")),
            ),
            (
                "audit",
                include_str!(concat!("../locales/", $lang, "/audit.json")),
            ),
            (
                "rencana",
                include_str!(concat!("../locales/", $lang, "/rencana.json")),
            ),
            (
                "usulan",
                include_str!(concat!("../locales/", $lang, "/usulan.json")),
            ),
            (
                "sk",
                include_str!(concat!("../locales/", $lang, "/sk.json")),
            ),
            (
                "data",
                include_str!(concat!("../locales/", $lang, "/data.json")),
            ),
            (
                "akun",
                include_str!(concat!("../locales/", $lang, "/akun.json")),
            ),
        ]
    };
}

/// Every string of a locale file with its dotted key.
fn strings(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((prefix.to_string(), s.clone())),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                strings(&format!("{prefix}.{k}"), v, out);
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|v| strings(prefix, v, out)),
        _ => {}
    }
}

/// The text a person reads: without `{{ … }}` interpolations and `<…>` markup.
fn visible(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{', '<']) {
        out.push_str(&rest[..i]);
        let close = if rest[i..].starts_with("{{") {
            "}}"
        } else if rest[i..].starts_with('<') {
            ">"
        } else {
            ""
        };
        match (close.is_empty(), rest[i..].find(close)) {
            (false, Some(j)) => {
                out.push(' ');
                rest = &rest[i + j + close.len()..];
            }
            _ => {
                out.push_str(&rest[i..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `(key, word, instead)` for every denied word in the locale's strings.
fn findings(files: &[(&str, &str)]) -> Vec<(String, String, &'static str)> {
    let mut found = Vec::new();
    for (ns, text) in files {
        let json: serde_json::Value = serde_json::from_str(text).expect("valid locale JSON");
        let mut all = Vec::new();
        strings(ns, &json, &mut all);
        for (key, s) in all {
            if ENGLISH_ON_PURPOSE.contains(&key.as_str()) {
                continue;
            }
            let shown = visible(&s);
            for word in shown.split(|c: char| !c.is_alphanumeric()) {
                let lower = word.to_lowercase();
                if let Some((_, instead)) = DENIED.iter().find(|(w, _)| *w == lower) {
                    found.push((key.clone(), word.to_string(), *instead));
                }
            }
        }
    }
    found
}

#[wasm_bindgen_test]
fn the_indonesian_locale_has_no_english_or_jargon() {
    let found = findings(&namespaces!("id"));
    let report: Vec<String> = found
        .iter()
        .map(|(key, word, instead)| format!("{key}: \"{word}\" (pakai: {instead})"))
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[wasm_bindgen_test]
fn the_scan_finds_the_english_words_it_looks_for() {
    let found = findings(&namespaces!("en"));
    for word in ["slot", "approver", "level"] {
        assert!(
            found.iter().any(|(_, w, _)| w.to_lowercase() == word),
            "{word} not found in the English locale"
        );
    }
    let shown = visible("Menampilkan {{ shown }} dari <b>{{ total }}</b> slot.");
    assert_eq!(
        shown.split_whitespace().collect::<Vec<_>>(),
        ["Menampilkan", "dari", "slot."]
    );
}

#[wasm_bindgen_test]
fn version_jargon_is_not_shown_in_indonesian() {
    // "v3"-style version names are developer jargon.
    for (ns, text) in namespaces!("id") {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            let mut chars = word.chars();
            let jargon = matches!(chars.next(), Some('v' | 'V'))
                && chars.clone().next().is_some()
                && chars.all(|c| c.is_ascii_digit());
            assert!(!jargon, "{ns}: {word}");
        }
    }
}
