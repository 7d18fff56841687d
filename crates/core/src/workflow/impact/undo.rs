//! The city before a set of inaugurations, rebuilt from the city after them
//! ([`reconstruct_before`]): each inauguration undone by the reverse of
//! [`crate::workflow::inaugurate`], or reported with why it could not be ([`UndoError`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::MoveMade;
use crate::model::{CurrentPost, HoldKind, Holder, Nip, SlotId};
use crate::text::Text;
use crate::wire::sync::{Proposal, ProposalStatus};
use crate::Dataset;

/// Why an inauguration could not be undone, or the city before it rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", self.text())]
pub enum UndoError {
    /// The employee is not in the data.
    UnknownEmployee(Nip),
    /// The slot taken is not in the data.
    UnknownSlot(SlotId),
    /// The employee's post now is not this inauguration's result (not synced yet, or they
    /// moved again since).
    NotThisInauguration {
        /// Who.
        nip: Nip,
        /// The slot the inauguration gave them.
        slot: SlotId,
        /// Its date.
        on: NaiveDate,
    },
    /// No open seat of the post left to move the employee back to.
    NoSeatToReturn {
        /// Who.
        nip: Nip,
        /// The title of the post left.
        title: String,
        /// Its unit.
        unit: String,
    },
    /// The rebuilt city does not hold together (the dataset's own reason).
    Inconsistent(String),
}

impl UndoError {
    /// Why, in both languages, with the ids.
    pub fn text(&self) -> Text {
        match self {
            UndoError::UnknownEmployee(nip) => Text::new(
                format!("pegawai {nip} tidak ada di data"),
                format!("employee {nip} is not in the data"),
            ),
            UndoError::UnknownSlot(slot) => Text::new(
                format!("formasi {slot} tidak ada di data"),
                format!("slot {slot} is not in the data"),
            ),
            UndoError::NotThisInauguration { nip, slot, on } => Text::new(
                format!(
                    "jabatan sekarang {nip} bukan hasil pelantikan ini ({slot} sejak {on}); data \
                     belum tersinkron atau pegawai sudah pindah lagi"
                ),
                format!(
                    "{nip}'s current post is not this inauguration's ({slot} since {on}); the \
                     data is not synced yet or the employee moved again"
                ),
            ),
            UndoError::NoSeatToReturn { nip, title, unit } => Text::new(
                format!("tidak ada formasi {title} yang terbuka di unit {unit} untuk dikembalikan"),
                format!("no open slot {title} in unit {unit} to move {nip} back to"),
            ),
            UndoError::Inconsistent(e) => Text::new(
                format!("data sebelum mutasi tidak konsisten: {e}"),
                format!("the data before the moves is inconsistent: {e}"),
            ),
        }
    }
}

/// An inaugurated proposal whose move could not be undone (it stays out of the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotUndone {
    /// The proposal.
    pub proposal: String,
    /// Who.
    pub nip: Nip,
    /// Why.
    pub why: UndoError,
}

/// The city before a set of inaugurations, rebuilt from the city after them.
#[derive(Debug, Clone)]
pub struct Reconstruction {
    /// The dataset with the moves undone.
    pub before: Dataset,
    /// The moves undone, in the order they were inaugurated, with the slot each person left.
    pub moves: Vec<MoveMade>,
    /// The inaugurated proposals that could not be undone.
    pub not_undone: Vec<NotUndone>,
}

/// When the server accepted the inauguration (from the history; empty when unknown).
fn inaugurated_at(p: &Proposal) -> &str {
    p.history
        .iter()
        .rev()
        .find(|e| e.to == ProposalStatus::Inaugurated)
        .map_or("", |e| e.at.as_str())
}

