//! What a planner asks for: [`PlanRequest`] with its [`Scope`], limits, locks, exclusions and
//! forced moves, and the [`PlanWeights`] of the objective.

use crate::model::{Nip, SlotId, UnitId, UnitKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which part of the city is re-planned. Employees in scope are the definitive holders of the
/// slots in scope; nobody outside the scope moves and no slot outside it is filled.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    /// Every unit of the Pemerintah Kota.
    #[default]
    City,
    /// A unit and every unit under it (an OPD with its bidang, seksi and UPT).
    Unit {
        /// The unit at the top.
        unit: UnitId,
    },
    /// Every unit of one kind, e.g. all SD Negeri.
    UnitKind {
        /// The kind.
        unit_kind: UnitKind,
    },
    /// The principals' (kepala sekolah) posts of every school, or of one kind of school, and
    /// their holders: a rotation of principals that leaves the teachers where they are.
    Principals {
        /// Only schools of this kind (e.g. SD Negeri).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit_kind: Option<UnitKind>,
    },
}

impl Scope {
    /// Parses the CLI form: `city`, `unit:ID` (also `opd:ID`), `kind:SdNegeri`, `principals`
    /// or `principals:SdNegeri`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("city") || s.eq_ignore_ascii_case("kota") {
            return Ok(Scope::City);
        }
        if s.eq_ignore_ascii_case("principals") || s.eq_ignore_ascii_case("kepsek") {
            return Ok(Scope::Principals { unit_kind: None });
        }
        if let Some(kind) = s.strip_prefix("principals:") {
            return unit_kind(kind).map(|k| Scope::Principals { unit_kind: Some(k) });
        }
        if let Some(id) = s.strip_prefix("unit:").or_else(|| s.strip_prefix("opd:")) {
            return UnitId::new(id)
                .map(|unit| Scope::Unit { unit })
                .map_err(|e| e.to_string());
        }
        if let Some(kind) = s.strip_prefix("kind:") {
            return unit_kind(kind).map(|unit_kind| Scope::UnitKind { unit_kind });
        }
        Err(format!(
            "unknown scope {s:?}: use city, unit:ID, opd:ID, kind:KIND, principals or principals:KIND"
        ))
    }
}

/// A unit kind by its name (`SdNegeri`).
fn unit_kind(kind: &str) -> Result<UnitKind, String> {
    serde_json::from_value(serde_json::Value::String(kind.to_string())).map_err(|_| {
        format!("unknown unit kind {kind:?} (e.g. SdNegeri, SmpNegeri, Puskesmas, Kelurahan)")
    })
}

/// A limit on one unit and every unit under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLimit {
    /// The unit (its sub-units count too).
    pub unit: UnitId,
    /// The number.
    pub limit: u32,
}

/// A move the planner has decided: the employee must end in this slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForcedMove {
    /// Who.
    pub nip: Nip,
    /// Where to.
    pub slot: SlotId,
}

/// Something the plan may not do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Exclusion {
    /// This employee may not be placed in this slot.
    Pair {
        /// Who.
        nip: Nip,
        /// Where.
        slot: SlotId,
    },
    /// Nobody new may be placed in this slot (its holder may still leave).
    Slot {
        /// The slot.
        slot: SlotId,
    },
    /// Nobody new may be placed in this unit or any unit under it.
    Unit {
        /// The unit.
        unit: UnitId,
    },
}

/// Weights of the objective, in fit points (a fit score is 0–100).
///
/// The plan maximises, over everyone in scope, `fit × fit_weight + fill × seat(slot)` for the
/// slot they end in, minus `move_cost` for each move, minus `rotation_due` for each employee
/// due for rotation who stays and minus `period_ended` for each principal who stays in the post
/// after the periods are used up. The seats of each formation (unit × position) are ranked, held
/// seats first; `seat` of the k-th is `clamp(kebutuhan − k, 0, 1)`, so the fill term adds up to
/// `fill × (kebutuhan − shortage)` per formation: it rewards closing shortages and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanWeights {
    /// Multiplier of the fit score (1).
    pub fit: f64,
    /// Value of a seat held in a short formation (50).
    pub fill: f64,
    /// Disruption cost of one move (10).
    pub move_cost: f64,
    /// Cost of leaving someone due for rotation (tenure ≥ maximum) in place (40). Teachers and
    /// principals are never due by tenure.
    pub rotation_due: f64,
    /// Cost of leaving a principal whose periods are used up in the principal post (60).
    pub period_ended: f64,
}

impl Default for PlanWeights {
    fn default() -> Self {
        Self {
            fit: 1.0,
            fill: 50.0,
            move_cost: 10.0,
            rotation_due: 40.0,
            period_ended: 60.0,
        }
    }
}

/// How large the candidate lists are (memory and time grow with them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CandidateLimits {
    /// Slots kept per employee, besides their own (the best by value) (50).
    pub per_employee: usize,
    /// Positions considered per employee: those with the best position-level fit (8).
    pub positions: usize,
    /// Slots examined per position, nearest to the employee's home kecamatan first (64).
    pub slots_per_position: usize,
}

impl Default for CandidateLimits {
    fn default() -> Self {
        Self {
            per_employee: 50,
            positions: 8,
            slots_per_position: 64,
        }
    }
}

/// A planning request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    /// The effective date (TMT) of the moves; every rule is checked on it.
    pub date: NaiveDate,
    /// What is re-planned.
    #[serde(default)]
    pub scope: Scope,
    /// At most this many moves.
    #[serde(default)]
    pub max_moves: Option<u32>,
    /// At most this many people may leave each listed unit (with its sub-units).
    #[serde(default)]
    pub max_outflow: Vec<UnitLimit>,
    /// Each listed unit (with its sub-units) keeps at least this many people (a unit already
    /// below keeps at least what it has).
    #[serde(default)]
    pub min_staff: Vec<UnitLimit>,
    /// These people stay where they are.
    #[serde(default)]
    pub locks: Vec<Nip>,
    /// Placements that are not allowed.
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
    /// Moves that must happen.
    #[serde(default)]
    pub forced: Vec<ForcedMove>,
    /// Objective weights.
    #[serde(default)]
    pub weights: PlanWeights,
    /// Candidate list sizes.
    #[serde(default)]
    pub candidates: CandidateLimits,
}

impl PlanRequest {
    /// A request for the whole city on `date` with default weights and no constraints.
    pub fn new(date: NaiveDate) -> Self {
        Self {
            date,
            scope: Scope::City,
            max_moves: None,
            max_outflow: Vec::new(),
            min_staff: Vec::new(),
            locks: Vec::new(),
            exclusions: Vec::new(),
            forced: Vec::new(),
            weights: PlanWeights::default(),
            candidates: CandidateLimits::default(),
        }
    }
}
