//! The plan as handed to planners: moves with reasons and fit breakdowns, grouped into chains
//! and swaps, and figures before and after.

use super::figures::{figures, plt_overdue};
pub use super::figures::{Figures, PltOverdue};
use super::graph::{Fixed, Model, NONE};
use super::heads::ActingHead;
use super::request::Scope;
use super::solve::Solution;
use super::Breakdown;
use crate::eligibility::{eligibility, Standing};
use crate::fit::{fit, Fit};
use crate::model::{Nip, PositionId, SlotId, UnitId};
use crate::text::{Span, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Version of the [`Plan`] wire format.
pub const PLAN_VERSION: u32 = 1;

/// A post: slot, unit and position with their names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// Slot id.
    pub slot: SlotId,
    /// Unit id.
    pub unit: UnitId,
    /// Unit name.
    pub unit_name: String,
    /// Position id.
    pub position: PositionId,
    /// Position name.
    pub position_name: String,
}

/// One move of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    /// Who moves.
    pub nip: Nip,
    /// Their name.
    pub name: String,
    /// The post they leave.
    pub from: Post,
    /// The post they take.
    pub to: Post,
    /// Index of the group (chain or swap) in [`Plan::groups`].
    pub group: usize,
    /// Set by the planner.
    pub forced: bool,
    /// Fit score in the old post.
    pub fit_before: f64,
    /// Fit score in the new post.
    pub fit_after: f64,
    /// Net change of the objective for this person, in fit points (fit, shortage filled, the
    /// move's cost, a rotation resolved).
    pub gain: f64,
    /// Why this move, in Indonesian and English.
    pub reasons: Vec<Text>,
    /// The move's one verdict ([`crate::eligibility::Verdicts::summary`]): open, or needing a
    /// written reason when a soft rule fails (the plan never makes a blocked move).
    #[serde(default = "open")]
    pub standing: Standing,
    /// What the move still needs (failing soft rules, with their dates) and the warnings of
    /// every rule, hard or soft ([`crate::eligibility::Summary::concerns`]).
    pub warnings: Vec<Text>,
    /// The fit in the new post with its breakdown.
    pub fit: Fit,
}

fn open() -> Standing {
    Standing::Open
}

/// How moves hang together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// Two people exchange posts.
    Swap,
    /// Three or more people rotate posts in a closed ring.
    Cycle,
    /// A vacancy chain: the first mover fills an open post, the next fills the post the first
    /// left, and so on; the last post left stays open.
    Chain,
}

/// A chain or a swap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveGroup {
    /// Kind.
    pub kind: GroupKind,
    /// Indexes into [`Plan::moves`], in order: for a chain, from the open post filled first.
    pub moves: Vec<usize>,
    /// A chain's open post that gets filled.
    pub fills: Option<SlotId>,
    /// A chain's post left open at its end.
    pub leaves_open: Option<SlotId>,
}

/// How the plan was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolverReport {
    /// Rows (employees in scope).
    pub rows: u32,
    /// Columns (slots in scope).
    pub cols: u32,
    /// Candidate edges of the assignment problem.
    pub edges: u64,
    /// Assignment problems solved (bisection on the move penalty, repairs).
    pub solves: u32,
    /// Every solve was proven optimal from its dual potentials.
    pub certified: bool,
    /// Objective value (fit points) of the plan.
    pub objective: f64,
    /// Objective value of keeping everyone in place.
    pub objective_before: f64,
    /// Move penalty λ found for the move limit (0 without one).
    pub lambda: f64,
    /// At most this much objective lost to the Lagrangian treatment of the move limit.
    pub gap_bound: f64,
    /// People locked in place to meet unit outflow or staffing limits.
    pub repair_locks: Vec<Nip>,
    /// People who cannot move: locked, blocked by a hard rule, or in a frozen or protected post.
    pub fixed: u32,
    /// People kept in place because moving them would leave a school nobody there can head.
    #[serde(default)]
    pub head_locks: Vec<Nip>,
}

/// A city plan: the moves, their groups and the figures. Deterministic for the same dataset and
/// request. Wire format version [`PLAN_VERSION`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// [`PLAN_VERSION`].
    pub version: u32,
    /// Effective date of the moves.
    pub date: NaiveDate,
    /// What was planned.
    pub scope: Scope,
    /// The moves, group by group.
    pub moves: Vec<Move>,
    /// Chains, swaps and cycles.
    pub groups: Vec<MoveGroup>,
    /// Figures before the plan.
    pub before: Figures,
    /// Figures after the plan.
    pub after: Figures,
    /// How it was solved.
    pub solver: SolverReport,
    /// Acting principals (Plt) named for schools the plan leaves without a head.
    #[serde(default)]
    pub acting: Vec<ActingHead>,
    /// Principal posts still under a Plt past the limit after the plan.
    #[serde(default)]
    pub plt_over_limit: Vec<PltOverdue>,
    /// People in scope who retire by the plan date; their posts are open in the plan.
    #[serde(default)]
    pub retiring: Vec<Nip>,
}

