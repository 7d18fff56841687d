//! The bridge between a [`Dataset`] and the stored records: [`dataset_records`] (a dataset as
//! records with their visibility columns) and [`load_dataset`] (the records back into a
//! dataset).

use mutasi_core::wire::sync::RecordKind;
use mutasi_core::{Dataset, DatasetParts};

use super::json;
use super::visibility::employee_opd;
use crate::db::{NewRecord, Storage, StoreError, Write};

/// The records of a dataset, with their visibility columns.
pub fn dataset_records(ds: &Dataset) -> Vec<NewRecord> {
    let mut out = Vec::new();
    for (i, u) in ds.units().iter().enumerate() {
        let opd = &ds.units()[ds.opd_of_unit(i as u32) as usize].id;
        out.push(new_record(
            RecordKind::Unit,
            u.id.to_string(),
            json(u),
            Some(opd.to_string()),
            None,
        ));
    }
    for p in ds.positions() {
        out.push(new_record(
            RecordKind::Position,
            p.id.to_string(),
            json(p),
            None,
            None,
        ));
    }
    for (i, s) in ds.slots().iter().enumerate() {
        let opd = ds.slot_opd(i as u32).id.to_string();
        let holder = s
            .holder
            .as_ref()
            .and_then(|h| h.nip.as_ref())
            .map(|n| n.to_string());
        out.push(new_record(
            RecordKind::Slot,
            s.id.to_string(),
            json(s),
            Some(opd),
            holder,
        ));
    }
    for e in ds.employees() {
        out.push(new_record(
            RecordKind::Employee,
            e.nip.to_string(),
            json(e),
            employee_opd(ds, &e.nip),
            Some(e.nip.to_string()),
        ));
    }
    // The id is `unit|position`; a repeated pair (the data allows it) gets `#2`, `#3`, ….
    let mut seen = std::collections::HashMap::new();
    for n in ds.needs() {
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
        out.push(new_record(RecordKind::Need, id, json(n), opd, None));
    }
    out.push(new_record(
        RecordKind::Rules,
        "default".into(),
        json(ds.rules()),
        None,
        None,
    ));
    out
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

/// Rebuilds the dataset from the stored records.
pub async fn load_dataset(store: &dyn Storage) -> Result<Dataset, StoreError> {
    let records = store
        .records_of(&[
            RecordKind::Employee,
            RecordKind::Unit,
            RecordKind::Position,
            RecordKind::Slot,
            RecordKind::Need,
            RecordKind::Rules,
        ])
        .await?;
    let mut parts = DatasetParts::default();
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    for r in records {
        match r.kind {
            RecordKind::Employee => parts
                .employees
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Unit => parts
                .units
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Position => parts
                .positions
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Slot => parts
                .slots
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Need => parts
                .needs
                .push(serde_json::from_value(r.data).map_err(corrupt)?),
            RecordKind::Rules => parts.rules = serde_json::from_value(r.data).map_err(corrupt)?,
            RecordKind::Proposal => {}
        }
    }
    Dataset::new(parts).map_err(|e| StoreError::Corrupt(e.to_string()))
}
