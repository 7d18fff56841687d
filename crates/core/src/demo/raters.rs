//! The rater (pejabat penilai kinerja) of each SKP record of the demo city, derived from what the
//! generator already made, with no random draw (so every other part of the city stays as it
//! was). The SKP of a year is evaluated at its end, so the rater of year y is the definitive
//! holder of the head post ([`head_slots`]) of the unit the employee was in on 31 December of y
//! (the current post from its TMT on, before it the past post held then), provided that holder
//! was already in the post that day; for a head, the head of the parent unit. Otherwise
//! unknown: the demo keeps no earlier heads, so a head who started during the SKP years leaves
//! the years before without a rater.
use crate::dataset::DatasetParts;
use crate::model::{HoldKind, Nip, UnitId};
use crate::query::head_slots;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Sets the rater of every SKP record of `parts`' employees (see the module docs).
pub(super) fn assign(parts: &mut DatasetParts) {
    let positions: HashMap<&str, usize> = parts
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let position = |k: usize| &parts.positions[positions[parts.slots[k].position.as_str()]];
    // Each unit's definitive head and its TMT.
    let heads: HashMap<&str, (Nip, NaiveDate)> = head_slots(&parts.slots, position)
        .into_iter()
        .filter_map(|(unit, k)| {
            let h = parts.slots[k].holder.as_ref()?;
            (h.kind == HoldKind::Definitive).then_some((unit, (h.nip.clone()?, h.since)))
        })
        .collect();
    let parent: HashMap<&str, &UnitId> = parts
        .units
        .iter()
        .filter_map(|u| Some((u.id.as_str(), u.parent.as_ref()?)))
        .collect();
    let slot_unit: HashMap<&str, &UnitId> = parts
        .slots
        .iter()
        .map(|s| (s.id.as_str(), &s.unit))
        .collect();
    let mut raters: Vec<Vec<Option<Nip>>> = Vec::with_capacity(parts.employees.len());
    for e in &parts.employees {
        let unit_on = |day: NaiveDate| -> Option<&str> {
            match &e.current {
                Some(c) if c.since <= day => slot_unit.get(c.slot.as_str()).map(|u| u.as_str()),
                _ => e
                    .history
                    .iter()
                    .find(|p| p.period.contains(day))
                    .map(|p| p.unit.as_str()),
            }
        };
        let rater_of = |year: u16| -> Option<Nip> {
            let day = NaiveDate::from_ymd_opt(i32::from(year), 12, 31)?;
            let mut unit = unit_on(day)?;
            loop {
                match heads.get(unit) {
                    Some((nip, _)) if nip == &e.nip => {}
                    Some((nip, since)) => return (*since <= day).then(|| nip.clone()),
                    None => {}
                }
                unit = parent.get(unit)?.as_str();
            }
        };
        raters.push(e.skp.iter().map(|r| rater_of(r.year)).collect());
    }
    for (e, raters) in parts.employees.iter_mut().zip(raters) {
        for (r, rater) in e.skp.iter_mut().zip(raters) {
            r.rater = rater;
        }
    }
}
