//! Version information shared by the browser app and the server.

/// The version of the domain core, taken from Cargo at build time.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A short product name used in titles, logs and health reports.
pub const PRODUCT: &str = "Mutasi ASN";

/// The title shown at the top of the app, in Bahasa Indonesia.
pub fn app_title() -> String {
    format!("{PRODUCT} — Pemerintah Kota Palembang")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_names_the_city_government() {
        assert_eq!(app_title(), "Mutasi ASN — Pemerintah Kota Palembang");
        assert!(
            VERSION.split('.').count() == 3,
            "version {VERSION} is not semver"
        );
    }
}