impl Plan {
    /// The plan with each move's fit breakdown dropped (the score kept): what
    /// [`Breakdown::ScoreOnly`] plans.
    pub fn without_breakdown(mut self) -> Plan {
        for m in &mut self.moves {
            m.fit.components = Vec::new();
        }
        self
    }
    /// Shortage (in people) the plan closes.
    pub fn shortage_closed(&self) -> f64 {
        self.before.shortage - self.after.shortage
    }
    /// Rotations due that the plan resolves.
    pub fn rotations_resolved(&self) -> u32 {
        self.before.rotations_due - self.after.rotations_due
    }
}

fn post(m: &Model, c: u32) -> Post {
    let s = m.cols[c as usize];
    let slot = &m.ds.slots()[s as usize];
    let unit = m.ds.slot_unit(s);
    let pos = m.ds.slot_position(s);
    Post {
        slot: slot.id.clone(),
        unit: unit.id.clone(),
        unit_name: unit.name.clone(),
        position: pos.id.clone(),
        position_name: pos.name.clone(),
    }
}

fn edge_of(m: &Model, r: usize, c: u32) -> (f64, f64) {
    m.edges(r)
        .find(|e| e.0 == c)
        .map(|e| (e.1, e.2))
        .expect("assigned pairs are edges")
}

/// Fit of row `r` in column `c`, also for a forced row's own column (not an edge).
pub(super) fn fit_at(m: &Model, r: usize, c: u32) -> f64 {
    m.edges(r)
        .find(|e| e.0 == c)
        .map_or_else(|| m.fit(r, c as usize), |e| e.2)
}

/// Groups the moving rows into chains, swaps and cycles; returns groups of rows, in order.
fn group_rows(m: &Model, cols: &[u32]) -> Vec<(GroupKind, Vec<usize>)> {
    let n = m.rows.len();
    // Who ends in each column.
    let mut into = vec![NONE; m.cols.len()];
    for (r, &c) in cols.iter().enumerate() {
        into[c as usize] = r as u32;
    }
    let moving: Vec<bool> = (0..n).map(|r| cols[r] != m.own[r]).collect();
    // successor in a chain from the vacancy end: the one who takes the post r left.
    let next = |r: usize| -> Option<usize> {
        let t = into[m.own[r] as usize];
        (t != NONE && moving[t as usize]).then_some(t as usize)
    };
    // Chain heads: movers into a post that was open (nobody in scope left it).
    let mut seen = vec![false; n];
    let mut groups = Vec::new();
    for r in 0..n {
        if moving[r] && m.holder_row[cols[r] as usize] == NONE {
            let mut chain = vec![r];
            seen[r] = true;
            let mut cur = r;
            while let Some(t) = next(cur) {
                chain.push(t);
                seen[t] = true;
                cur = t;
            }
            groups.push((GroupKind::Chain, chain));
        }
    }
    // The rest are rings.
    for r in 0..n {
        if moving[r] && !seen[r] {
            let mut ring = vec![r];
            seen[r] = true;
            let mut cur = r;
            while let Some(t) = next(cur) {
                if seen[t] {
                    break;
                }
                ring.push(t);
                seen[t] = true;
                cur = t;
            }
            let kind = if ring.len() == 2 {
                GroupKind::Swap
            } else {
                GroupKind::Cycle
            };
            groups.push((kind, ring));
        }
    }
    groups
}

fn reasons(
    m: &Model,
    r: usize,
    c: u32,
    prev: Option<usize>,
    fit_before: f64,
    fit_after: f64,
) -> Vec<Text> {
    let mut out = Vec::new();
    let rules = m.ds.rules();
    if matches!(m.fixed[r], Fixed::Forced(_)) {
        out.push(Text::new("Ditetapkan oleh perencana", "Set by the planner"));
    }
    if m.due[r] {
        let t = Span::months(m.tenure_months[r]);
        let max = Span::years(rules.tenure_max_years as i32);
        out.push(Text::new(
            format!(
                "Rotasi jatuh tempo: {} di jabatan ini, maksimal {}",
                t.id(),
                max.id()
            ),
            format!(
                "Rotation due: {} in this post, maximum {}",
                t.en(),
                max.en()
            ),
        ));
    }
    let ci = c as usize;
    out.extend(super::school::reasons(
        m.ds,
        m.rows[r],
        m.cols[m.own[r] as usize],
        m.cols[ci],
        m.req.date,
    ));
    let f = &m.formation[ci];
    if m.holder_row[ci] == NONE {
        out.push(Text::new(
            "Mengisi formasi yang kosong",
            "Fills an open post",
        ));
    }
    if f.shortage() > 0.0 {
        out.push(Text::new(
            format!(
                "Unit kekurangan pegawai: kebutuhan {:.1}, bezetting {}",
                f.kebutuhan, f.bezetting
            )
            .replace('.', ","),
            format!(
                "The unit is short-staffed: need {:.1}, holders {}",
                f.kebutuhan, f.bezetting
            ),
        ));
    }
    if fit_after > fit_before + 0.05 {
        out.push(Text::new(
            format!("Kecocokan naik dari {:.1} ke {:.1}", fit_before, fit_after).replace('.', ","),
            format!("Fit rises from {fit_before:.1} to {fit_after:.1}"),
        ));
    } else if fit_after + 0.05 < fit_before {
        out.push(Text::new(
            format!("Kecocokan turun dari {:.1} ke {:.1}", fit_before, fit_after).replace('.', ","),
            format!("Fit falls from {fit_before:.1} to {fit_after:.1}"),
        ));
    }
    if let Some(p) = prev {
        let e = &m.ds.employees()[m.rows[p] as usize];
        let to = post(m, m.own[p]);
        out.push(Text::new(
            format!("Menggantikan {} yang pindah dari {}", e.name, to.unit_name),
            format!(
                "Takes over from {}, who moves on from {}",
                e.name, to.unit_name
            ),
        ));
    }
    out
}

