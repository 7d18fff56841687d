//! [`Dataset`]: employees, units, positions, slots, ABK needs and the rule set, validated as a
//! whole and indexed by id. Dense indexes ([`EmployeeIdx`], [`SlotIdx`]) address its vectors.
//!
//! **Invariant:** every reference resolves (slot → unit/position, holder → employee, current
//! post → a slot held definitively by that employee) and ids are unique. The only ways in are
//! [`Dataset::new`] and deserialization, which both check this.

use crate::model::*;
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::future::Future;
use std::hash::BuildHasher;
use std::task::{Context, Poll, Waker};

/// A map hashed with foldhash: the std SipHash was a third of building the city's dataset in the
/// browser. For maps keyed by indices or ids built per query over the whole city.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// An id → record position lookup that keeps only the positions: the ids stay in the records
/// (`key_of(i)` is the id of record `i`). Building the city's dataset in the browser cloned every
/// NIP, unit, position and slot id into a map of its own: a fifth of its time.
#[derive(Debug, Clone, Default)]
struct IdIndex {
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl IdIndex {
    /// Indexes `records` by `id_of`; the ids seen more than once go to `dup`.
    fn of<'a, T>(
        records: &'a [T],
        id_of: impl Fn(&'a T) -> &'a str,
        dup: impl FnMut(&str),
    ) -> Self {
        Self::build(
            records.iter().map(&id_of),
            |i| id_of(&records[i as usize]),
            dup,
        )
    }

    /// Indexes `ids` (the id of record `i` at `i`); the ids seen more than once go to `dup`.
    fn build<'a>(
        ids: impl ExactSizeIterator<Item = &'a str>,
        key_of: impl Fn(u32) -> &'a str,
        mut dup: impl FnMut(&str),
    ) -> Self {
        let mut index = IdIndex {
            table: hashbrown::HashTable::with_capacity(ids.len()),
            hasher: Default::default(),
        };
        for (i, id) in ids.enumerate() {
            let hasher = &index.hasher;
            let hash = hasher.hash_one(id);
            match index
                .table
                .entry(hash, |&j| key_of(j) == id, |&j| hasher.hash_one(key_of(j)))
            {
                hashbrown::hash_table::Entry::Occupied(_) => dup(id),
                hashbrown::hash_table::Entry::Vacant(v) => {
                    v.insert(i as u32);
                }
            }
        }
        index
    }

    /// The position of the record whose id is `id`.
    fn get<'a>(&self, id: &str, key_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&j| key_of(j) == id).copied()
    }
}

/// Most records [`Dataset::new_partial_paced`] looks at between two pauses.
pub const BUILD_STEP: usize = 4096;

/// What is inconsistent in a dataset (every problem found, not only the first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("data tidak konsisten / inconsistent dataset: {}", .0.join("; "))]
pub struct DatasetError(pub Vec<String>);

/// The parts of a dataset, as stored in JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DatasetParts {
    /// Employees.
    pub employees: Vec<Employee>,
    /// Units.
    pub units: Vec<Unit>,
    /// Positions.
    pub positions: Vec<Position>,
    /// Slots.
    pub slots: Vec<Slot>,
    /// ABK needs per unit and position.
    #[serde(default)]
    pub needs: Vec<AbkNeed>,
    /// Rules in force.
    #[serde(default)]
    pub rules: RuleSet,
}

/// A whole, consistent dataset with id lookups.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "DatasetParts")]
pub struct Dataset {
    parts: DatasetParts,
    by_nip: IdIndex,
    by_unit: IdIndex,
    by_position: IdIndex,
    by_slot: IdIndex,
    slot_unit: Vec<u32>,
    slot_position: Vec<u32>,
    unit_opd: Vec<u32>,
    employee_slot: Vec<Option<SlotIdx>>,
    employee_plt: Vec<Vec<SlotIdx>>,
    slot_holder: Vec<Option<EmployeeIdx>>,
    /// The slots of each unit, in slot order.
    unit_slots: Vec<Vec<SlotIdx>>,
    /// The first ABK row of each (unit, position).
    need_of: Map<(u32, u32), usize>,
}

impl Serialize for Dataset {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.parts.serialize(s)
    }
}

