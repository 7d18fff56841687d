//! What the plan worker does with a [`RunPlan`]: take the city (decoded once and kept while its
//! records are unchanged), plan, answer. Kept in the library so the wasm tests can run it on the
//! page's thread. No Leptos context here: failures carry both languages ([`super::both`]) and
//! the page shows one.

use std::cell::RefCell;
use std::rc::Rc;

use mutasi_core::plan::{plan_observed, Breakdown};
use mutasi_core::text::Text;
use mutasi_core::Dataset;

use super::both;
use super::protocol::{FromWorker, RunPlan, Step};
use crate::i18n::*;
use crate::state::data::load_from;
use crate::store::{self, records, records::Directory};
use indexed_db_futures::database::Database;
use mutasi_core::wire::sync::RecordKind;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The city last decoded, with the database it came from and that database's
/// [`stamp`](records::stamp) when it was read.
struct Kept {
    db: String,
    stamp: Vec<Directory>,
    city: Rc<Dataset>,
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// The city in the IndexedDB database `db`: the kept copy when the stored records have not been
/// written since it was read (one small read to check), else read and decoded anew (and kept).
/// `None` when the database holds no city.
///
/// The stamp is read before the records, so a write in between makes the kept copy look older
/// than it is and the next call reads again: never newer records under an older stamp.
pub async fn city(db: &str) -> Result<Option<Rc<Dataset>>, String> {
    let open = store::open(db).await.map_err(|e| e.to_string())?;
    let city = kept_or_read(&open, db).await;
    open.close();
    city
}

async fn kept_or_read(open: &Database, db: &str) -> Result<Option<Rc<Dataset>>, String> {
    let now = records::stamp(open, &RecordKind::DATASET)
        .await
        .map_err(|e| e.to_string())?;
    let kept = KEPT.with(|k| {
        k.borrow()
            .as_ref()
            .filter(|k| k.db == db && k.stamp == now)
            .map(|k| k.city.clone())
    });
    if kept.is_some() {
        return Ok(kept);
    }
    let city = load_from(open).await?.map(Rc::new);
    KEPT.with(|k| {
        *k.borrow_mut() = city.as_ref().map(|city| Kept {
            db: db.to_string(),
            stamp: now,
            city: city.clone(),
        });
    });
    Ok(city)
}

/// Runs `msg`, reporting each step through `post`; returns the final answer (also posted; a plan
/// as pages of moves, see [`super::protocol::pages`]).
pub async fn run(msg: RunPlan, post: &mut dyn FnMut(FromWorker)) -> FromWorker {
    let run = msg.run;
    let start = now_ms();
    post(FromWorker::Progress {
        run,
        step: Step::Loading,
    });
    let answer = match city(&msg.db).await {
        Err(detail) => FromWorker::Failed {
            run,
            message: Text::same(detail),
        },
        Ok(None) => FromWorker::Failed {
            run,
            message: both(|l| td_string!(l, rencana.errors.no_data).to_string()),
        },
        Ok(Some(ds)) => {
            // The review shows each move's fit score, reasons and warnings, never the fit's
            // breakdown (the decision pack computes its own): not explained here, it is not
            // built, serialised, posted or parsed (about 60% of the plan's bytes).
            let planned = plan_observed(&ds, &msg.request, Breakdown::ScoreOnly, &mut |stage| {
                post(FromWorker::Progress {
                    run,
                    step: Step::Plan(stage),
                })
            });
            match planned {
                Ok(plan) => FromWorker::Done {
                    run,
                    plan: Box::new(plan),
                    elapsed_ms: now_ms() - start,
                    paged_moves: 0,
                },
                Err(e) => FromWorker::Failed {
                    run,
                    message: both(|l| {
                        td_string!(l, rencana.errors.cannot_plan, detail = &e).to_string()
                    }),
                },
            }
        }
    };
    for message in super::protocol::pages(answer.clone()) {
        post(message);
    }
    answer
}