pub(crate) fn build(m: &Model, sol: &Solution, breakdown: Breakdown) -> Plan {
    let n = m.rows.len();
    let stay: Vec<u32> = m.own.clone();
    let before = figures(m, &stay, &[]);
    let after = figures(m, &sol.col_of_row, &sol.acting);
    let mut holder = vec![NONE; m.cols.len()];
    for (r, &c) in sol.col_of_row.iter().enumerate() {
        holder[c as usize] = r as u32;
    }
    let plt_over_limit = plt_overdue(m, &holder, &sol.acting);
    let value = |cols: &[u32]| -> f64 { (0..n).map(|r| edge_of(m, r, cols[r]).0).sum() };
    let objective = value(&sol.col_of_row);
    // Keeping everyone in place is only a valid plan without forced moves; report its value
    // anyway as the reference point (forced rows count their forced edge).
    let objective_before: f64 = (0..n)
        .map(|r| {
            let own = m.own[r];
            m.edges(r)
                .find(|e| e.0 == own)
                .map_or_else(|| edge_of(m, r, sol.col_of_row[r]).0, |e| e.1)
        })
        .sum();

    let mut moves = Vec::new();
    let mut groups = Vec::new();
    for (kind, rows) in group_rows(m, &sol.col_of_row) {
        let g = groups.len();
        let mut idx = Vec::new();
        for (k, &r) in rows.iter().enumerate() {
            let c = sol.col_of_row[r];
            let e = m.rows[r];
            let emp = &m.ds.employees()[e as usize];
            let (v_new, fit_after) = edge_of(m, r, c);
            let fit_before = m.fit(r, m.own[r] as usize);
            let v_stay = m.edges(r).find(|x| x.0 == m.own[r]).map_or(v_new, |x| x.1);
            let prev = if k > 0 {
                Some(rows[k - 1])
            } else if kind != GroupKind::Chain {
                rows.last().copied()
            } else {
                None
            };
            let s = m.cols[c as usize];
            let verdicts = eligibility(m.ds, e, s, m.req.date, m.ds.rules());
            let summary = verdicts.summary();
            idx.push(moves.len());
            moves.push(Move {
                nip: emp.nip.clone(),
                name: emp.name.clone(),
                from: post(m, m.own[r]),
                to: post(m, c),
                group: g,
                forced: matches!(m.fixed[r], Fixed::Forced(_)),
                fit_before,
                fit_after,
                gain: v_new - v_stay,
                reasons: reasons(m, r, c, prev, fit_before, fit_after),
                standing: summary.standing,
                warnings: summary.concerns(),
                fit: match breakdown {
                    Breakdown::Explained => fit(m.ds, e, s, m.req.date, m.ds.rules()),
                    Breakdown::ScoreOnly => Fit {
                        score: fit_after,
                        components: Vec::new(),
                    },
                },
            });
        }
        let (fills, leaves_open) = if kind == GroupKind::Chain {
            let first = rows[0];
            let last = *rows.last().expect("a chain has a move");
            (
                Some(post(m, sol.col_of_row[first]).slot),
                Some(post(m, m.own[last]).slot),
            )
        } else {
            (None, None)
        };
        groups.push(MoveGroup {
            kind,
            moves: idx,
            fills,
            leaves_open,
        });
    }

    Plan {
        version: PLAN_VERSION,
        date: m.req.date,
        scope: m.req.scope.clone(),
        moves,
        groups,
        before,
        after,
        solver: SolverReport {
            rows: n as u32,
            cols: m.cols.len() as u32,
            edges: sol.edges as u64,
            solves: sol.solves,
            certified: true,
            objective,
            objective_before,
            lambda: sol.lambda,
            gap_bound: sol.gap_bound,
            repair_locks: sol
                .repair_locked
                .iter()
                .map(|&r| m.ds.employees()[m.rows[r as usize] as usize].nip.clone())
                .collect(),
            fixed: m.fixed.iter().filter(|f| f.stays()).count() as u32,
            head_locks: sol
                .head_locked
                .iter()
                .map(|&r| m.ds.employees()[m.rows[r as usize] as usize].nip.clone())
                .collect(),
        },
        acting: sol.acting.clone(),
        plt_over_limit,
        retiring: m
            .retiring
            .iter()
            .map(|&e| m.ds.employees()[e as usize].nip.clone())
            .collect(),
    }
}
