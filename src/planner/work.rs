//! What the plan worker does with a [`RunPlan`]: load the city from IndexedDB, plan, answer.
//! Kept in the library so the wasm tests can run it on the page's thread.

use mutasi_core::plan::plan_observed;

use super::protocol::{FromWorker, RunPlan, Step};
use crate::state::data::load;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Runs `msg`, reporting each step through `post`; returns the final answer (also posted).
pub async fn run(msg: RunPlan, post: &mut dyn FnMut(FromWorker)) -> FromWorker {
    let run = msg.run;
    let start = now_ms();
    post(FromWorker::Progress {
        run,
        step: Step::Loading,
    });
    let answer = match load(&msg.db).await {
        Err(message) => FromWorker::Failed { run, message },
        Ok(None) => FromWorker::Failed {
            run,
            message: "Belum ada data kota di perangkat ini; sinkronkan dulu saat daring. / \
                      This device holds no city data yet; sync while online first."
                .into(),
        },
        Ok(Some(ds)) => {
            let planned = plan_observed(&ds, &msg.request, &mut |stage| {
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
                },
                Err(e) => FromWorker::Failed {
                    run,
                    message: format!("Rencana tidak dapat disusun / The plan cannot be made: {e}"),
                },
            }
        }
    };
    post(answer.clone());
    answer
}
