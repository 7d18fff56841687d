//! Saved scenarios: a plan together with the decisions that produced it, kept in IndexedDB (meta
//! key [`SCENARIOS_KEY`]) so they survive a reload and work offline, and compared two at a time.

use std::collections::BTreeSet;
use std::sync::Arc;

use mutasi_core::model::{Nip, SlotId};
use mutasi_core::plan::{Figures, Plan};
use serde::{Deserialize, Serialize};

use super::constraints::Constraints;
use crate::i18n::*;
use crate::store::{self, meta};

/// Where the scenarios are kept.
pub const SCENARIOS_KEY: &str = "plan_scenarios";
/// At most this many scenarios are kept (the oldest is dropped).
pub const SCENARIOS_MAX: usize = 6;

/// A saved plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    pub constraints: Constraints,
    pub plan: Arc<Plan>,
}

/// Adds `s` (replacing one with the same name), keeping at most [`SCENARIOS_MAX`].
pub fn add(list: &mut Vec<Scenario>, s: Scenario) {
    list.retain(|x| x.name != s.name);
    list.push(s);
    if list.len() > SCENARIOS_MAX {
        list.remove(0);
    }
}

/// Reads the saved scenarios of database `db` (none when nothing is saved).
pub async fn load(db: &str) -> Result<Vec<Scenario>, String> {
    let db = store::open(db).await.map_err(|e| e.to_string())?;
    let text = meta::get_meta(&db, SCENARIOS_KEY).await;
    db.close();
    match text.map_err(|e| e.to_string())? {
        None => Ok(Vec::new()),
        Some(t) => serde_json::from_str(&t).map_err(|e| format!("{SCENARIOS_KEY}: {e}")),
    }
}

/// Writes `list` to database `db`.
pub async fn save(db: &str, list: &[Scenario]) -> Result<(), String> {
    let text = serde_json::to_string(list).map_err(|e| e.to_string())?;
    let db = store::open(db).await.map_err(|e| e.to_string())?;
    let result = meta::put_meta(&db, SCENARIOS_KEY, &text).await;
    db.close();
    result.map_err(|e| e.to_string())
}

/// How two plans differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Moves in both plans.
    pub both: Vec<(Nip, SlotId)>,
    /// Moves only in the first.
    pub only_a: Vec<(Nip, SlotId)>,
    /// Moves only in the second.
    pub only_b: Vec<(Nip, SlotId)>,
}

fn moves(p: &Plan) -> BTreeSet<(Nip, SlotId)> {
    p.moves
        .iter()
        .map(|m| (m.nip.clone(), m.to.slot.clone()))
        .collect()
}

/// The moves two plans share and those only one of them makes.
pub fn compare(a: &Plan, b: &Plan) -> Comparison {
    let (ma, mb) = (moves(a), moves(b));
    Comparison {
        both: ma.intersection(&mb).cloned().collect(),
        only_a: ma.difference(&mb).cloned().collect(),
        only_b: mb.difference(&ma).cloned().collect(),
    }
}

/// A row of the figures table: its name (the `data-figure` of its row, the same in every
/// language), its label in a language, value of a figure set, and whether more is better.
pub struct FigureRow {
    pub name: &'static str,
    pub label: fn(Locale) -> &'static str,
    pub value: fn(&Figures) -> f64,
    pub decimals: usize,
    pub higher_is_better: Option<bool>,
}

/// The figures shown before/after and side by side.
pub const FIGURE_ROWS: [FigureRow; 10] = [
    FigureRow {
        name: "Moves",
        label: |l| td_string!(l, rencana.figures.rows.moves),
        value: |f| f.moves as f64,
        decimals: 0,
        higher_is_better: None,
    },
    FigureRow {
        name: "Shortage (people)",
        label: |l| td_string!(l, rencana.figures.rows.shortage),
        value: |f| f.shortage,
        decimals: 1,
        higher_is_better: Some(false),
    },
    FigureRow {
        name: "Short formations",
        label: |l| td_string!(l, rencana.figures.rows.short_formations),
        value: |f| f.short_formations as f64,
        decimals: 0,
        higher_is_better: Some(false),
    },
    FigureRow {
        name: "Open slots",
        label: |l| td_string!(l, rencana.figures.rows.open_slots),
        value: |f| f.open_slots as f64,
        decimals: 0,
        higher_is_better: Some(false),
    },
    FigureRow {
        name: "Rotations due",
        label: |l| td_string!(l, rencana.figures.rows.rotations_due),
        value: |f| f.rotations_due as f64,
        decimals: 0,
        higher_is_better: Some(false),
    },
    FigureRow {
        name: "Mean fit",
        label: |l| td_string!(l, rencana.figures.rows.mean_fit),
        value: |f| f.mean_fit,
        decimals: 1,
        higher_is_better: Some(true),
    },
    FigureRow {
        name: "Mean JPM (%)",
        label: |l| td_string!(l, rencana.figures.rows.mean_jpm),
        value: |f| f.mean_jpm,
        decimals: 1,
        higher_is_better: Some(true),
    },
    FigureRow {
        name: "Units touched",
        label: |l| td_string!(l, rencana.figures.rows.units_touched),
        value: |f| f.units_touched as f64,
        decimals: 0,
        higher_is_better: None,
    },
    FigureRow {
        name: "Schools without a head",
        label: |l| td_string!(l, rencana.figures.rows.heads_missing),
        value: |f| f.heads_missing as f64,
        decimals: 0,
        higher_is_better: Some(false),
    },
    FigureRow {
        name: "Plt past the limit",
        label: |l| td_string!(l, rencana.figures.rows.plt_over_limit),
        value: |f| f.plt_over_limit as f64,
        decimals: 0,
        higher_is_better: Some(false),
    },
];