/// Undoes one inauguration in `parts` (nothing changes on an error); returns the slot left.
fn undo_one(
    after: &Dataset,
    parts: &mut crate::DatasetParts,
    employees: &HashMap<Nip, usize>,
    slots: &HashMap<SlotId, usize>,
    p: &Proposal,
    on: NaiveDate,
) -> Result<Option<SlotId>, UndoError> {
    let ei = *employees
        .get(&p.nip)
        .ok_or_else(|| UndoError::UnknownEmployee(p.nip.clone()))?;
    let ti = *slots
        .get(&p.slot)
        .ok_or_else(|| UndoError::UnknownSlot(p.slot.clone()))?;
    let e = &parts.employees[ei];
    let here = e
        .current
        .as_ref()
        .is_some_and(|c| c.slot == p.slot && c.since == on);
    let holds = parts.slots[ti]
        .holder
        .as_ref()
        .is_some_and(|h| h.nip.as_ref() == Some(&p.nip) && h.kind == HoldKind::Definitive);
    if !here || !holds {
        return Err(UndoError::NotThisInauguration {
            nip: p.nip.clone(),
            slot: p.slot.clone(),
            on,
        });
    }
    // `inaugurate` pushed the post left onto the history, ending the day before.
    let end = on.pred_opt().unwrap_or(on);
    let past = e.history.last().filter(|h| h.period.end() == end).cloned();
    let old = match &past {
        None => None,
        Some(past) => {
            // The seat left: an open slot of the same position (by title) in the same unit. Of
            // identical seats the vacant one with the smallest id is taken; the ABK figures are
            // the same whichever it is.
            let pick = parts
                .slots
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    *i != ti
                        && s.unit == past.unit
                        && s.is_open()
                        && after
                            .position(&s.position)
                            .is_some_and(|pos| pos.name == past.title)
                })
                .min_by(|(_, a), (_, b)| {
                    (a.holder.is_some(), &a.id).cmp(&(b.holder.is_some(), &b.id))
                })
                .map(|(i, _)| i);
            let Some(oi) = pick else {
                return Err(UndoError::NoSeatToReturn {
                    nip: p.nip.clone(),
                    title: past.title.clone(),
                    unit: past.unit.to_string(),
                });
            };
            Some((oi, past.period.start()))
        }
    };
    let e = &mut parts.employees[ei];
    parts.slots[ti].holder = None;
    match old {
        None => e.current = None,
        Some((oi, since)) => {
            e.history.pop();
            e.current = Some(CurrentPost {
                slot: parts.slots[oi].id.clone(),
                since,
            });
            parts.slots[oi].holder = Some(Holder {
                nip: Some(p.nip.clone()),
                kind: HoldKind::Definitive,
                since,
            });
        }
    }
    Ok(old.map(|(oi, _)| parts.slots[oi].id.clone()))
}

/// The city before the inaugurations among `proposals`, rebuilt from `after`, the city with
/// them done: each is undone (latest first, by date and then by the time the server accepted
/// it) by the reverse of [`crate::workflow::inaugurate`]: the employee gets back the post at the end of
/// their history (that post's seat: an open slot of the same title in the same unit), and the
/// slot taken becomes vacant. Proposals not inaugurated are ignored.
///
/// Not restored, because the records do not keep it: a Plt who held the slot taken before the
/// inauguration (bezetting counts definitive holders only, so the ABK figures do not depend on
/// it), and which of several identical open seats the employee left. An inauguration whose
/// result is not in `after` (not synced yet, or the employee moved again since) is reported in
/// [`Reconstruction::not_undone`] and left out. Errs only if the rebuilt city is inconsistent.
pub fn reconstruct_before(
    after: &Dataset,
    proposals: &[Proposal],
) -> Result<Reconstruction, UndoError> {
    let mut list: Vec<(&Proposal, NaiveDate)> = proposals
        .iter()
        .filter(|p| p.status == ProposalStatus::Inaugurated)
        .map(|p| (p, p.inaugurated_on.unwrap_or(p.tmt)))
        .collect();
    list.sort_by(|(a, da), (b, db)| {
        (da, inaugurated_at(a), &a.id).cmp(&(db, inaugurated_at(b), &b.id))
    });
    let mut parts = after.parts().clone();
    let employees: HashMap<Nip, usize> = parts
        .employees
        .iter()
        .enumerate()
        .map(|(i, e)| (e.nip.clone(), i))
        .collect();
    let slots: HashMap<SlotId, usize> = parts
        .slots
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let mut moves = Vec::with_capacity(list.len());
    let mut not_undone = Vec::new();
    for (p, on) in list.into_iter().rev() {
        match undo_one(after, &mut parts, &employees, &slots, p, on) {
            Ok(from) => moves.push(MoveMade {
                nip: p.nip.clone(),
                from,
                to: p.slot.clone(),
                on,
            }),
            Err(why) => not_undone.push(NotUndone {
                proposal: p.id.clone(),
                nip: p.nip.clone(),
                why,
            }),
        }
    }
    moves.reverse();
    not_undone.reverse();
    let before = Dataset::new(parts).map_err(|e| UndoError::Inconsistent(e.to_string()))?;
    Ok(Reconstruction {
        before,
        moves,
        not_undone,
    })
}
