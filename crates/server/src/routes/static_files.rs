//! Serves Trunk's `dist/`: hashed assets as files, every other path as `index.html` (status 200)
//! so that client-side routes (e.g. `/pegawai`) survive a reload.

use std::path::Path;

use tower_http::services::{ServeDir, ServeFile};

/// A service for the built app in `dist`.
pub fn service(dist: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dist)
        .append_index_html_on_directories(true)
        .fallback(ServeFile::new(dist.join("index.html")))
}
