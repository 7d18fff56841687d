//! The impact of a round of moves made (inaugurated proposals): for each person, their SKP
//! before and after the move; for each unit left or joined, its ABK indicators before and after
//! (kebutuhan, bezetting, gap, shortage filled, effectiveness and class, as in
//! [`crate::query::need`]).
//!
//! **Where "after" comes from.** The employee record already keeps the SKP history
//! (`Employee::skp`, one predikat per year), so no new data is needed: "before" is the latest
//! predikat of a year before the move's year; "after" is the first predikat of a year after it
//! (a move on 1 January counts its own year as "after"). Until that year is assessed the
//! person's trend is [`SkpTrend::NotYetKnown`]. Predikat are compared by their score in
//! [`crate::rules::PredikatScores`].
//!
//! The input is the dataset before the round, the moves made, and the dataset after (the same
//! city with the moves done and later SKP added); the computation is pure.
//!
//! **Where "before" comes from.** A device holds only the current city, which is the "after".
//! [`reconstruct_before`] undoes the inaugurations of a list of proposals on it (the reverse of
//! [`super::inaugurate`]), and [`impact_by_round`] does so round by round, latest round first,
//! so each round is compared with the city just before it.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{CurrentPost, HoldKind, Holder};
use crate::model::{Employee, Nip, SkpRecord, SlotId, UnitId};
use crate::query::{effectiveness, need_by, AbkClass, NeedTotals};
use crate::rules::RuleSet;
use crate::text::Text;
use crate::wire::sync::{Proposal, ProposalStatus};
use crate::Dataset;

/// One move made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveMade {
    /// Who.
    pub nip: Nip,
    /// The slot left (None: had no definitive post).
    pub from: Option<SlotId>,
    /// The slot taken.
    pub to: SlotId,
    /// Start of the new post (inauguration date).
    pub on: NaiveDate,
}

/// The moves made by the inaugurated proposals among `proposals`, with the slot each person
/// held in `before`.
pub fn moves_made(before: &Dataset, proposals: &[Proposal]) -> Vec<MoveMade> {
    proposals
        .iter()
        .filter(|p| p.status == ProposalStatus::Inaugurated)
        .map(|p| MoveMade {
            nip: p.nip.clone(),
            from: before
                .employee_idx(&p.nip)
                .and_then(|e| before.employee_slot(e))
                .map(|s| before.slots()[s as usize].id.clone()),
            to: p.slot.clone(),
            on: p.inaugurated_on.unwrap_or(p.tmt),
        })
        .collect()
}

/// How a person's SKP went after the move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkpTrend {
    /// A better predikat.
    Better,
    /// The same predikat score.
    Same,
    /// A worse predikat.
    Worse,
    /// No predikat after (or before) the move yet.
    NotYetKnown,
}

/// One person's SKP around the move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonImpact {
    /// Who.
    pub nip: Nip,
    /// Name.
    pub name: String,
    /// Unit left.
    pub from_unit: Option<UnitId>,
    /// Unit joined.
    pub to_unit: Option<UnitId>,
    /// Start of the new post.
    pub on: NaiveDate,
    /// Latest SKP of a year before the move.
    pub skp_before: Option<SkpRecord>,
    /// First SKP of a year after the move.
    pub skp_after: Option<SkpRecord>,
    /// The trend.
    pub trend: SkpTrend,
    /// The trend with the numbers.
    pub note: Text,
}

/// A unit's ABK indicators at one point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct UnitIndicators {
    /// Σ kebutuhan (people).
    pub kebutuhan: f64,
    /// Σ bezetting (definitive holders).
    pub bezetting: u32,
    /// bezetting − kebutuhan (negative: shortage).
    pub gap: f64,
    /// max(0, kebutuhan − bezetting).
    pub shortage: f64,
    /// kebutuhan / bezetting (None when nobody is in post).
    pub effectiveness: Option<f64>,
    /// Effectiveness class.
    pub class: AbkClass,
}

impl UnitIndicators {
    fn of(t: NeedTotals, rules: &RuleSet) -> Self {
        let eff = effectiveness(t.kebutuhan, t.bezetting);
        Self {
            kebutuhan: t.kebutuhan,
            bezetting: t.bezetting,
            gap: t.gap(),
            shortage: (t.kebutuhan - f64::from(t.bezetting)).max(0.0),
            effectiveness: eff.is_finite().then_some(eff),
            class: t.class(rules),
        }
    }
}

