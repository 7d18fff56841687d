//! Loading a workbook (`mutasi_core::io::workbook`) into the store: [`prepare`] reads and checks
//! it on top of the data stored now and computes the difference (and the proposals in progress
//! it touches); [`apply`] writes it as one transaction, audited, landing only on the data the
//! difference was computed on, as records every device pulls. Records the file leaves out are
//! never dropped silently: employees need a reason for leaving ([`Departure`]) and the
//! organisation's records an explicit removal; either is written as a tombstone (the record's
//! content `null`) so devices drop it too.
//!
//! Outcomes (the `capaian` sheet) are records of their own kind (`RecordKind::Outcome`),
//! compared as the sheet `capaian`: a workbook with the sheet replaces the stored outcomes
//! (those it leaves out are removed, with the same explicit approval as the organisation's
//! records); a workbook without it keeps them, except those of units the load removes. A bad
//! row in the sheet fails the whole load like any other sheet's, and nothing is written.

use std::collections::HashSet;

use chrono::NaiveDate;
use mutasi_core::io::diff::{diff, flagged, outcome_diff, Diff, Flag};
use mutasi_core::io::workbook::{self, Loaded, WorkbookError};
use mutasi_core::model::OutcomeRecord;
use mutasi_core::text::Text;
pub use mutasi_core::wire::load::Departure;
use mutasi_core::wire::proposal::Proposal;
use mutasi_core::wire::sync::RecordKind;
use mutasi_core::Dataset;

use crate::db::{Actor, ImportOptions, NewRecord, Storage, StoreError};
use crate::sync::{dataset_record_iter, load_dataset_at, outcome_records, stored_outcomes};

/// What the operator decided about the records the file leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decision {
    /// Why the employees not in the file left (required when there are any).
    pub departed: Option<Departure>,
    /// Remove the units, positions, slots, ABK rows and outcomes not in the file (required
    /// when there are any).
    pub remove_org: bool,
}

/// Why a load did not happen; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The workbook has problems: every one, with sheet, row and column.
    #[error("{} masalah di berkas / problems in the workbook", .0.len())]
    Invalid(Vec<WorkbookError>),
    /// Records the file leaves out need a decision first.
    #[error("{} / {}", .0.id, .0.en)]
    NeedsDecision(Text),
    /// The data changed since the difference was computed: prepare again.
    #[error("data berubah sejak perbandingan dibuat; bandingkan ulang / the data changed since the difference was computed; compare again")]
    Changed,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A workbook read and compared, ready to [`apply`].
#[derive(Debug)]
pub struct Prepared {
    /// The workbook read.
    pub loaded: Loaded,
    /// The data stored when it was compared (None: an empty store).
    pub base: Option<Dataset>,
    /// What changes.
    pub diff: Diff,
    /// Proposals in progress whose employee or post the load changes or leaves out.
    pub flags: Vec<Flag>,
    /// The store's generation the difference was computed on.
    pub generation: i64,
    /// The outcomes after the load: the `capaian` sheet's, or the stored ones of units that
    /// remain.
    pub outcomes: Vec<OutcomeRecord>,
    /// The outcomes stored when it was compared.
    pub stored_outcomes: Vec<OutcomeRecord>,
}

impl Prepared {
    /// Employees not in the file.
    pub fn departed(&self) -> &[String] {
        self.diff
            .sheet("pegawai")
            .map_or(&[][..], |s| s.missing.as_slice())
    }
    /// Units, positions, slots, ABK rows and outcomes not in the file.
    pub fn org_missing(&self) -> usize {
        self.diff
            .sheets
            .iter()
            .filter(|s| s.sheet != "pegawai")
            .map(|s| s.missing.len())
            .sum()
    }
}

