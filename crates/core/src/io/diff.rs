//! What a load changes: the difference between the data loaded now and the data a workbook
//! gives, per sheet: new, changed (field by field) and missing (in the stored data, not in the
//! file); and the proposals in progress a change touches ([`flagged`]), which are kept and
//! flagged, never dropped.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::workbook::OUTCOME_SHEET;
use crate::model::OutcomeRecord;
use crate::wire::proposal::Proposal;
use crate::DatasetParts;

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's name in the data (e.g. `pangkat`, `current`, `holder`).
    pub field: String,
    /// Before (compact JSON; empty when absent).
    pub old: String,
    /// After.
    pub new: String,
}

/// A record that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changed {
    /// Its id (NIP, unit id, …).
    pub id: String,
    /// The fields that differ.
    pub fields: Vec<FieldChange>,
}

/// The difference in one sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetDiff {
    /// The sheet (`unit`, `jabatan`, `formasi`, `kebutuhan`, `pegawai`, `capaian`).
    pub sheet: String,
    /// Ids new in the file.
    pub added: Vec<String>,
    /// Records whose content changed.
    pub changed: Vec<Changed>,
    /// Ids stored now and not in the file.
    pub missing: Vec<String>,
    /// Records the same in both.
    pub unchanged: usize,
}

impl SheetDiff {
    /// Nothing to write.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.missing.is_empty()
    }
}

/// The difference of a whole load.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    /// Per sheet, in the workbook's order.
    pub sheets: Vec<SheetDiff>,
}

impl Diff {
    /// Nothing changes.
    pub fn is_empty(&self) -> bool {
        self.sheets.iter().all(SheetDiff::is_empty)
    }
    /// The difference of one sheet.
    pub fn sheet(&self, name: &str) -> Option<&SheetDiff> {
        self.sheets.iter().find(|s| s.sheet == name)
    }
    /// Whether the record `id` of `sheet` is changed or missing.
    fn touched(&self, sheet: &str, id: &str) -> Option<Touch> {
        let s = self.sheet(sheet)?;
        if s.missing.iter().any(|m| m == id) {
            Some(Touch::Missing)
        } else if s.changed.iter().any(|c| c.id == id) {
            Some(Touch::Changed)
        } else {
            None
        }
    }
}

/// The id of each ABK row, as stored: `unit|position`, a repeated pair `#2`, `#3`, ….
pub fn need_ids(parts: &DatasetParts) -> Vec<String> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    parts
        .needs
        .iter()
        .map(|n| {
            let key = format!("{}|{}", n.unit, n.position);
            let c = seen.entry(key.clone()).and_modify(|c| *c += 1).or_insert(1);
            if *c == 1 {
                key
            } else {
                format!("{key}#{c}")
            }
        })
        .collect()
}

/// The difference of the `capaian` sheet: `old` (stored) against `new` (the outcomes after the
/// load), by [`OutcomeRecord::record_id`].
pub fn outcome_diff(old: &[OutcomeRecord], new: &[OutcomeRecord]) -> SheetDiff {
    let keyed = |v: &[OutcomeRecord]| -> Vec<(String, serde_json::Value)> {
        v.iter()
            .map(|o| (o.record_id(), serde_json::to_value(o).unwrap_or_default()))
            .collect()
    };
    sheet(OUTCOME_SHEET, keyed(old), keyed(new))
}