/// One unit's indicators before and after the round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitImpact {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// People who joined it in the round.
    pub joined: u32,
    /// People who left it in the round.
    pub left: u32,
    /// Before.
    pub before: UnitIndicators,
    /// After.
    pub after: UnitIndicators,
    /// shortage before − shortage after (negative: a shortage was created or grew).
    pub shortage_filled: f64,
    /// The change with the numbers.
    pub note: Text,
}

/// Totals of the round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ImpactSummary {
    /// Moves in the round.
    pub moves: u32,
    /// People whose SKP improved / stayed / worsened / is not known yet.
    pub skp_better: u32,
    /// Same predikat score.
    pub skp_same: u32,
    /// Worse.
    pub skp_worse: u32,
    /// Not known yet.
    pub skp_not_yet_known: u32,
    /// Σ shortage filled over the units touched (people).
    pub shortage_filled: f64,
    /// Σ shortage created or grown over the units touched (people, positive).
    pub shortage_created: f64,
}

/// The report of one round of transfers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImpactReport {
    /// Per person, in the order of the moves.
    pub people: Vec<PersonImpact>,
    /// Per unit left or joined, in unit-id order.
    pub units: Vec<UnitImpact>,
    /// Totals.
    pub summary: ImpactSummary,
}

fn skp_before(e: &Employee, on: NaiveDate) -> Option<SkpRecord> {
    e.skp
        .iter()
        .filter(|r| i32::from(r.year) < on.year())
        .max_by_key(|r| r.year)
        .copied()
}

fn skp_after(e: &Employee, on: NaiveDate) -> Option<SkpRecord> {
    let first = if on.ordinal() == 1 {
        on.year()
    } else {
        on.year() + 1
    };
    e.skp
        .iter()
        .filter(|r| i32::from(r.year) >= first)
        .min_by_key(|r| r.year)
        .copied()
}

fn slot_unit(ds: &Dataset, slot: &SlotId) -> Option<UnitId> {
    ds.slot(slot).map(|s| s.unit.clone())
}

fn unit_totals(ds: &Dataset, rules: &RuleSet, unit: &UnitId) -> NeedTotals {
    let Some(u) = ds.unit_idx(unit) else {
        return NeedTotals::default();
    };
    need_by(ds, rules, 1, |r| (r.unit == u).then_some(0))
        .into_iter()
        .next()
        .map_or_else(NeedTotals::default, |(_, t)| t)
}

fn fmt_eff(e: Option<f64>) -> String {
    e.map_or_else(|| "∞".to_string(), |v| format!("{v:.2}"))
}