/// Reads `files` on top of the stored data and compares.
pub async fn prepare(
    store: &dyn Storage,
    files: &[(String, Vec<u8>)],
    today: NaiveDate,
) -> Result<Prepared, LoadError> {
    let state = store.sync_state().await?;
    let base = if store.count_records().await? > 0 {
        Some(load_dataset_at(store, state).await?)
    } else {
        None
    };
    let loaded = workbook::read(files, base.as_ref().map(Dataset::parts), today)
        .map_err(LoadError::Invalid)?;
    let empty = mutasi_core::DatasetParts::default();
    let mut d = diff(
        base.as_ref().map_or(&empty, |b| b.parts()),
        loaded.dataset.parts(),
    );
    let stored = stored_outcomes(store).await?;
    let outcomes = match &loaded.outcomes {
        Some(sheet) => sheet.clone(),
        None => stored
            .iter()
            .filter(|o| loaded.dataset.unit_idx(&o.unit).is_some())
            .cloned()
            .collect(),
    };
    let outcome_sheet = outcome_diff(&stored, &outcomes);
    if loaded.outcomes.is_some() || !outcome_sheet.is_empty() {
        d.sheets.push(outcome_sheet);
    }
    let proposals: Vec<Proposal> = store
        .records_of(&[RecordKind::Proposal])
        .await?
        .into_iter()
        .filter_map(|r| serde_json::from_value(r.data).ok())
        .collect();
    let flags = flagged(&proposals, &d);
    Ok(Prepared {
        loaded,
        base,
        diff: d,
        flags,
        generation: state.generation,
        outcomes,
        stored_outcomes: stored,
    })
}

/// Writes a prepared load: the workbook's records (unchanged ones are left alone) and a
/// tombstone for each record it leaves out, in one transaction with one audit entry (`load`:
/// the counts per sheet, the departures with their reason, the flagged proposals). Returns how
/// many records changed.
pub async fn apply(
    store: &dyn Storage,
    prepared: &Prepared,
    decision: Decision,
    actor: &Actor,
) -> Result<u64, LoadError> {
    let departed = prepared.departed();
    if !departed.is_empty() && decision.departed.is_none() {
        return Err(LoadError::NeedsDecision(Text::new(
            format!(
                "{} pegawai tidak ada di berkas: sebutkan alasannya (pensiun, pindah, meninggal, lainnya) atau tambahkan mereka ke berkas",
                departed.len()
            ),
            format!(
                "{} employees are not in the file: give the reason (pensiun, pindah, meninggal, lainnya) or add them to the file",
                departed.len()
            ),
        )));
    }
    let org = prepared.org_missing();
    if org > 0 && !decision.remove_org {
        return Err(LoadError::NeedsDecision(Text::new(
            format!("{org} data organisasi (unit, jabatan, formasi, kebutuhan, capaian) tidak ada di berkas: setujui penghapusannya atau tambahkan ke berkas"),
            format!("{org} organisation records (units, positions, slots, ABK rows, outcomes) are not in the file: approve their removal or add them to the file"),
        )));
    }
    let missing: HashSet<(RecordKind, String)> = prepared
        .diff
        .sheets
        .iter()
        .flat_map(|s| {
            let kind = kind_of(&s.sheet);
            s.missing.iter().map(move |id| (kind, id.clone()))
        })
        .collect();
    let tombstones: Vec<NewRecord> = match &prepared.base {
        Some(base) if !missing.is_empty() => dataset_record_iter(base)
            .chain(outcome_records(base, &prepared.stored_outcomes))
            .filter(|r| missing.contains(&(r.kind, r.id.clone())))
            .map(|mut r| {
                r.write.data = serde_json::Value::Null;
                r
            })
            .collect(),
        _ => Vec::new(),
    };
    let counts: serde_json::Map<String, serde_json::Value> = prepared
        .diff
        .sheets
        .iter()
        .map(|s| {
            (
                s.sheet.clone(),
                serde_json::json!({
                    "added": s.added.len(),
                    "changed": s.changed.len(),
                    "missing": s.missing.len(),
                }),
            )
        })
        .collect();
    let change = serde_json::json!({
        "sheets": counts,
        "kept": prepared.loaded.kept,
        "departed": { "reason": decision.departed, "nips": departed },
        "flagged": prepared.flags.iter().map(|f| &f.proposal).collect::<Vec<_>>(),
    });
    let opts = ImportOptions {
        only_if_empty: false,
        generation: Some(prepared.generation),
        audit: Some(("load".into(), change)),
    };
    let mut records = dataset_record_iter(&prepared.loaded.dataset)
        .chain(outcome_records(
            &prepared.loaded.dataset,
            &prepared.outcomes,
        ))
        .chain(tombstones);
    match store.import_from(&mut records, actor, &opts).await {
        Ok(n) => Ok(n),
        Err(StoreError::Stale(_)) => Err(LoadError::Changed),
        Err(e) => Err(e.into()),
    }
}

fn kind_of(sheet: &str) -> RecordKind {
    match sheet {
        "unit" => RecordKind::Unit,
        "jabatan" => RecordKind::Position,
        "formasi" => RecordKind::Slot,
        "kebutuhan" => RecordKind::Need,
        "capaian" => RecordKind::Outcome,
        _ => RecordKind::Employee,
    }
}