impl TryFrom<DatasetParts> for Dataset {
    type Error = DatasetError;
    fn try_from(p: DatasetParts) -> Result<Self, DatasetError> {
        Dataset::new(p)
    }
}

impl Dataset {
    /// Validates and indexes the parts: every reference must resolve.
    pub fn new(parts: DatasetParts) -> Result<Self, DatasetError> {
        Self::build(parts, false)
    }

    /// Like [`Dataset::new`], for a device's scoped copy: a slot may be held by someone whose
    /// record this user may not see (an employee sees every post but only their own record; an
    /// OPD planner sees a Plt from another OPD only as a NIP). Such a slot stays held (it is not
    /// open and counts in bezetting) but has no [`Dataset::slot_holder`]. Every other reference
    /// must still resolve.
    pub fn new_partial(parts: DatasetParts) -> Result<Self, DatasetError> {
        Self::build(parts, true)
    }

    /// [`Dataset::new_partial`] in steps of at most [`BUILD_STEP`] records, awaiting `pause()`
    /// between them: a browser's main thread passes a pause that yields to the event loop once
    /// the current task has run long enough, so indexing the city is never one long task. The
    /// result is the same as `new_partial`'s.
    pub async fn new_partial_paced<P: Future<Output = ()>>(
        parts: DatasetParts,
        pause: impl FnMut() -> P,
    ) -> Result<Self, DatasetError> {
        Self::build_paced(parts, true, pause).await
    }