/// The impact of `moves` (made between `before` and `after`), with `rules` for the predikat
/// scores and ABK classes.
pub fn impact(
    before: &Dataset,
    moves: &[MoveMade],
    after: &Dataset,
    rules: &RuleSet,
) -> ImpactReport {
    let mut summary = ImpactSummary {
        moves: moves.len() as u32,
        ..Default::default()
    };
    let mut people = Vec::with_capacity(moves.len());
    let mut touched: std::collections::BTreeMap<UnitId, (u32, u32)> = Default::default();
    for m in moves {
        let from_unit = m
            .from
            .as_ref()
            .and_then(|s| slot_unit(before, s).or_else(|| slot_unit(after, s)));
        let to_unit = slot_unit(after, &m.to).or_else(|| slot_unit(before, &m.to));
        if let Some(u) = &from_unit {
            touched.entry(u.clone()).or_default().1 += 1;
        }
        if let Some(u) = &to_unit {
            touched.entry(u.clone()).or_default().0 += 1;
        }
        let emp_before = before.employee(&m.nip);
        let emp_after = after.employee(&m.nip).or(emp_before);
        let b = emp_before.and_then(|e| skp_before(e, m.on));
        let a = emp_after.and_then(|e| skp_after(e, m.on));
        let (trend, note) = match (b, a) {
            (Some(b), Some(a)) => {
                let (sb, sa) = (
                    rules.predikat_score.get(b.predikat),
                    rules.predikat_score.get(a.predikat),
                );
                let trend = if sa > sb {
                    SkpTrend::Better
                } else if sa < sb {
                    SkpTrend::Worse
                } else {
                    SkpTrend::Same
                };
                let note = Text::new(
                    format!(
                        "SKP {} {} (skor {sb}) → {} {} (skor {sa})",
                        b.year, b.predikat, a.year, a.predikat
                    ),
                    format!(
                        "SKP {} {} (score {sb}) → {} {} (score {sa})",
                        b.year, b.predikat, a.year, a.predikat
                    ),
                );
                (trend, note)
            }
            (_, None) => (
                SkpTrend::NotYetKnown,
                Text::new(
                    format!("belum ada SKP tahun setelah pindah ({})", m.on.year()),
                    format!("no SKP yet for a year after the move ({})", m.on.year()),
                ),
            ),
            (None, Some(a)) => (
                SkpTrend::NotYetKnown,
                Text::new(
                    format!(
                        "tidak ada SKP sebelum pindah; sesudah: {} {}",
                        a.year, a.predikat
                    ),
                    format!("no SKP before the move; after: {} {}", a.year, a.predikat),
                ),
            ),
        };
        match trend {
            SkpTrend::Better => summary.skp_better += 1,
            SkpTrend::Same => summary.skp_same += 1,
            SkpTrend::Worse => summary.skp_worse += 1,
            SkpTrend::NotYetKnown => summary.skp_not_yet_known += 1,
        }
        people.push(PersonImpact {
            nip: m.nip.clone(),
            name: emp_after.map(|e| e.name.clone()).unwrap_or_default(),
            from_unit,
            to_unit,
            on: m.on,
            skp_before: b,
            skp_after: a,
            trend,
            note,
        });
    }
    let mut units = Vec::with_capacity(touched.len());
    for (unit, (joined, left)) in touched {
        let b = UnitIndicators::of(unit_totals(before, rules, &unit), rules);
        let a = UnitIndicators::of(unit_totals(after, rules, &unit), rules);
        let filled = b.shortage - a.shortage;
        if filled >= 0.0 {
            summary.shortage_filled += filled;
        } else {
            summary.shortage_created -= filled;
        }
        let note = Text::new(
            format!(
                "bezetting {} → {}, kebutuhan {:.2} → {:.2}, kekurangan {:.2} → {:.2}, \
                 efektivitas {} ({:?}) → {} ({:?})",
                b.bezetting,
                a.bezetting,
                b.kebutuhan,
                a.kebutuhan,
                b.shortage,
                a.shortage,
                fmt_eff(b.effectiveness),
                b.class,
                fmt_eff(a.effectiveness),
                a.class
            ),
            format!(
                "bezetting {} → {}, need {:.2} → {:.2}, shortage {:.2} → {:.2}, \
                 effectiveness {} ({:?}) → {} ({:?})",
                b.bezetting,
                a.bezetting,
                b.kebutuhan,
                a.kebutuhan,
                b.shortage,
                a.shortage,
                fmt_eff(b.effectiveness),
                b.class,
                fmt_eff(a.effectiveness),
                a.class
            ),
        );
        let name = after
            .unit(&unit)
            .or_else(|| before.unit(&unit))
            .map(|u| u.name.clone())
            .unwrap_or_default();
        units.push(UnitImpact {
            unit,
            name,
            joined,
            left,
            before: b,
            after: a,
            shortage_filled: filled,
            note,
        });
    }
    ImpactReport {
        people,
        units,
        summary,
    }
}

