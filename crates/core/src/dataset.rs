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
    by_nip: HashMap<Nip, EmployeeIdx>,
    by_unit: HashMap<UnitId, u32>,
    by_position: HashMap<PositionId, u32>,
    by_slot: HashMap<SlotId, SlotIdx>,
    slot_unit: Vec<u32>,
    slot_position: Vec<u32>,
    unit_opd: Vec<u32>,
    employee_slot: Vec<Option<SlotIdx>>,
    employee_plt: Vec<Vec<SlotIdx>>,
    slot_holder: Vec<Option<EmployeeIdx>>,
    /// The slots of each unit, in slot order.
    unit_slots: Vec<Vec<SlotIdx>>,
    /// The first ABK row of each (unit, position).
    need_of: HashMap<(u32, u32), usize>,
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

fn index<K: std::hash::Hash + Eq + Clone + std::fmt::Display>(
    keys: impl Iterator<Item = K>,
    what: &str,
    errs: &mut Vec<String>,
) -> HashMap<K, u32> {
    let mut m = HashMap::new();
    for (i, k) in keys.enumerate() {
        if m.insert(k.clone(), i as u32).is_some() {
            errs.push(format!("{what} ganda / duplicate {what}: {k}"));
        }
    }
    m
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

    fn build(parts: DatasetParts, partial: bool) -> Result<Self, DatasetError> {
        let mut errs = Vec::new();
        if let Err(e) = parts.rules.validate() {
            errs.push(e.to_string());
        }
        let by_nip = index(
            parts.employees.iter().map(|e| e.nip.clone()),
            "NIP",
            &mut errs,
        );
        let by_unit = index(parts.units.iter().map(|u| u.id.clone()), "unit", &mut errs);
        let by_position = index(
            parts.positions.iter().map(|p| p.id.clone()),
            "jabatan",
            &mut errs,
        );
        let by_slot = index(parts.slots.iter().map(|s| s.id.clone()), "slot", &mut errs);

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
                match by_unit.get(parent) {
                    Some(&p) if steps < 16 => {
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
            slot_unit.push(*by_unit.get(&s.unit).unwrap_or_else(|| {
                errs.push(format!(
                    "slot {}: unit {} tidak ada / unknown unit",
                    s.id, s.unit
                ));
                &0
            }));
            slot_position.push(*by_position.get(&s.position).unwrap_or_else(|| {
                errs.push(format!(
                    "slot {}: jabatan {} tidak ada / unknown position",
                    s.id, s.position
                ));
                &0
            }));
            if let Some(h) = &s.holder {
                match h.nip.as_ref().and_then(|n| by_nip.get(n)) {
                    None if partial => {}
                    None => errs.push(format!(
                        "slot {}: pemegang {} tidak ada / unknown holder",
                        s.id,
                        h.nip.as_ref().map_or("-", |n| n.as_str())
                    )),
                    Some(&e) => {
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
        for (ei, e) in parts.employees.iter().enumerate() {
            let held = employee_slot[ei].map(|s| &parts.slots[s as usize].id);
            if e.current.as_ref().map(|c| &c.slot) != held {
                errs.push(format!("{}: jabatan sekarang tidak cocok dengan slot / current post does not match slots", e.nip));
            }
        }
        for n in &parts.needs {
            if !by_unit.contains_key(&n.unit)
                || !by_position.contains_key(&n.position)
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
        let mut unit_slots = vec![Vec::new(); parts.units.len()];
        for (si, &u) in slot_unit.iter().enumerate() {
            unit_slots[u as usize].push(si as SlotIdx);
        }
        let mut need_of = HashMap::with_capacity(parts.needs.len());
        for (i, n) in parts.needs.iter().enumerate() {
            // Checked above: both references resolve.
            if let (Some(&u), Some(&p)) = (by_unit.get(&n.unit), by_position.get(&n.position)) {
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
        self.by_nip.get(nip).copied()
    }
    /// Employee by NIP.
    pub fn employee(&self, nip: &Nip) -> Option<&Employee> {
        self.employee_idx(nip)
            .map(|i| &self.parts.employees[i as usize])
    }
    /// Unit by id.
    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        self.by_unit.get(id).map(|&i| &self.parts.units[i as usize])
    }
    /// Unit index by id.
    pub fn unit_idx(&self, id: &UnitId) -> Option<u32> {
        self.by_unit.get(id).copied()
    }
    /// Position by id.
    pub fn position(&self, id: &PositionId) -> Option<&Position> {
        self.by_position
            .get(id)
            .map(|&i| &self.parts.positions[i as usize])
    }
    /// Position index by id.
    pub fn position_idx(&self, id: &PositionId) -> Option<u32> {
        self.by_position.get(id).copied()
    }
    /// Slot index by id.
    pub fn slot_idx(&self, id: &SlotId) -> Option<SlotIdx> {
        self.by_slot.get(id).copied()
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
