//! The impact of one round: each person's SKP before and after, each unit's ABK indicators
//! before and after, and the totals ([`impact`]).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::MoveMade;
use crate::model::{Employee, Nip, SkpRecord, SlotId, UnitId};
use crate::query::{effectiveness, need_by, AbkClass, NeedTotals};
use crate::rules::RuleSet;
use crate::text::Text;
use crate::Dataset;

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
    /// Σ max(0, kebutuhan − bezetting) over the unit's formations ([`NeedTotals::shortage`]).
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
            shortage: t.shortage,
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
        .cloned()
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
        .cloned()
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
        let (trend, note) = match (&b, &a) {
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
