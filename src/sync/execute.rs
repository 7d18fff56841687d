//! Carries out one sync against IndexedDB and the server: push the outbox in order (as planned
//! by [`super::plan`]), then pull every page since the cursor (on a device with nothing stored,
//! the compact snapshot first: [`super::snapshot`]). Each pulled page is written with
//! its new cursor in one transaction, so an interrupted sync resumes where it stopped and never
//! applies a page twice or skips one.
//!
//! In the production build (`split` feature) the engine is a split module of its own: [`run`]
//! fetches it once, after the first screen is up, rather than with the main wasm.

use indexed_db_futures::database::Database;
use mutasi_core::wire::sync::{PULL_LIMIT_DEFAULT, PUSH_MAX_OPS};

use super::plan::{after_push, batches, AfterPush};
use crate::api::{self, ApiError};
use crate::store::{self, outbox, records};

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Ops the server took.
    pub pushed: usize,
    /// Ops moved to the conflicts for the user.
    pub parked: usize,
    /// Records pulled.
    pub pulled: usize,
    /// The cursor after the pull.
    pub cursor: u64,
}

/// Why a sync stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncError {
    Api(ApiError),
    Store(String),
    /// The engine's code could not be downloaded (production build); retried like any failure.
    Load,
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::lang::current()))
    }
}

impl SyncError {
    /// What went wrong, for the user, in `locale`.
    pub fn describe(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::*;
        match self {
            SyncError::Api(e) => e.describe(locale),
            SyncError::Store(e) => e.clone(),
            SyncError::Load => td_string!(locale, common.errors.sync_code).to_string(),
        }
    }

    /// Whether the status bar should show it: not when the network is simply away (the
    /// connection indicator says so already).
    pub fn worth_showing(&self) -> bool {
        !matches!(self, SyncError::Api(ApiError::Transport(_)))
    }
}

impl From<ApiError> for SyncError {
    fn from(e: ApiError) -> Self {
        SyncError::Api(e)
    }
}

impl From<store::StoreError> for SyncError {
    fn from(e: store::StoreError) -> Self {
        SyncError::Store(e.to_string())
    }
}

/// How far the running pull is: records and bytes received, and the records of the whole pull
/// when the server says ([`mutasi_core::wire::sync::PullResponse::total`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PullProgress {
    pub received: u64,
    pub total: Option<u64>,
    pub bytes: u64,
}

impl PullProgress {
    /// The total after `page`: the page's own when it says (the first, asked to count, and
    /// the last), else the one known; never below what has arrived (changes committed during
    /// the pull come on top of the count).
    pub fn total_after(&self, page: &mutasi_core::wire::sync::PullResponse) -> Option<u64> {
        let arrived = self.received + page.records.len() as u64;
        page.total(self.received)
            .or(self.total)
            .map(|t| t.max(arrived))
    }
}

/// Progress of the pull, for a first-time user waiting for the initial download.
pub type Progress<'a> = &'a dyn Fn(PullProgress);

/// [`sync_once`], from the engine's split module in the production build.
pub async fn run(
    db: &Database,
    token: &str,
    progress: Progress<'_>,
) -> Result<SyncReport, SyncError> {
    #[cfg(feature = "split")]
    {
        let engine = split::engine().await.map_err(|_| SyncError::Load)?;
        engine(db, token, progress).await
    }
    #[cfg(not(feature = "split"))]
    sync_once(db, token, progress).await
}

/// Fetches the engine's split module without running it (see
/// [`crate::lazy_routes::prefetch_after_login`]); nothing in a build without split modules.
pub fn prefetch() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        crate::timing::yield_to_browser().await;
        let _ = split::engine().await;
    });
}

#[cfg(feature = "split")]
mod split {
    use std::future::Future;
    use std::pin::Pin;

    use indexed_db_futures::database::Database;
    use leptos::wasm_split::{wasm_split, SplitLoaderError};

    use super::{Progress, SyncError, SyncReport};

    type Running<'a> = Pin<Box<dyn Future<Output = Result<SyncReport, SyncError>> + 'a>>;
    pub type Engine = for<'a> fn(&'a Database, &'a str, Progress<'a>) -> Running<'a>;

    fn boxed<'a>(db: &'a Database, token: &'a str, progress: Progress<'a>) -> Running<'a> {
        Box::pin(super::sync_once(db, token, progress))
    }

    /// The engine, once its module is loaded.
    #[wasm_split(sync, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn engine() -> Result<Engine, SplitLoaderError> {
        Ok(boxed)
    }
}

/// Pushes every pending change, then pulls everything new. `progress` gets the records (and
/// bytes) pulled so far, and the total, after each page.
pub async fn sync_once(
    db: &Database,
    token: &str,
    progress: Progress<'_>,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    push_all(db, token, &mut report).await?;
    pull_all(db, token, &mut report, progress).await?;
    Ok(report)
}

async fn push_all(db: &Database, token: &str, report: &mut SyncReport) -> Result<(), SyncError> {
    // Each round empties a batch, parks one op or halves the batch size, so this ends; the
    // bound is a guard. A narrowed size holds for the rest of this sync.
    let mut size = PUSH_MAX_OPS;
    for _ in 0..10_000 {
        let pending = outbox::pending(db).await?;
        let Some(batch) = batches(&pending, size).into_iter().next() else {
            return Ok(());
        };
        let outcome = api::push(token, &batch.ops).await?;
        match after_push(&batch, &outcome) {
            AfterPush::Remove(keys) => {
                outbox::remove(db, &keys).await?;
                report.pushed += keys.len();
            }
            AfterPush::Park(key, conflict) => {
                outbox::to_conflict(db, key, &conflict).await?;
                report.parked += 1;
            }
            AfterPush::Narrow(smaller) => size = smaller,
        }
    }
    Ok(())
}

async fn pull_all(
    db: &Database,
    token: &str,
    report: &mut SyncReport,
    progress: Progress<'_>,
) -> Result<(), SyncError> {
    let mut cursor: u64 = store::get_meta(db, store::SYNC_CURSOR)
        .await?
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut done = PullProgress::default();
    if cursor == 0 {
        // Nothing stored yet: the compact snapshot first, then the pages written since it.
        if let Some(snapshot) = super::snapshot::pull(db, token, report, progress).await? {
            done = snapshot;
            cursor = report.cursor;
        }
    }
    loop {
        // The total is asked for once, on the first page (a count costs the server a scan).
        let first = done == PullProgress::default();
        let api::Pulled { page, bytes } =
            api::pull(token, cursor, PULL_LIMIT_DEFAULT, first).await?;
        records::put_page(db, &page.records, Some(page.cursor)).await?;
        done.total = done.total_after(&page);
        done.received += page.records.len() as u64;
        done.bytes += bytes;
        report.pulled += page.records.len();
        cursor = page.cursor;
        progress(done);
        if !page.more {
            break;
        }
    }
    report.cursor = cursor;
    Ok(())
}
