//! Generates the `i18n` module from `locales/{id,en}/<namespace>.json` (leptos_i18n's parser and
//! code generator). Bahasa Indonesia is the default locale. The build fails on any diagnostic,
//! so a key present in one language and missing in the other never ships.

use std::path::PathBuf;

use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};
use leptos_i18n_parser::parse_locales::parse_locales;

/// One namespace per page group: each page's text lives in its own pair of files.
const NAMESPACES: [&str; 15] = [
    "common", "beranda", "pegawai", "profil", "minat", "kandidat", "talenta", "formasi", "dampak",
    "audit", "rencana", "usulan", "sk", "data", "akun",
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("i18n");
    println!("cargo::rerun-if-changed=locales");
    let cfg = Config::new("id")
        .and_then(|c| c.add_locale("en"))
        .and_then(|c| c.add_namespaces(NAMESPACES))
        .expect("i18n configuration")
        .parse_options(ParseOptions::new().interpolate_display(true));
    let parsed = match parse_locales(Some(manifest), cfg) {
        Ok(parsed) => parsed,
        Err(e) => panic!("locales/: {e}"),
    };
    for path in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={path}");
    }
    let (errors, warnings) = parsed.diag.borrow();
    let problems: Vec<String> = errors
        .iter()
        .map(ToString::to_string)
        .chain(warnings.iter().map(ToString::to_string))
        .collect();
    assert!(problems.is_empty(), "locales/:\n{}", problems.join("\n"));
    drop((errors, warnings));
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, false)
        .unwrap_or_else(|e| panic!("locales/: {e}"));
    std::fs::create_dir_all(&out).expect("create OUT_DIR/i18n");
    std::fs::write(out.join("mod.rs"), code.to_string()).expect("write OUT_DIR/i18n/mod.rs");
}