/// An inaugurated proposal whose move could not be undone (it stays out of the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotUndone {
    /// The proposal.
    pub proposal: String,
    /// Who.
    pub nip: Nip,
    /// Why, with the ids.
    pub reason: Text,
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
) -> Result<Option<SlotId>, Text> {
    let ei = *employees.get(&p.nip).ok_or_else(|| {
        Text::new(
            format!("pegawai {} tidak ada di data", p.nip),
            format!("employee {} is not in the data", p.nip),
        )
    })?;
    let ti = *slots.get(&p.slot).ok_or_else(|| {
        Text::new(
            format!("slot {} tidak ada di data", p.slot),
            format!("slot {} is not in the data", p.slot),
        )
    })?;
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
        return Err(Text::new(
            format!(
                "jabatan sekarang {} bukan hasil pelantikan ini ({} sejak {}); data belum \
                 tersinkron atau pegawai sudah pindah lagi",
                p.nip, p.slot, on
            ),
            format!(
                "{}'s current post is not this inauguration's ({} since {on}); the data is not \
                 synced yet or the employee moved again",
                p.nip, p.slot
            ),
        ));
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
                return Err(Text::new(
                    format!(
                        "tidak ada slot {} yang terbuka di unit {} untuk dikembalikan",
                        past.title, past.unit
                    ),
                    format!(
                        "no open slot {} in unit {} to move {} back to",
                        past.title, past.unit, p.nip
                    ),
                ));
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
/// it) by the reverse of [`super::inaugurate`]: the employee gets back the post at the end of
/// their history (that post's seat: an open slot of the same title in the same unit), and the
/// slot taken becomes vacant. Proposals not inaugurated are ignored.
///
/// Not restored, because the records do not keep it: a Plt who held the slot taken before the
/// inauguration (bezetting counts definitive holders only, so the ABK figures do not depend on
/// it), and which of several identical open seats the employee left. An inauguration whose
/// result is not in `after` (not synced yet, or the employee moved again since) is reported in
/// [`Reconstruction::not_undone`] and left out. Errs only if the rebuilt city is inconsistent.
pub fn reconstruct_before(after: &Dataset, proposals: &[Proposal]) -> Result<Reconstruction, Text> {
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
            Err(reason) => not_undone.push(NotUndone {
                proposal: p.id.clone(),
                nip: p.nip.clone(),
                reason,
            }),
        }
    }
    moves.reverse();
    not_undone.reverse();
    let before = Dataset::new(parts).map_err(|e| {
        Text::new(
            format!("data sebelum mutasi tidak konsisten: {e}"),
            format!("the data before the moves is inconsistent: {e}"),
        )
    })?;
    Ok(Reconstruction {
        before,
        moves,
        not_undone,
    })
}

/// The impact of one round of moves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundImpact<K> {
    /// The round (an SK number, a month, …).
    pub key: K,
    /// First inauguration date in the round.
    pub first: NaiveDate,
    /// Last inauguration date in the round.
    pub last: NaiveDate,
    /// Its inaugurated proposals.
    pub proposals: Vec<String>,
    /// The report, against the city just before the round.
    pub report: ImpactReport,
    /// Moves of the round that could not be undone (left out of the report).
    pub not_undone: Vec<NotUndone>,
}

