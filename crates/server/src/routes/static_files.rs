//! Serves Trunk's `dist/`: hashed assets as files, every other path as `index.html` (status 200)
//! so that client-side routes (e.g. `/pegawai`) survive a reload.
//!
//! The build writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy of every
//! compressible file beside it (`scripts/precompress.mjs`); a client that accepts one gets it,
//! smaller than the server's on-the-fly gzip and with no compression work per request. Without
//! them (another build, a test's folder) the plain file is served and compressed on the fly.

use std::path::Path;

use tower_http::services::{ServeDir, ServeFile};

/// A service for the built app in `dist`.
pub fn service(dist: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .fallback(
            ServeFile::new(dist.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        )
}