/// The difference between `old` (stored) and `new` (from the workbook).
pub fn diff(old: &DatasetParts, new: &DatasetParts) -> Diff {
    fn keyed<T: Serialize>(
        items: &[T],
        id: impl Fn(usize, &T) -> String,
    ) -> Vec<(String, serde_json::Value)> {
        items
            .iter()
            .enumerate()
            .map(|(i, x)| (id(i, x), serde_json::to_value(x).unwrap_or_default()))
            .collect()
    }
    let (old_needs, new_needs) = (need_ids(old), need_ids(new));
    Diff {
        sheets: vec![
            sheet(
                "unit",
                keyed(&old.units, |_, u| u.id.to_string()),
                keyed(&new.units, |_, u| u.id.to_string()),
            ),
            sheet(
                "jabatan",
                keyed(&old.positions, |_, p| p.id.to_string()),
                keyed(&new.positions, |_, p| p.id.to_string()),
            ),
            sheet(
                "formasi",
                keyed(&old.slots, |_, s| s.id.to_string()),
                keyed(&new.slots, |_, s| s.id.to_string()),
            ),
            sheet(
                "kebutuhan",
                keyed(&old.needs, |i, _| old_needs[i].clone()),
                keyed(&new.needs, |i, _| new_needs[i].clone()),
            ),
            sheet(
                "pegawai",
                keyed(&old.employees, |_, e| e.nip.to_string()),
                keyed(&new.employees, |_, e| e.nip.to_string()),
            ),
        ],
    }
}

fn sheet(
    name: &str,
    old: Vec<(String, serde_json::Value)>,
    new: Vec<(String, serde_json::Value)>,
) -> SheetDiff {
    let mut out = SheetDiff {
        sheet: name.into(),
        ..SheetDiff::default()
    };
    let before: HashMap<&str, &serde_json::Value> =
        old.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let after: HashMap<&str, ()> = new.iter().map(|(k, _)| (k.as_str(), ())).collect();
    for (id, v) in &new {
        match before.get(id.as_str()) {
            None => out.added.push(id.clone()),
            Some(&o) if o == v => out.unchanged += 1,
            Some(&o) => out.changed.push(Changed {
                id: id.clone(),
                fields: fields(o, v),
            }),
        }
    }
    out.missing = old
        .iter()
        .filter(|(k, _)| !after.contains_key(k.as_str()))
        .map(|(k, _)| k.clone())
        .collect();
    out
}

/// The top-level fields of two JSON objects that differ, in name order.
fn fields(old: &serde_json::Value, new: &serde_json::Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let (o, n) = (
        old.as_object().unwrap_or(&empty),
        new.as_object().unwrap_or(&empty),
    );
    let names: BTreeMap<&String, ()> = o.keys().chain(n.keys()).map(|k| (k, ())).collect();
    names
        .into_keys()
        .filter(|k| o.get(*k) != n.get(*k))
        .map(|k| FieldChange {
            field: k.clone(),
            old: o.get(k).map_or(String::new(), short),
            new: n.get(k).map_or(String::new(), short),
        })
        .collect()
}

/// A value as compact JSON, at most 120 characters.
fn short(v: &serde_json::Value) -> String {
    let s = match v {
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    if s.chars().count() > 120 {
        let mut t: String = s.chars().take(119).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// How a change touches a proposal's employee or post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Touch {
    /// The record changed.
    Changed,
    /// The record is not in the file.
    Missing,
}

/// A proposal in progress that a load touches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// The proposal.
    pub proposal: String,
    /// Its employee.
    pub nip: String,
    /// Its target slot.
    pub slot: String,
    /// What happened to the employee (None: nothing).
    pub employee: Option<Touch>,
    /// What happened to the target slot (None: nothing).
    pub post: Option<Touch>,
}

/// The proposals not yet final whose employee or target slot the load changes or leaves out.
pub fn flagged<'a>(proposals: impl IntoIterator<Item = &'a Proposal>, diff: &Diff) -> Vec<Flag> {
    proposals
        .into_iter()
        .filter(|p| !p.status.is_final())
        .filter_map(|p| {
            let employee = diff.touched("pegawai", p.nip.as_str());
            let post = diff.touched("formasi", p.slot.as_str());
            (employee.is_some() || post.is_some()).then(|| Flag {
                proposal: p.id.clone(),
                nip: p.nip.to_string(),
                slot: p.slot.to_string(),
                employee,
                post,
            })
        })
        .collect()
}
