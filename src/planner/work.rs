//! What the plan worker does with a [`RunPlan`]: load the city from IndexedDB, plan, answer.
//! Kept in the library so the wasm tests can run it on the page's thread. No Leptos context
//! here: failures carry both languages ([`super::both`]) and the page shows one.

use mutasi_core::plan::plan_observed;

use mutasi_core::text::Text;

use super::both;
use super::protocol::{FromWorker, RunPlan, Step};
use crate::i18n::*;
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
        Err(detail) => FromWorker::Failed {
            run,
            message: Text::same(detail),
        },
        Ok(None) => FromWorker::Failed {
            run,
            message: both(|l| td_string!(l, rencana.errors.no_data).to_string()),
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
                    message: both(|l| {
                        td_string!(l, rencana.errors.cannot_plan, detail = &e).to_string()
                    }),
                },
            }
        }
    };
    post(answer.clone());
    answer
}
