//! The first sync's snapshot on the server: built from the pull's own pages
//! ([`build`]), compressed here with brotli rather than by the response layer ([`compress`]),
//! and, for the one scope that many devices share — everything ([`Visibility::All`]: the
//! city-wide planners, Baperjakat, the PPK, admins) — kept ready, compressed harder, in a
//! [`SnapshotCache`].
//!
//! Why a cache: a city planner's first sync on a slow link is mostly bytes on the wire and the
//! server's read and compression before the first byte (docs/BENCHMARKS.md, "The first sync's
//! snapshot"). Brotli at quality 10 with a 16 MiB window makes the city's 13 MB of lines
//! 0.74 MB instead of 1.03 MB (quality 5, the layer's), but costs ~4.6 s of one core: too slow
//! per request, cheap once per change of the data.
//!
//! **Invariant:** only the `All` scope is cached, and a cached snapshot may be older than the
//! data. Both are what make serving it safe: the app always pulls the changes after the
//! snapshot's cursor (its tail), and a caller who sees everything could pull every record the
//! older snapshot holds (nothing leaves the `All` scope; a role change changes the caller's
//! scope, not the snapshot). A scoped snapshot (an OPD, an employee) could hold a record that
//! has since left the scope, so those are always built fresh.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use mutasi_core::wire::snapshot as compact;
use mutasi_core::wire::sync::{PullResponse, PULL_LIMIT_MAX};
use mutasi_core::wire::WIRE_VERSION;

use crate::db::{Storage, StoreError, Visibility};

/// Brotli quality of a snapshot built for one request (as fast as the response layer's).
pub const QUALITY_FRESH: u32 = 5;
/// Brotli quality of the kept city-wide snapshot (built in the background).
pub const QUALITY_KEPT: u32 = 10;
/// Brotli window (log2 bytes): 16 MiB, the largest browsers decode (RFC 7932); the layer's
/// default of 4 MiB (22) leaves the repeats between kinds far apart unseen.
pub const WINDOW: u32 = 24;

/// Media type of the snapshot.
pub const MEDIA_TYPE: &str = "application/x-ndjson";

/// The snapshot `visibility` sees now: its lines and the cursor of its tail.
pub async fn build(
    store: &dyn Storage,
    visibility: &Visibility,
) -> Result<(String, u64), StoreError> {
    // The first page asks for the count the head carries.
    let first = store.pull(visibility, 0, PULL_LIMIT_MAX, true).await?;
    let total = first.records.len() as u64 + first.remaining.unwrap_or(0);
    let mut body = format!(
        "{}\n{}",
        compact::head(total, WIRE_VERSION),
        page_lines(&first)
    );
    let mut cursor = first.cursor;
    let mut next = first.more.then_some(first.cursor);
    while let Some(since) = next {
        let page = store.pull(visibility, since, PULL_LIMIT_MAX, false).await?;
        body.push_str(&page_lines(&page));
        cursor = page.cursor;
        next = page.more.then_some(page.cursor);
    }
    Ok((body, cursor))
}

/// The snapshot lines of one pull page: its blocks, and the tail after the last page.
fn page_lines(page: &PullResponse) -> String {
    let mut text = String::new();
    for line in compact::blocks(&page.records) {
        text.push_str(&line);
        text.push('\n');
    }
    if !page.more {
        text.push_str(&compact::tail(page.cursor));
        text.push('\n');
    }
    text
}

/// `text` compressed with brotli at `quality` and [`WINDOW`].
pub fn compress(text: &[u8], quality: u32) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: WINDOW as i32,
        size_hint: text.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(text.len() / 8);
    let mut input = text;
    // Writing to a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

/// [`compress`] on a blocking thread (seconds of CPU for a big snapshot).
pub async fn compress_blocking(text: Arc<str>, quality: u32) -> Vec<u8> {
    tokio::task::spawn_blocking(move || compress(text.as_bytes(), quality))
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
}

/// Whether the request's `Accept-Encoding` takes brotli (`br`, not with `q=0`).
pub fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            parts.next().is_some_and(|c| c.eq_ignore_ascii_case("br"))
                && parts.all(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
}

/// A response carrying a brotli-compressed snapshot (the response layer leaves a body with a
/// `Content-Encoding` alone).
pub fn brotli_response(body: impl Into<axum::body::Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE)),
            (header::CONTENT_ENCODING, HeaderValue::from_static("br")),
            (header::VARY, HeaderValue::from_static("accept-encoding")),
        ],
        body.into(),
    )
        .into_response()
}

/// The kept city-wide snapshot: compressed lines as of a cursor.
#[derive(Debug)]
pub struct Prepared {
    /// Its tail's cursor (every record with a higher seq came after it).
    pub cursor: u64,
    /// The lines, brotli at [`QUALITY_KEPT`].
    pub br: axum::body::Bytes,
}

