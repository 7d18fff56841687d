//! The planner's workspace, owned by the app's root so that a plan, its decisions and the saved
//! scenarios stay while the planner opens a profile and comes back.
//!
//! It is made the first time a page asks for it ([`use_planner`]), not at start-up: an employee
//! never needs it, and in the production build its code (the worker runner, the constraints, the
//! scenarios store) then travels in the planner pages' chunk instead of the main wasm.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::model::{Nip, SlotId};

use super::constraints::Constraints;
use super::runner::Runner;
use super::scenarios::{self, Scenario};
use crate::store;

/// The workspace in context.
#[derive(Clone, Copy)]
pub struct PlannerState {
    pub constraints: RwSignal<Constraints>,
    pub runner: Runner,
    pub scenarios: RwSignal<Vec<Scenario>>,
    /// A problem reading or writing the scenarios.
    pub scenarios_error: RwSignal<Option<String>>,
    /// The IndexedDB database the worker and the scenarios use.
    pub db: StoredValue<String>,
    /// Moves already turned into proposals in this session (not offered again).
    pub proposed: RwSignal<Vec<(Nip, SlotId)>>,
}

/// The first day of the next submission window (1 April or 1 October) after `today`: the usual
/// effective date (TMT) of a round of transfers.
pub fn next_round(today: NaiveDate) -> NaiveDate {
    let y = today.year();
    [(y, 4), (y, 10), (y + 1, 4)]
        .into_iter()
        .filter_map(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
        .find(|d| *d > today)
        .unwrap_or(today)
}

impl PlannerState {
    /// A workspace on database `db` for a round after `today`; loads the saved scenarios.
    pub fn new(db: &str, today: NaiveDate) -> Self {
        let state = Self {
            constraints: RwSignal::new(Constraints::new(next_round(today))),
            runner: Runner::new(),
            scenarios: RwSignal::new(Vec::new()),
            scenarios_error: RwSignal::new(None),
            db: StoredValue::new(db.to_string()),
            proposed: RwSignal::new(Vec::new()),
        };
        let db = db.to_string();
        spawn_local(async move {
            match scenarios::load(&db).await {
                // Scenarios saved while this read was running are kept (they are newer) and
                // the merged list is written back, so the stored ones are not lost either.
                Ok(list) => {
                    let newer = state.scenarios.with_untracked(|l| !l.is_empty());
                    state.scenarios.update(|current| {
                        let newer = std::mem::replace(current, list);
                        for s in newer {
                            scenarios::add(current, s);
                        }
                    });
                    if newer {
                        state.persist();
                    }
                }
                Err(e) => state.scenarios_error.set(Some(e)),
            }
        });
        state
    }

    /// Runs the plan for the current constraints.
    pub fn run(&self) {
        let req = self.constraints.get_untracked().request();
        self.runner.start(&self.db.get_value(), req);
    }

    /// Saves the shown plan as scenario `name` (kept on this device).
    pub fn save_scenario(&self, name: String) {
        let super::runner::RunState::Done { plan, .. } = self.runner.state.get_untracked() else {
            return;
        };
        let s = Scenario {
            name,
            constraints: self.constraints.get_untracked(),
            plan,
        };
        self.scenarios.update(|l| scenarios::add(l, s));
        self.persist();
    }

    /// Deletes scenario `name`.
    pub fn delete_scenario(&self, name: &str) {
        self.scenarios.update(|l| l.retain(|s| s.name != name));
        self.persist();
    }

    fn persist(&self) {
        let list = self.scenarios.get_untracked();
        let db = self.db.get_value();
        let err = self.scenarios_error;
        spawn_local(async move {
            err.set(scenarios::save(&db, &list).await.err());
        });
    }
}

/// Where the workspace is made on first use: the root's owner, and the workspace once made.
#[derive(Clone, Copy)]
struct Lazy {
    root: StoredValue<Owner>,
    made: StoredValue<Option<PlannerState>>,
}

/// Makes a workspace on the app's database available to the pages below (created on first use,
/// under the caller's owner).
pub fn provide() {
    let root = Owner::current().expect("planner::state::provide runs inside a component");
    provide_context(Lazy {
        root: StoredValue::new(root),
        made: StoredValue::new(None),
    });
}

/// The workspace: one provided as is (tests), or the app's, made the first time it is asked for
/// with the round after the data's today.
pub fn use_planner() -> PlannerState {
    if let Some(state) = use_context::<PlannerState>() {
        return state;
    }
    let lazy = expect_context::<Lazy>();
    if let Some(state) = lazy.made.get_value() {
        return state;
    }
    let today = crate::state::data::use_city_data().today.get_untracked();
    let state = lazy
        .root
        .with_value(|root| root.with(|| PlannerState::new(store::DB_NAME, today)));
    lazy.made.set_value(Some(state));
    state
}