    fn build(parts: DatasetParts, partial: bool) -> Result<Self, DatasetError> {
        // Every pause is ready at once, so the build finishes in its first poll.
        let build = std::pin::pin!(Self::build_paced(parts, partial, || std::future::ready(())));
        match build.poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(built) => built,
            Poll::Pending => unreachable!("a build whose pauses are all ready never waits"),
        }
    }

    async fn build_paced<P: Future<Output = ()>>(
        parts: DatasetParts,
        partial: bool,
        mut pause: impl FnMut() -> P,
    ) -> Result<Self, DatasetError> {
        let mut errs = Vec::new();
        if let Err(e) = parts.rules.validate() {
            errs.push(e.to_string());
        }
        let mut dup =
            |what: &str, id: &str| errs.push(format!("{what} ganda / duplicate {what}: {id}"));
        let by_nip = IdIndex::of(&parts.employees, |e| e.nip.as_str(), |id| dup("NIP", id));
        pause().await;
        let by_unit = IdIndex::of(&parts.units, |u| u.id.as_str(), |id| dup("unit", id));
        let by_position = IdIndex::of(&parts.positions, |p| p.id.as_str(), |id| dup("jabatan", id));
        pause().await;
        let by_slot = IdIndex::of(&parts.slots, |s| s.id.as_str(), |id| dup("slot", id));
        pause().await;
        // Lookups while building, before the parts move into the dataset.
        let unit_of =
            |id: &UnitId| by_unit.get(id.as_str(), |i| parts.units[i as usize].id.as_str());
        let position_of = |id: &PositionId| {
            by_position.get(id.as_str(), |i| parts.positions[i as usize].id.as_str())
        };
        let employee_of =
            |nip: &Nip| by_nip.get(nip.as_str(), |i| parts.employees[i as usize].nip.as_str());

        for p in &parts.positions {
            if p.golongan_min > p.golongan_max || !(1..=17).contains(&p.kelas) {
                errs.push(format!(
                    "jabatan {}: rentang golongan atau kelas tidak valid / bad rank range or kelas",
                    p.id
                ));
            }
        }
        // Units: parents exist, and walking up ends at a root (no cycles).
        let mut unit_opd = vec![0u32; parts.units.len()];
        for (i, u) in parts.units.iter().enumerate() {
            let mut cur = i as u32;
            let mut steps = 0;
            while let Some(parent) = &parts.units[cur as usize].parent {
                match unit_of(parent) {
                    Some(p) if steps < 16 => {
                        cur = p;
                        steps += 1;
                    }
                    Some(_) => {
                        errs.push(format!("unit {}: induk melingkar / parent cycle", u.id));
                        break;
                    }
                    None => {
                        errs.push(format!(
                            "unit {}: induk {parent} tidak ada / unknown parent",
                            u.id
                        ));
                        break;
                    }
                }
            }
            unit_opd[i] = cur;
        }
        let mut slot_unit = Vec::with_capacity(parts.slots.len());
        let mut slot_position = Vec::with_capacity(parts.slots.len());
        let mut slot_holder = vec![None; parts.slots.len()];
        let mut employee_slot = vec![None; parts.employees.len()];
        let mut employee_plt = vec![Vec::new(); parts.employees.len()];
        for (si, s) in parts.slots.iter().enumerate() {
            if si % BUILD_STEP == BUILD_STEP - 1 {
                pause().await;
            }
            slot_unit.push(unit_of(&s.unit).unwrap_or_else(|| {
                errs.push(format!(
                    "slot {}: unit {} tidak ada / unknown unit",
                    s.id, s.unit
                ));
                0
            }));
            slot_position.push(position_of(&s.position).unwrap_or_else(|| {
                errs.push(format!(
                    "slot {}: jabatan {} tidak ada / unknown position",
                    s.id, s.position
                ));
                0
            }));
            if let Some(h) = &s.holder {
                match h.nip.as_ref().and_then(employee_of) {
                    None if partial => {}
                    None => errs.push(format!(
                        "slot {}: pemegang {} tidak ada / unknown holder",
                        s.id,
                        h.nip.as_ref().map_or("-", |n| n.as_str())
                    )),
                    Some(e) => {
                        slot_holder[si] = Some(e);
                        match h.kind {
                            HoldKind::Definitive => {
                                if employee_slot[e as usize].replace(si as SlotIdx).is_some() {
                                    errs.push(format!(
                                        "{}: lebih dari satu jabatan definitif / holds two posts",
                                        parts.employees[e as usize].nip
                                    ));
                                }
                            }
                            HoldKind::Plt => employee_plt[e as usize].push(si as SlotIdx),
                        }
                    }
                }
            }
        }
        pause().await;
        for (ei, e) in parts.employees.iter().enumerate() {
            if ei % BUILD_STEP == BUILD_STEP - 1 {
                pause().await;
            }
            let held = employee_slot[ei].map(|s| &parts.slots[s as usize].id);
            if e.current.as_ref().map(|c| &c.slot) != held {
                errs.push(format!("{}: jabatan sekarang tidak cocok dengan slot / current post does not match slots", e.nip));
            }
        }
        pause().await;
        for n in &parts.needs {
            if unit_of(&n.unit).is_none()
                || position_of(&n.position).is_none()
                || n.workload_hours.is_nan()
                || n.workload_hours < 0.0
            {
                errs.push(format!(
                    "kebutuhan ABK {}/{}: rujukan atau nilai tidak valid / bad need",
                    n.unit, n.position
                ));
            }
        }
        if !errs.is_empty() {
            errs.truncate(50);
            return Err(DatasetError(errs));
        }
        pause().await;
        let mut unit_slots = vec![Vec::new(); parts.units.len()];
        for (si, &u) in slot_unit.iter().enumerate() {
            unit_slots[u as usize].push(si as SlotIdx);
        }
        let mut need_of = Map::with_capacity_and_hasher(parts.needs.len(), Default::default());
        for (i, n) in parts.needs.iter().enumerate() {
            // Checked above: both references resolve.
            if let (Some(u), Some(p)) = (unit_of(&n.unit), position_of(&n.position)) {
                need_of.entry((u, p)).or_insert(i);
            }
        }
        Ok(Self {
            parts,
            by_nip,
            by_unit,
            by_position,
            by_slot,
            slot_unit,
            slot_position,
            unit_opd,
            employee_slot,
            employee_plt,
            slot_holder,
            unit_slots,
            need_of,
        })
    }

    /// The parts back, for editing and re-validation.
    pub fn into_parts(self) -> DatasetParts {
        self.parts
    }
    /// The parts, read-only.
    pub fn parts(&self) -> &DatasetParts {
        &self.parts
    }
    /// All employees.
    pub fn employees(&self) -> &[Employee] {
        &self.parts.employees
    }
    /// All units.
    pub fn units(&self) -> &[Unit] {
        &self.parts.units
    }
    /// All positions.
    pub fn positions(&self) -> &[Position] {
        &self.parts.positions
    }
    /// All slots.
    pub fn slots(&self) -> &[Slot] {
        &self.parts.slots
    }
    /// ABK needs.
    pub fn needs(&self) -> &[AbkNeed] {
        &self.parts.needs
    }
    /// The rule set stored with the data.
    pub fn rules(&self) -> &RuleSet {
        &self.parts.rules
    }
    /// Replaces the rule set (validated).
    pub fn set_rules(&mut self, rules: RuleSet) -> Result<(), crate::rules::RuleSetError> {
        rules.validate()?;
        self.parts.rules = rules;
        Ok(())
    }

    /// Employee index by NIP.
    pub fn employee_idx(&self, nip: &Nip) -> Option<EmployeeIdx> {
        self.by_nip.get(nip.as_str(), |i| {
            self.parts.employees[i as usize].nip.as_str()
        })
    }
    /// Employee by NIP.
    pub fn employee(&self, nip: &Nip) -> Option<&Employee> {
        self.employee_idx(nip)
            .map(|i| &self.parts.employees[i as usize])
    }
    /// Unit by id.
    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        self.unit_idx(id).map(|i| &self.parts.units[i as usize])
    }
    /// Unit index by id.
    pub fn unit_idx(&self, id: &UnitId) -> Option<u32> {
        self.by_unit
            .get(id.as_str(), |i| self.parts.units[i as usize].id.as_str())
    }
    /// Position by id.
    pub fn position(&self, id: &PositionId) -> Option<&Position> {
        self.position_idx(id)
            .map(|i| &self.parts.positions[i as usize])
    }
    /// Position index by id.
    pub fn position_idx(&self, id: &PositionId) -> Option<u32> {
        self.by_position.get(id.as_str(), |i| {
            self.parts.positions[i as usize].id.as_str()
        })
    }
    /// Slot index by id.
    pub fn slot_idx(&self, id: &SlotId) -> Option<SlotIdx> {
        self.by_slot
            .get(id.as_str(), |i| self.parts.slots[i as usize].id.as_str())
    }
    /// Slot by id.
    pub fn slot(&self, id: &SlotId) -> Option<&Slot> {
        self.slot_idx(id).map(|i| &self.parts.slots[i as usize])
    }
    /// Unit of a slot.
    /// The slots of unit `unit` (index), in slot order.
    pub fn unit_slots(&self, unit: u32) -> &[SlotIdx] {
        self.unit_slots.get(unit as usize).map_or(&[], |v| &v[..])
    }

    /// The ABK row of unit `unit` and position `position` (indices); the first when the data
    /// repeats one.
    pub fn need(&self, unit: u32, position: u32) -> Option<&AbkNeed> {
        self.need_of
            .get(&(unit, position))
            .map(|&i| &self.parts.needs[i])
    }

    pub fn slot_unit(&self, s: SlotIdx) -> &Unit {
        &self.parts.units[self.slot_unit[s as usize] as usize]
    }
    /// Unit index of a slot.
    pub fn slot_unit_idx(&self, s: SlotIdx) -> u32 {
        self.slot_unit[s as usize]
    }
    /// Position of a slot.
    pub fn slot_position(&self, s: SlotIdx) -> &Position {
        &self.parts.positions[self.slot_position[s as usize] as usize]
    }
    /// Position index of a slot.
    pub fn slot_position_idx(&self, s: SlotIdx) -> u32 {
        self.slot_position[s as usize]
    }
    /// Index of the OPD (root unit) above a unit.
    pub fn opd_of_unit(&self, unit: u32) -> u32 {
        self.unit_opd[unit as usize]
    }
    /// The OPD (root unit) of a slot.
    pub fn slot_opd(&self, s: SlotIdx) -> &Unit {
        &self.parts.units[self.unit_opd[self.slot_unit[s as usize] as usize] as usize]
    }
    /// The slot an employee holds definitively.
    pub fn employee_slot(&self, e: EmployeeIdx) -> Option<SlotIdx> {
        self.employee_slot[e as usize]
    }
    /// Slots an employee holds as Plt.
    pub fn employee_plt(&self, e: EmployeeIdx) -> &[SlotIdx] {
        &self.employee_plt[e as usize]
    }
    /// The employee holding a slot (definitive or Plt).
    pub fn slot_holder(&self, s: SlotIdx) -> Option<EmployeeIdx> {
        self.slot_holder[s as usize]
    }
}