/// Least time between the start of one build of the kept snapshot and the next one after a
/// write ([`SnapshotCache::pause`]): a build is seconds of one core (about 5 s for the city, 80 s
/// for a 100,000-ASN instansi), and an older snapshot is still correct, only followed by a
/// longer pull.
pub const PAUSE: Duration = Duration::from_secs(60);

/// The city-wide snapshot kept ready (see the module's invariant), whether a build of it is
/// under way (one at a time), and when the last one started.
#[derive(Debug)]
pub struct SnapshotCache {
    kept: Mutex<Option<Arc<Prepared>>>,
    building: AtomicBool,
    last_build: Mutex<Option<Instant>>,
    pause: Duration,
}

impl Default for SnapshotCache {
    fn default() -> Self {
        Self::pausing(PAUSE)
    }
}

/// Clears the cache's `building` flag when a build ends, however it ends.
struct Building<'a>(&'a AtomicBool);

impl Drop for Building<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

impl SnapshotCache {
    /// An empty cache that rebuilds a stale snapshot at most once per `pause` (the first build
    /// is never held back).
    pub fn pausing(pause: Duration) -> Self {
        Self {
            kept: Mutex::default(),
            building: AtomicBool::new(false),
            last_build: Mutex::default(),
            pause,
        }
    }

    /// Whether a build started less than the pause ago while a snapshot is kept.
    fn paused(&self) -> bool {
        let last = *self.last_build.lock().unwrap_or_else(|e| e.into_inner());
        self.current().is_some() && last.is_some_and(|t| t.elapsed() < self.pause)
    }

    /// The kept snapshot, if one is ready.
    pub fn current(&self) -> Option<Arc<Prepared>> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Keeps `br` (lines as of `cursor`) unless a newer one is kept already.
    fn put(&self, cursor: u64, br: Vec<u8>) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.as_ref().is_none_or(|k| k.cursor < cursor) {
            *kept = Some(Arc::new(Prepared {
                cursor,
                br: br.into(),
            }));
        }
    }

    /// Whether the kept snapshot is missing or older than the store's data.
    async fn stale(&self, store: &dyn Storage) -> Result<bool, StoreError> {
        Ok(match self.current() {
            None => true,
            Some(k) => !store
                .pull(&Visibility::All, k.cursor, 1, false)
                .await?
                .records
                .is_empty(),
        })
    }

    /// Builds and keeps the city-wide snapshot if it is missing or stale, no build is under way
    /// and none started within the pause; `lines` (with its cursor) is a city-wide snapshot just built for a request, used
    /// instead of reading the store again when given. Returns whether it built one.
    pub async fn refresh(
        &self,
        store: &dyn Storage,
        lines: Option<(Arc<str>, u64)>,
    ) -> Result<bool, StoreError> {
        if self.building.swap(true, Ordering::AcqRel) {
            return Ok(false);
        }
        let _building = Building(&self.building);
        let (text, cursor) = match lines {
            Some((text, cursor)) if self.current().is_none_or(|k| k.cursor < cursor) => {
                (text, cursor)
            }
            Some(_) => return Ok(false),
            None => {
                if self.paused() || !self.stale(store).await? {
                    return Ok(false);
                }
                let (text, cursor) = build(store, &Visibility::All).await?;
                (Arc::from(text), cursor)
            }
        };
        let started = Instant::now();
        *self.last_build.lock().unwrap_or_else(|e| e.into_inner()) = Some(started);
        let (lines, br) = (text.len(), compress_blocking(text, QUALITY_KEPT).await);
        tracing::info!(
            cursor,
            lines_bytes = lines,
            brotli_bytes = br.len(),
            compress_ms = started.elapsed().as_millis() as u64,
            "city-wide snapshot prepared"
        );
        self.put(cursor, br);
        Ok(true)
    }

    /// [`SnapshotCache::refresh`] in the background (errors are logged: the next request tries
    /// again).
    pub fn refresh_in_background(
        self: Arc<Self>,
        store: Arc<dyn Storage>,
        lines: Option<(Arc<str>, u64)>,
    ) {
        if self.building.load(Ordering::Acquire) {
            return;
        }
        tokio::spawn(async move {
            if let Err(e) = self.refresh(store.as_ref(), lines).await {
                tracing::warn!("keeping the city-wide snapshot failed: {e}");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn brotli_is_taken_only_when_asked_for_and_not_refused() {
        assert!(accepts_brotli(&accept("gzip, deflate, br, zstd")));
        assert!(accepts_brotli(&accept("br;q=0.5")));
        assert!(!accepts_brotli(&accept("gzip, deflate")));
        assert!(!accepts_brotli(&accept("br;q=0, gzip")));
        assert!(!accepts_brotli(&accept("brx")));
        assert!(!accepts_brotli(&HeaderMap::new()));
    }

    #[test]
    fn compressed_lines_come_back_whole() {
        let text = "{\"wire_version\":3}\n".repeat(5000);
        let br = compress(text.as_bytes(), QUALITY_FRESH);
        assert!(br.len() * 50 < text.len());
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut br.as_slice(), &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
    }
}