/// The impact of the inaugurated proposals among `proposals`, grouped into rounds by `key`
/// (e.g. the SK number, or the month of inauguration), in the order of each round's last
/// inauguration date. `after` is the city now; the city before each round is rebuilt by
/// undoing that round and every later one ([`reconstruct_before`]).
pub fn impact_by_round<K: Ord + Clone>(
    after: &Dataset,
    proposals: &[Proposal],
    rules: &RuleSet,
    key: impl Fn(&Proposal) -> K,
) -> Result<Vec<RoundImpact<K>>, Text> {
    let mut groups: BTreeMap<K, Vec<Proposal>> = BTreeMap::new();
    for p in proposals
        .iter()
        .filter(|p| p.status == ProposalStatus::Inaugurated)
    {
        groups.entry(key(p)).or_default().push(p.clone());
    }
    let on = |p: &Proposal| p.inaugurated_on.unwrap_or(p.tmt);
    let mut rounds: Vec<(K, NaiveDate, NaiveDate, Vec<Proposal>)> = groups
        .into_iter()
        .map(|(k, ps)| {
            let first = ps.iter().map(on).min().unwrap_or_default();
            let last = ps.iter().map(on).max().unwrap_or_default();
            (k, first, last, ps)
        })
        .collect();
    rounds.sort_by(|a, b| (a.2, a.1, &a.0).cmp(&(b.2, b.1, &b.0)));
    let mut out = Vec::with_capacity(rounds.len());
    let mut later: Option<Dataset> = None;
    for (key, first, last, ps) in rounds.into_iter().rev() {
        let now = later.as_ref().unwrap_or(after);
        let r = reconstruct_before(now, &ps)?;
        let report = impact(&r.before, &r.moves, now, rules);
        out.push(RoundImpact {
            key,
            first,
            last,
            proposals: ps.into_iter().map(|p| p.id).collect(),
            report,
            not_undone: r.not_undone,
        });
        later = Some(r.before);
    }
    out.reverse();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{nips, small};
    use crate::wire::auth::Role;
    use crate::wire::sync::{ProposalEvent, ProposalSource, SkRef};
    use crate::workflow::inaugurate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn nip(s: &str) -> Nip {
        Nip::parse(s).unwrap()
    }

    fn sid(s: &str) -> SlotId {
        SlotId::new(s).unwrap()
    }

    /// `ds` with `who` inaugurated into `to` on `on`, as the server writes it.
    fn inaugurated(ds: &Dataset, who: &str, to: &str, on: NaiveDate) -> Dataset {
        let e = ds.employee(&nip(who)).unwrap();
        let from = ds
            .employee_idx(&e.nip)
            .and_then(|i| ds.employee_slot(i))
            .map(|s| &ds.slots()[s as usize]);
        let rec = inaugurate(ds, e, from, ds.slot(&sid(to)).unwrap(), on).unwrap();
        let mut parts = ds.parts().clone();
        rec.apply(&mut parts);
        Dataset::new(parts).unwrap()
    }

    /// An inaugurated proposal, accepted by the server at `at`.
    fn done(id: &str, who: &str, to: &str, on: NaiveDate, at: &str, sk: &str) -> Proposal {
        Proposal {
            id: id.into(),
            nip: nip(who),
            slot: sid(to),
            tmt: on,
            reason: "pemenuhan kebutuhan organisasi".into(),
            overrides: Vec::new(),
            status: ProposalStatus::Inaugurated,
            source: ProposalSource::Planner,
            proposed_by: "disdik".into(),
            decided_by: Some("ppk".into()),
            sk: Some(SkRef {
                number: sk.into(),
                date: on,
            }),
            inaugurated_on: Some(on),
            history: vec![ProposalEvent {
                action: "inaugurate".into(),
                from: Some(ProposalStatus::SkIssued),
                to: ProposalStatus::Inaugurated,
                by: "bkpsdm".into(),
                role: Role::Planner,
                at: at.into(),
                reason: None,
            }],
        }
    }

    /// A vacancy chain on one day: GURU_PLT leaves SDN-001/GURU-1 for the bidang, then PPPK
    /// takes her seat. Undoing must go latest first (by the server's time), or GURU_PLT would be
    /// put back into the other, identical seat GURU-2.
    #[test]
    fn reconstruct_undoes_a_vacancy_chain_exactly() {
        let original = small();
        let on = d(2027, 4, 1);
        let mid = inaugurated(&original, nips::GURU_PLT, "DISDIK-SD/KABID", on);
        let after = inaugurated(&mid, nips::PPPK, "SDN-001/GURU-1", on);
        assert_ne!(after.parts().slots, original.parts().slots);
        let a = done(
            "p-a",
            nips::GURU_PLT,
            "DISDIK-SD/KABID",
            on,
            "2027-04-01T08:00:00Z",
            "1",
        );
        let b = done(
            "p-b",
            nips::PPPK,
            "SDN-001/GURU-1",
            on,
            "2027-04-01T09:30:00Z",
            "1",
        );
        // Given in the wrong order, and with a proposal that is not inaugurated.
        let mut pending = a.clone();
        pending.id = "p-pending".into();
        pending.status = ProposalStatus::SkIssued;
        let list = [b.clone(), pending, a.clone()];
        let r = reconstruct_before(&after, &list).unwrap();
        assert!(r.not_undone.is_empty(), "{:?}", r.not_undone);
        assert_eq!(r.before.parts().employees, original.parts().employees);
        assert_eq!(r.before.parts().slots, original.parts().slots);
        assert_eq!(r.moves, moves_made(&original, &[a, b]));
        assert_eq!(r.moves[0].from, Some(sid("SDN-001/GURU-1")));
        assert_eq!(r.moves[1].from, Some(sid("SDN-002/GURU-1")));
        // The report from the rebuilt city is the report from the real one.
        let rules = original.rules();
        assert_eq!(
            impact(&r.before, &r.moves, &after, rules),
            impact(&original, &r.moves, &after, rules)
        );
    }

    #[test]
    fn an_inauguration_not_in_the_data_is_reported_and_left_out() {
        let original = small();
        let on = d(2027, 4, 1);
        // The proposal says inaugurated, but the device has not pulled the moved records yet.
        let p = done("p-a", nips::GURU_PLT, "DISDIK-SD/KABID", on, "", "1");
        let r = reconstruct_before(&original, &[p]).unwrap();
        assert!(r.moves.is_empty());
        assert_eq!(r.not_undone.len(), 1);
        assert_eq!(r.not_undone[0].proposal, "p-a");
        assert!(
            r.not_undone[0].reason.en.contains("not synced"),
            "{:?}",
            r.not_undone
        );
        assert_eq!(r.before.parts().slots, original.parts().slots);
        // Moved again after the inauguration: the first move is not undone either.
        let after = inaugurated(&original, nips::GURU_PLT, "DISDIK-SD/KABID", on);
        let again = inaugurated(&after, nips::GURU_PLT, "SDN-001/GURU-2", d(2027, 9, 1));
        let r = reconstruct_before(
            &again,
            &[done("p-a", nips::GURU_PLT, "DISDIK-SD/KABID", on, "", "1")],
        )
        .unwrap();
        assert!(r.moves.is_empty());
        assert_eq!(r.not_undone.len(), 1);
    }

    /// Into the seat she held as Plt: the Plt is not restored (nothing records it), and the
    /// report does not depend on it.
    #[test]
    fn a_plt_replaced_by_the_inauguration_does_not_change_the_report() {
        let original = small();
        let on = d(2027, 4, 1);
        let after = inaugurated(&original, nips::GURU_PLT, "SDN-001/KEPSEK", on);
        let p = done("p", nips::GURU_PLT, "SDN-001/KEPSEK", on, "", "1");
        let r = reconstruct_before(&after, std::slice::from_ref(&p)).unwrap();
        assert_eq!(r.before.parts().employees, original.parts().employees);
        let kepsek = r.before.slot(&sid("SDN-001/KEPSEK")).unwrap();
        assert_eq!(kepsek.holder, None, "the Plt is not known any more");
        let rules = original.rules();
        let want = impact(&original, &moves_made(&original, &[p]), &after, rules);
        assert_eq!(impact(&r.before, &r.moves, &after, rules), want);
        assert_eq!(want.units[0].before.bezetting, 1);
    }

    #[test]
    fn rounds_are_compared_with_the_city_just_before_them() {
        let original = small();
        let (on_a, on_b) = (d(2027, 4, 1), d(2027, 10, 1));
        let mid = inaugurated(&original, nips::GURU_PLT, "DISDIK-SD/KABID", on_a);
        let after = inaugurated(&mid, nips::PPPK, "SDN-001/GURU-1", on_b);
        let a = done(
            "p-a",
            nips::GURU_PLT,
            "DISDIK-SD/KABID",
            on_a,
            "",
            "821.2/001/BKPSDM-III/2027",
        );
        let b = done(
            "p-b",
            nips::PPPK,
            "SDN-001/GURU-1",
            on_b,
            "",
            "821.2/002/BKPSDM-III/2027",
        );
        let rules = original.rules();
        let by_sk = |p: &Proposal| p.sk.as_ref().map(|s| s.number.clone());
        let rounds = impact_by_round(&after, &[b.clone(), a.clone()], rules, by_sk).unwrap();
        assert_eq!(rounds.len(), 2);
        assert_eq!(rounds[0].key.as_deref(), Some("821.2/001/BKPSDM-III/2027"));
        assert_eq!(rounds[0].proposals, vec!["p-a".to_string()]);
        assert_eq!((rounds[0].first, rounds[0].last), (on_a, on_a));
        let a_moves = moves_made(&original, std::slice::from_ref(&a));
        assert_eq!(rounds[0].report, impact(&original, &a_moves, &mid, rules));
        let b_moves = moves_made(&mid, std::slice::from_ref(&b));
        assert_eq!(rounds[1].report, impact(&mid, &b_moves, &after, rules));
        // SDN-001 lost a guru in round 1 and got one back in round 2.
        let school = |r: &RoundImpact<Option<String>>| {
            r.report
                .units
                .iter()
                .find(|u| u.unit.as_str() == "SDN-001")
                .map(|u| (u.before.bezetting, u.after.bezetting))
        };
        assert_eq!(school(&rounds[0]), Some((1, 0)));
        assert_eq!(school(&rounds[1]), Some((0, 1)));
        // One round for both (by year): compared with the original city.
        let all = impact_by_round(&after, &[a.clone(), b.clone()], rules, |_| ()).unwrap();
        assert_eq!(all.len(), 1);
        let moves = moves_made(&original, &[a, b]);
        assert_eq!(all[0].report, impact(&original, &moves, &after, rules));
    }
}
