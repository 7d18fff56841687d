//! The bridge between a [`Dataset`] and the stored records: [`dataset_records`] (a dataset as
//! records with their visibility columns), [`load_dataset`] (the records back into a dataset)
//! and [`refresh_dataset`] (a dataset brought up to date with the records written since).

use std::collections::{HashMap, HashSet};

use mutasi_core::model::OutcomeRecord;
use mutasi_core::wire::sync::RecordKind;
use mutasi_core::{Dataset, DatasetParts};

use super::json;
use super::visibility::employee_opd;
use crate::db::{NewRecord, RawRecord, Storage, StoreError, SyncState, Write};

/// The records of a dataset, with their visibility columns.
pub fn dataset_records(ds: &Dataset) -> Vec<NewRecord> {
    dataset_record_iter(ds).collect()
}

/// [`dataset_records`], made one at a time (a city's records as JSON trees are several times
/// the dataset's size; seeding writes them as they come).
pub fn dataset_record_iter(ds: &Dataset) -> impl Iterator<Item = NewRecord> + Send + '_ {
    let units = ds.units().iter().enumerate().map(move |(i, u)| {
        let opd = &ds.units()[ds.opd_of_unit(i as u32) as usize].id;
        new_record(
            RecordKind::Unit,
            u.id.to_string(),
            json(u),
            Some(opd.to_string()),
            None,
        )
    });
    let positions = ds
        .positions()
        .iter()
        .map(|p| new_record(RecordKind::Position, p.id.to_string(), json(p), None, None));
    let slots = ds.slots().iter().enumerate().map(move |(i, s)| {
        let opd = ds.slot_opd(i as u32).id.to_string();
        let holder = s
            .holder
            .as_ref()
            .and_then(|h| h.nip.as_ref())
            .map(|n| n.to_string());
        new_record(
            RecordKind::Slot,
            s.id.to_string(),
            json(s),
            Some(opd),
            holder,
        )
    });
    let employees = ds.employees().iter().map(move |e| {
        new_record(
            RecordKind::Employee,
            e.nip.to_string(),
            json(e),
            employee_opd(ds, &e.nip),
            Some(e.nip.to_string()),
        )
    });
    // The id is `unit|position`; a repeated pair (the data allows it) gets `#2`, `#3`, ….
    let mut seen = HashMap::new();
    let needs = ds.needs().iter().map(move |n| {
        let count = seen
            .entry((n.unit.clone(), n.position.clone()))
            .and_modify(|c| *c += 1)
            .or_insert(1u32);
        let id = match *count {
            1 => format!("{}|{}", n.unit, n.position),
            c => format!("{}|{}#{c}", n.unit, n.position),
        };
        let opd = ds
            .unit_idx(&n.unit)
            .map(|u| ds.units()[ds.opd_of_unit(u) as usize].id.to_string());
        new_record(RecordKind::Need, id, json(n), opd, None)
    });
    let rules = std::iter::once_with(move || {
        new_record(
            RecordKind::Rules,
            "default".into(),
            json(ds.rules()),
            None,
            None,
        )
    });
    units
        .chain(positions)
        .chain(slots)
        .chain(employees)
        .chain(needs)
        .chain(rules)
}

/// The outcome records of `outcomes` (the `capaian` sheet), each with the OPD of its unit in
/// `ds` as its visibility column: an OPD's planner pulls the outcomes of the OPD's units, a
/// city-wide planner, an approver and an admin every one, an employee none.
pub fn outcome_records<'a>(
    ds: &'a Dataset,
    outcomes: &'a [OutcomeRecord],
) -> impl Iterator<Item = NewRecord> + Send + 'a {
    outcomes.iter().map(move |o| {
        let opd = ds
            .unit_idx(&o.unit)
            .map(|u| ds.units()[ds.opd_of_unit(u) as usize].id.to_string());
        new_record(RecordKind::Outcome, o.record_id(), json(o), opd, None)
    })
}

/// The outcomes stored now (tombstones left out).
pub async fn stored_outcomes(store: &dyn Storage) -> Result<Vec<OutcomeRecord>, StoreError> {
    Ok(store
        .records_of(&[RecordKind::Outcome])
        .await?
        .into_iter()
        .filter_map(|r| serde_json::from_value(r.data).ok())
        .collect())
}

fn new_record(
    kind: RecordKind,
    id: String,
    data: serde_json::Value,
    opd: Option<String>,
    nip: Option<String>,
) -> NewRecord {
    NewRecord {
        kind,
        id,
        write: Write { data, opd, nip },
    }
}

/// Records read per page when (re)building a dataset.
const PAGE: u32 = 2000;

