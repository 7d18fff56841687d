//! Security and cache headers on every response.
//!
//! - `Content-Security-Policy`: only this origin; `'wasm-unsafe-eval'` so the browser may compile
//!   the app's WebAssembly; the inline module script that Trunk writes into `index.html` is
//!   allowed by its SHA-256 hash, computed from `dist/index.html` when the server starts (so a
//!   rebuilt app needs a restart). Framing is denied.
//! - `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`.
//! - `Cache-Control`: API answers `no-store`; Trunk's hashed assets (`name-<16 hex>.ext`)
//!   `public, max-age=31536000, immutable`; everything else (index.html, client routes,
//!   unhashed files) `no-cache`, so a new build is picked up at once.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The Content-Security-Policy to send.
#[derive(Debug, Clone)]
pub struct Policy {
    csp: HeaderValue,
}

impl Policy {
    /// The policy for the app in `dist` (hashes of the inline scripts of its `index.html`).
    pub fn for_dist(dist: Option<&Path>) -> Self {
        let html = dist
            .and_then(|d| std::fs::read_to_string(d.join("index.html")).ok())
            .unwrap_or_default();
        let hashes: String = inline_scripts(&html)
            .iter()
            .map(|s| {
                let digest = Sha256::digest(s.as_bytes());
                format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        let csp = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
             font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        Self {
            csp: HeaderValue::from_str(&csp)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
        }
    }

    /// The header value.
    pub fn csp(&self) -> &HeaderValue {
        &self.csp
    }
}

/// The bodies of `<script>` elements without a `src` attribute, exactly as written.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let attrs = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !attrs.contains(" src=") {
            out.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close + "</script>".len()..];
    }
    out
}

/// Whether a path names one of Trunk's content-hashed assets (`…-0123456789abcdef.ext`).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// The middleware: adds the headers above to every response.
pub async fn apply(State(policy): State<Arc<Policy>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut response = next.run(req).await;
    let success = response.status().is_success();
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, policy.csp().clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let cache = if path == "/api" || path.starts_with("/api/") {
        "no-store"
    } else if is_hashed_asset(&path) && success {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = "<head><script type=\"module\">\nimport x from '/a.js';\n</script>\
                    <script src=\"/b.js\"></script><script>one()</script></head>";
        assert_eq!(
            inline_scripts(html),
            vec!["\nimport x from '/a.js';\n", "one()"]
        );
    }

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed_asset("/mutasi-web-c5e26b9a645d8832.js"));
        assert!(is_hashed_asset("/mutasi-web-c5e26b9a645d8832_bg.wasm"));
        assert!(is_hashed_asset("/main-943c9464124a1e1c.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/robots.txt"));
        assert!(!is_hashed_asset("/pegawai/123"));
        assert!(!is_hashed_asset("/sw-notahash.js"));
    }
}
