//! The figures of a plan's scope before and after it (shortage, open posts, fit, rotations due,
//! schools without a head, Plt posts past the limit): one function, read by the plan report
//! and, through it, by every screen that shows them.

use super::graph::{Model, NONE};
use super::heads::ActingHead;
use crate::model::{HoldKind, Nip, SlotId};
use crate::text::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Figures of the scope, before or after the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Employees in scope.
    pub employees: u32,
    /// Slots in scope.
    pub slots: u32,
    /// Slots without a definitive holder.
    pub open_slots: u32,
    /// Σ max(0, kebutuhan − bezetting) over the formations in scope.
    pub shortage: f64,
    /// Formations with bezetting below kebutuhan.
    pub short_formations: u32,
    /// Mean JPM (%) of the employees in scope in their post.
    pub mean_jpm: f64,
    /// Mean fit score of the employees in scope in their post.
    pub mean_fit: f64,
    /// Employees due for rotation still in their post.
    pub rotations_due: u32,
    /// Moves.
    pub moves: u32,
    /// Units with someone leaving or arriving.
    pub units_touched: u32,
    /// Principal posts with neither a definitive nor an acting principal.
    #[serde(default)]
    pub heads_missing: u32,
    /// Principal posts held by an acting principal (Plt) for longer than the limit.
    #[serde(default)]
    pub plt_over_limit: u32,
}

/// A principal post held by an acting principal (Plt) for longer than the limit, which the plan
/// does not fill definitively.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PltOverdue {
    /// The principal post.
    pub slot: SlotId,
    /// The school's name.
    pub unit_name: String,
    /// The acting principal.
    pub nip: Nip,
    /// Acting since.
    pub since: NaiveDate,
    /// Months acting on the plan date.
    pub months: i32,
    /// The limit in months (configuration).
    pub limit: u8,
}

/// Principal posts in scope held by a Plt past the limit that `cols` does not fill.
pub(super) fn plt_overdue(m: &Model, holder: &[u32], acting: &[ActingHead]) -> Vec<PltOverdue> {
    let limit = m.ds.rules().schools.plt_limit_months;
    let mut out = Vec::new();
    for (c, &s) in m.cols.iter().enumerate() {
        let slot = &m.ds.slots()[s as usize];
        let Some(h) = slot.holder.as_ref().filter(|h| h.kind == HoldKind::Plt) else {
            continue;
        };
        if !m.ds.slot_position(s).is_principal()
            || holder[c] != NONE
            || acting.iter().any(|a| a.slot == slot.id)
        {
            continue;
        }
        let months = Span::between(h.since, m.req.date).months;
        if months >= limit as i32 {
            // A holder whose NIP this copy withholds is not the planner's to name.
            let Some(nip) = h.nip.clone() else {
                continue;
            };
            out.push(PltOverdue {
                slot: slot.id.clone(),
                unit_name: m.ds.slot_unit(s).name.clone(),
                nip,
                since: h.since,
                months,
                limit,
            });
        }
    }
    out.sort_by(|a, b| b.months.cmp(&a.months).then(a.slot.cmp(&b.slot)));
    out
}

/// Principal posts in scope without a definitive principal after `cols`, and without a Plt who
/// stays (an acting head named by the plan counts).
fn heads_missing(m: &Model, cols: &[u32], holder: &[u32], acting: &[ActingHead]) -> u32 {
    let mut n = 0;
    for (c, &s) in m.cols.iter().enumerate() {
        if !m.ds.slot_position(s).is_principal() || holder[c] != NONE {
            continue;
        }
        let slot = &m.ds.slots()[s as usize];
        let plt_stays = slot.holder.as_ref().is_some_and(|h| {
            h.kind == HoldKind::Plt
                && h.nip
                    .as_ref()
                    .and_then(|n| m.ds.employee_idx(n))
                    .is_some_and(|e| {
                        m.rows
                            .binary_search(&e)
                            .map_or(true, |r| cols[r] == m.own[r])
                    })
        });
        if !plt_stays && !acting.iter().any(|a| a.slot == slot.id) {
            n += 1;
        }
    }
    n
}

/// The figures of the scope with everyone in `cols` (a column per row).
pub(super) fn figures(m: &Model, cols: &[u32], acting: &[ActingHead]) -> Figures {
    let n = m.rows.len();
    let mut holder = vec![NONE; m.cols.len()];
    for (r, &c) in cols.iter().enumerate() {
        holder[c as usize] = r as u32;
    }
    // Formations in scope: (unit, position) → (kebutuhan, holders).
    let mut form: std::collections::BTreeMap<(u32, u32), (f64, u32)> = Default::default();
    for ((sf, f), &h) in m.sf.iter().zip(&m.formation).zip(&holder) {
        let e = form
            .entry((sf.unit, sf.position))
            .or_insert((f.kebutuhan, 0));
        if h != NONE {
            e.1 += 1;
        }
    }
    let shortage: f64 = form
        .values()
        .map(|&(k, b)| crate::query::shortage_excess(k, b).0)
        .sum();
    let short_formations = form.values().filter(|&&(k, b)| (b as f64) < k).count() as u32;
    let mut jpm = 0.0;
    let mut fit = 0.0;
    let mut due = 0;
    let mut moves = 0;
    let mut touched: HashSet<u32> = HashSet::new();
    for (r, &col) in cols.iter().enumerate() {
        let c = col as usize;
        jpm += m.jpm(r, c);
        fit += super::report::fit_at(m, r, col);
        if col == m.own[r] {
            due += m.due[r] as u32;
        } else {
            moves += 1;
            touched.insert(m.sf[c].unit);
            touched.insert(m.sf[m.own[r] as usize].unit);
        }
    }
    let mean = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
    let heads_missing = heads_missing(m, cols, &holder, acting);
    let plt_over_limit = plt_overdue(m, &holder, acting).len() as u32;
    Figures {
        employees: n as u32,
        slots: m.cols.len() as u32,
        open_slots: holder.iter().filter(|&&h| h == NONE).count() as u32,
        shortage,
        short_formations,
        mean_jpm: mean(jpm),
        mean_fit: mean(fit),
        rotations_due: due,
        moves,
        units_touched: touched.len() as u32,
        heads_missing,
        plt_over_limit,
    }
}