/// Calls `f` on each record of the dataset's kinds with `after` < seq ≤ `upto`, oldest first,
/// a page at a time (the stored text is decoded by `f` straight into its type, never held as a
/// JSON tree for the whole city).
async fn each_record(
    store: &dyn Storage,
    after: u64,
    upto: u64,
    mut f: impl FnMut(RawRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut cursor = after;
    loop {
        let page = store
            .raw_records(&RecordKind::DATASET, cursor, upto, PAGE)
            .await?;
        let full = page.len() as u32 >= PAGE;
        for r in page {
            cursor = r.seq;
            f(r)?;
        }
        if !full {
            return Ok(());
        }
    }
}

/// A removal (a tombstone: the record's content is `null`, see [`crate::db::NewRecord`]).
pub fn is_tombstone(data: &str) -> bool {
    data.trim() == "null"
}

fn decode<T: serde::de::DeserializeOwned>(r: &RawRecord) -> Result<T, StoreError> {
    serde_json::from_str(&r.data)
        .map_err(|e| StoreError::Corrupt(format!("{}/{}: {e}", r.kind.as_str(), r.id)))
}

/// Rebuilds the dataset from the stored records as of `state` (every record up to its seq).
pub async fn load_dataset_at(store: &dyn Storage, state: SyncState) -> Result<Dataset, StoreError> {
    let mut parts = DatasetParts::default();
    each_record(store, 0, state.seq, |r| {
        if is_tombstone(&r.data) {
            return Ok(());
        }
        match r.kind {
            RecordKind::Employee => parts.employees.push(decode(&r)?),
            RecordKind::Unit => parts.units.push(decode(&r)?),
            RecordKind::Position => parts.positions.push(decode(&r)?),
            RecordKind::Slot => parts.slots.push(decode(&r)?),
            RecordKind::Need => parts.needs.push(decode(&r)?),
            RecordKind::Rules => parts.rules = decode(&r)?,
            RecordKind::Proposal | RecordKind::Outcome => {}
        }
        Ok(())
    })
    .await?;
    Dataset::new(parts).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Rebuilds the dataset from the stored records as they are now.
pub async fn load_dataset(store: &dyn Storage) -> Result<Dataset, StoreError> {
    let state = store.sync_state().await?;
    load_dataset_at(store, state).await
}

/// `ds` (the records up to seq `after`) brought up to `state` with the records written since:
/// each replaces the one with its id, or is added. `None` when a change needs a full rebuild (an
/// ABK need changed: needs have no id of their own in the dataset).
pub async fn refresh_dataset(
    ds: &Dataset,
    after: u64,
    store: &dyn Storage,
    state: SyncState,
) -> Result<Option<Dataset>, StoreError> {
    let mut parts = ds.parts().clone();
    let mut employees: HashMap<String, usize> =
        index(parts.employees.iter().map(|e| e.nip.to_string()));
    let mut slots: HashMap<String, usize> = index(parts.slots.iter().map(|s| s.id.to_string()));
    let mut units: HashMap<String, usize> = index(parts.units.iter().map(|u| u.id.to_string()));
    let mut positions: HashMap<String, usize> =
        index(parts.positions.iter().map(|p| p.id.to_string()));
    let mut needs_changed = false;
    let mut removed: HashSet<(RecordKind, String)> = HashSet::new();
    each_record(store, after, state.seq, |r| {
        if is_tombstone(&r.data) {
            if r.kind == RecordKind::Need {
                needs_changed = true;
            }
            removed.insert((r.kind, r.id));
            return Ok(());
        }
        removed.remove(&(r.kind, r.id.clone()));
        match r.kind {
            RecordKind::Employee => put(&mut parts.employees, &mut employees, &r.id, decode(&r)?),
            RecordKind::Slot => put(&mut parts.slots, &mut slots, &r.id, decode(&r)?),
            RecordKind::Unit => put(&mut parts.units, &mut units, &r.id, decode(&r)?),
            RecordKind::Position => put(&mut parts.positions, &mut positions, &r.id, decode(&r)?),
            RecordKind::Rules => parts.rules = decode(&r)?,
            RecordKind::Need => needs_changed = true,
            RecordKind::Proposal | RecordKind::Outcome => {}
        }
        Ok(())
    })
    .await?;
    if needs_changed {
        return Ok(None);
    }
    if !removed.is_empty() {
        let gone = |kind, id: String| removed.contains(&(kind, id));
        parts
            .employees
            .retain(|e| !gone(RecordKind::Employee, e.nip.to_string()));
        parts
            .slots
            .retain(|x| !gone(RecordKind::Slot, x.id.to_string()));
        parts
            .units
            .retain(|x| !gone(RecordKind::Unit, x.id.to_string()));
        parts
            .positions
            .retain(|x| !gone(RecordKind::Position, x.id.to_string()));
    }
    Dataset::new(parts)
        .map(Some)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn index(ids: impl Iterator<Item = String>) -> HashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

/// Replaces the item with `id` in `items` by `value`, or adds it.
fn put<T>(items: &mut Vec<T>, at: &mut HashMap<String, usize>, id: &str, value: T) {
    match at.get(id) {
        Some(&i) => items[i] = value,
        None => {
            at.insert(id.to_string(), items.len());
            items.push(value);
        }
    }
}
