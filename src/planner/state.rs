//! The planner's workspace, owned by the app's root so that a plan, its decisions and the saved
//! scenarios stay while the planner opens a profile and comes back.
//!
//! It is made the first time a page asks for it ([`use_planner`]), not at start-up: an employee
//! never needs it, and in the production build its code (the worker runner, the constraints, the
//! scenarios store) then travels in the planner pages' chunk instead of the main wasm.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::rules::RuleSet;
use mutasi_core::workflow;
use mutasi_core::Dataset;

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

/// The round after `today` on the device's data: the first day of the next submission month
/// (`mutasi_core::workflow::next_round`, from the rules' `submission_months`; the default rules
/// while the data is not loaded yet).
pub fn next_round(today: NaiveDate, ds: Option<&Dataset>) -> NaiveDate {
    match ds {
        Some(ds) => workflow::next_round(today, ds.rules()),
        None => workflow::next_round(today, &RuleSet::default()),
    }
}

impl PlannerState {
    /// A workspace on database `db` for the round effective on `round`; loads the saved
    /// scenarios.
    pub fn new(db: &str, round: NaiveDate) -> Self {
        let state = Self {
            constraints: RwSignal::new(Constraints::new(round)),
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
    let data = crate::state::data::use_city_data();
    let ds = data.dataset.get_untracked();
    let round = next_round(data.today.get_untracked(), ds.as_deref());
    let state = lazy
        .root
        .with_value(|root| root.with(|| PlannerState::new(store::DB_NAME, round)));
    lazy.made.set_value(Some(state));
    // The worker reads the city while the planner sets up the run.
    state.runner.warm(store::DB_NAME);
    state
}
