//! Rencana Mutasi in headless Chromium: a plan for the demo city's SD Negeri (computed with the
//! core, as the worker does) reviewed on the page: figures, groups, lock / reject / keep with
//! undo, filtering, scenarios compared, and the locked moves drafted as proposals. The decisions
//! and request logic is checked on its own first.
//!
//! Longer than 500 lines on purpose: each wasm test file is a browser binary of its own (about a
//! minute to build and link), so a page keeps one suite.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use leptos::prelude::*;
use mutasi_core::eligibility::eligibility;
use mutasi_core::model::{Nip, SlotId, UnitKind};
use mutasi_core::plan::{plan, Exclusion, ForcedMove, Plan, PlanRequest, Scope};
use mutasi_core::wire::auth::{Account, Role};
use mutasi_core::wire::sync::{Change, Proposal, ProposalSource, RecordKind};
use mutasi_web::components::format::num;
use mutasi_web::pages::rencana::review::{verdict, GROUPS_PER_PAGE};
use mutasi_web::pages::rencana::Rencana;
use mutasi_web::planner::constraints::{Constraints, Decision};
use mutasi_web::planner::proposals::{drafts, ProblemKind};
use mutasi_web::planner::runner::RunState;
use mutasi_web::planner::scenarios::compare;
use mutasi_web::planner::state::{next_round, PlannerState};
use pages_support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn schools_request() -> PlanRequest {
    let mut req = PlanRequest::new(next_round(today(), Some(&demo())));
    req.scope = Scope::UnitKind {
        unit_kind: UnitKind::SdNegeri,
    };
    req
}

thread_local! {
    static SCHOOLS: Arc<Plan> = Arc::new(plan(&demo(), &schools_request()).unwrap());
}

fn schools_plan() -> Arc<Plan> {
    SCHOOLS.with(Arc::clone)
}

fn nip(s: &str) -> Nip {
    Nip::parse(s).unwrap()
}

#[wasm_bindgen_test]
fn decisions_replace_what_they_contradict_and_build_the_request() {
    let p = schools_plan();
    let (a, b) = (&p.moves[0], &p.moves[1]);
    let mut c = Constraints::new(p.date);
    c.scope = p.scope.clone();
    let lock_a = Decision::Lock {
        nip: a.nip.clone(),
        slot: a.to.slot.clone(),
    };
    c.decide(lock_a.clone());
    assert!(c.is_locked(&a.nip, &a.to.slot));
    // Rejecting the same pair replaces the lock.
    c.decide(Decision::Reject {
        nip: a.nip.clone(),
        slot: a.to.slot.clone(),
    });
    assert!(!c.is_locked(&a.nip, &a.to.slot));
    assert_eq!(c.decisions.len(), 1);
    // Keeping b in place, then forcing b elsewhere: one per person.
    c.decide(Decision::Keep { nip: b.nip.clone() });
    c.decide(Decision::Force {
        nip: b.nip.clone(),
        slot: b.to.slot.clone(),
    });
    assert_eq!(c.decisions.len(), 2);
    let req = c.request();
    assert_eq!(req.scope, p.scope);
    assert_eq!(
        req.exclusions,
        vec![Exclusion::Pair {
            nip: a.nip.clone(),
            slot: a.to.slot.clone()
        }]
    );
    assert_eq!(
        req.forced,
        vec![ForcedMove {
            nip: b.nip.clone(),
            slot: b.to.slot.clone()
        }]
    );
    assert!(req.locks.is_empty());
    // Undo.
    c.undo(&c.decisions[0].clone());
    assert!(c.request().exclusions.is_empty());
    assert_eq!(c.accepted().count(), 1);
}

/// Mounts the page with a fresh workspace (its own database) and returns both.
fn mount_page() -> (web_sys::HtmlElement, PlannerState) {
    mount_page_in("id")
}

/// [`mount_page`] with the interface in `lang` ("id" or "en").
fn mount_page_in(lang: &str) -> (web_sys::HtmlElement, PlannerState) {
    let slot: Arc<Mutex<Option<PlannerState>>> = Arc::default();
    let out = slot.clone();
    let db = format!("mutasi-test-rencana-{}", js_sys::Math::random());
    let host = mount_in(lang, Some(demo()), move || {
        let planner = PlannerState::new(&db, next_round(today(), Some(&demo())));
        provide_context(planner);
        *out.lock().unwrap() = Some(planner);
        view! { <Rencana /> }
    });
    let planner = slot.lock().unwrap().take().unwrap();
    (host, planner)
}

#[wasm_bindgen_test]
async fn a_plan_is_reviewed_locked_rejected_and_undone() {
    let p = schools_plan();
    assert!(p.moves.len() > 2, "the schools plan moves people");
    let (host, planner) = mount_page();
    // Before any run: the form, no result; the text in Bahasa Indonesia only.
    assert!(one(&host, "#plan-scope").is_some());
    assert!(one(&host, "#plan-result").is_none());
    assert_eq!(text(&one(&host, "h2").unwrap()), "Rencana Mutasi");
    assert_eq!(text(&one(&host, "#plan-run").unwrap()), "Jalankan");
    let scopes = text(&one(&host, "#plan-scope").unwrap());
    assert!(scopes.contains("Semua SD Negeri"), "{scopes}");
    assert!(!scopes.contains("All state primary schools"), "{scopes}");
    planner.runner.show(p.clone(), 1234.0);
    let result = eventually(Duration::from_secs(5), || one(&host, "#plan-result"))
        .await
        .expect("the result is shown");
    assert_eq!(
        result.get_attribute("data-moves").unwrap(),
        p.moves.len().to_string()
    );
    assert_eq!(text(&one(&host, "#plan-run").unwrap()), "Jalankan ulang");
    let summary = text(&one(&host, "#plan-summary").unwrap());
    assert!(
        summary.starts_with(&format!(
            "{} mutasi dalam {} kelompok;",
            num(p.moves.len() as f64, 0),
            num(p.groups.len() as f64, 0)
        )),
        "{summary}"
    );
    assert!(summary.contains("Dihitung dalam 1,2 detik"), "{summary}");
    assert!(!summary.contains("moves in"), "{summary}");
    assert!(
        all(&host, ".en, [lang='en']").is_empty(),
        "no English second lines"
    );
    // Figures: before and after as the plan says.
    let row = one(&host, "#plan-figures tr[data-figure='Rotations due']").unwrap();
    assert_eq!(text(&one(&row, "th").unwrap()), "Jatuh tempo rotasi");
    let cells: Vec<String> = all(&row, "td").iter().map(text).collect();
    assert_eq!(cells[0], num(p.before.rotations_due as f64, 0));
    assert_eq!(cells[1], num(p.after.rotations_due as f64, 0));
    // Schools without a head and Plt posts past the limit, before and after.
    for (figure, label, before, after) in [
        (
            "Schools without a head",
            "Sekolah tanpa kepala",
            p.before.heads_missing,
            p.after.heads_missing,
        ),
        (
            "Plt past the limit",
            "Plt melewati batas",
            p.before.plt_over_limit,
            p.after.plt_over_limit,
        ),
    ] {
        let row = one(&host, &format!("#plan-figures tr[data-figure='{figure}']")).unwrap();
        assert_eq!(text(&one(&row, "th").unwrap()), label);
        let cells: Vec<String> = all(&row, "td").iter().map(text).collect();
        assert_eq!(cells[0], num(before as f64, 0));
        assert_eq!(cells[1], num(after as f64, 0));
    }
    // One page of groups, every move of them shown.
    let shown = all(&host, "#plan-groups > li").len();
    assert_eq!(shown, p.groups.len().min(GROUPS_PER_PAGE));
    let moves_shown = all(&host, "#plan-groups .move").len();
    let want: usize = p.groups.iter().take(shown).map(|g| g.moves.len()).sum();
    assert_eq!(moves_shown, want);

    // Lock the first move: marked, listed, in the next request; then undo.
    let first = &all(&host, "#plan-groups .move")[0];
    let (n, s) = (
        first.get_attribute("data-nip").unwrap(),
        first.get_attribute("data-slot").unwrap(),
    );
    let m = p.moves.iter().find(|m| m.nip.as_str() == n).unwrap();
    let reasons: Vec<String> = all(first, ".reasons li:not(.warning)")
        .iter()
        .map(text)
        .collect();
    let want: Vec<String> = m.reasons.iter().map(|t| t.id.clone()).collect();
    assert_eq!(reasons, want, "the core's reasons in Indonesian only");
    assert_eq!(text(&one(first, "button.lock").unwrap()), "Kunci");
    one(first, "button.lock").unwrap().click();
    tick().await;
    assert!(first.class_list().contains("locked"));
    assert_eq!(text(&one(first, "button.lock").unwrap()), "🔒 Terkunci");
    assert_eq!(all(&host, "#decisions li").len(), 1);
    let decided = text(&one(&host, "#decisions li span").unwrap());
    assert!(decided.starts_with("Dikunci: "), "{decided}");
    assert!(decided.contains(&n), "{decided}");
    let summary = text(&one(&host, ".decisions summary").unwrap());
    assert_eq!(summary, "Keputusan perencana: 1");
    let req = planner.constraints.get_untracked().request();
    assert_eq!(req.forced.len(), 1);
    assert_eq!(req.forced[0].nip, nip(&n));
    assert_eq!(req.forced[0].slot.as_str(), s);
    one(&host, "#decisions li button.undo").unwrap().click();
    tick().await;
    assert!(all(&host, "#decisions li").is_empty());
    assert!(!first.class_list().contains("locked"));

    // Reject and keep another person.
    let second = &all(&host, "#plan-groups .move")[1];
    one(second, "button.reject").unwrap().click();
    one(second, "button.keep").unwrap().click();
    tick().await;
    let req = planner.constraints.get_untracked().request();
    assert_eq!(req.exclusions.len(), 1);
    assert_eq!(req.locks.len(), 1);

    // Filter by NIP: only the groups with that person.
    let filter: web_sys::HtmlInputElement = one(&host, "#plan-filter").unwrap().unchecked_into();
    filter.set_value(&n);
    filter
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let groups = eventually(Duration::from_secs(5), || {
        let g = all(&host, "#plan-groups > li");
        (g.len() == 1).then_some(g)
    })
    .await
    .expect("one group holds that person");
    assert!(one(&groups[0], &format!(".move[data-nip='{n}']")).is_some());
}

#[wasm_bindgen_test]
async fn the_page_speaks_english_when_chosen() {
    use mutasi_core::plan::Stage;
    use mutasi_web::planner::protocol::Step;

    let p = schools_plan();
    let (host, planner) = mount_page_in("en");
    let h2 = text(&one(&host, "h2").unwrap());
    assert_eq!(h2, "Transfer plan");
    assert!(
        !text(&host).contains("Rencana Mutasi"),
        "no Indonesian heading"
    );
    assert_eq!(text(&one(&host, "#plan-run").unwrap()), "Run");
    let max: web_sys::HtmlInputElement = one(&host, "#plan-max").unwrap().unchecked_into();
    assert_eq!(max.placeholder(), "no limit");

    // Progress: the step named on the page; a failure in one language.
    planner.runner.state.set(RunState::Running {
        step: Step::Plan(Stage::Solving),
    });
    let progress = eventually(Duration::from_secs(5), || one(&host, "#plan-progress p"))
        .await
        .expect("the progress is shown");
    let said = text(&progress);
    assert!(
        said.starts_with("Step 4 of 5: Finding the best assignment · "),
        "{said}"
    );
    assert!(said.ends_with(" s"), "{said}");
    planner.runner.cancel();
    let error = eventually(Duration::from_secs(5), || one(&host, "#plan-error"))
        .await
        .expect("the cancellation is shown");
    assert_eq!(text(&error), "Cancelled by the user.");

    // The result.
    planner.runner.show(p.clone(), 0.0);
    eventually(Duration::from_secs(5), || one(&host, "#plan-result"))
        .await
        .expect("the result is shown");
    assert_eq!(text(&one(&host, "#plan-result-h").unwrap()), "Result");
    let summary = text(&one(&host, "#plan-summary").unwrap());
    assert!(
        summary.starts_with(&format!(
            "{} moves in {} groups;",
            num(p.moves.len() as f64, 0),
            num(p.groups.len() as f64, 0)
        )),
        "{summary}"
    );
    assert!(!summary.contains("mutasi"), "{summary}");
    let row = one(&host, "#plan-figures tr[data-figure='Rotations due']").unwrap();
    assert_eq!(text(&one(&row, "th").unwrap()), "Rotations due");
    let first = &all(&host, "#plan-groups .move")[0];
    let n = first.get_attribute("data-nip").unwrap();
    let m = p.moves.iter().find(|m| m.nip.as_str() == n).unwrap();
    let reasons: Vec<String> = all(first, ".reasons li:not(.warning)")
        .iter()
        .map(text)
        .collect();
    let want: Vec<String> = m.reasons.iter().map(|t| t.en.clone()).collect();
    assert_eq!(reasons, want, "the core's reasons in English");
    assert_eq!(text(&one(first, "button.keep").unwrap()), "Keep in place");
    one(first, "button.keep").unwrap().click();
    tick().await;
    let decided = text(&one(&host, "#decisions li span").unwrap());
    assert!(decided.starts_with("Kept in place: "), "{decided}");

    // A forced move to a slot that does not exist: the error in English.
    let nip_in: web_sys::HtmlInputElement = one(&host, "#force-nip").unwrap().unchecked_into();
    nip_in.set_value(&n);
    nip_in
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let slot_in: web_sys::HtmlInputElement = one(&host, "#force-slot").unwrap().unchecked_into();
    slot_in.set_value("no-such-slot");
    slot_in
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    one(&host, "#force-add").unwrap().click();
    let error = eventually(Duration::from_secs(5), || one(&host, "#force-error"))
        .await
        .expect("the forced move is refused");
    assert_eq!(text(&error), "No post matches «no-such-slot»");

    // Pickers find by name: the post as people say it, the person by part of their name.
    let ds = demo();
    let typed = |sel: &str, value: &str| {
        let input: web_sys::HtmlInputElement = one(&host, sel).unwrap().unchecked_into();
        input.set_value(value);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    };
    typed("#force-slot", "Kepala SD Negeri 37");
    let want = mutasi_core::query::resolve_post(&ds, "Kepala SD Negeri 37").unwrap();
    let label = mutasi_core::query::post_label(&ds, want);
    let first = eventually(Duration::from_secs(5), || {
        one(&host, "#force-slot-list button")
    })
    .await
    .expect("post suggestions");
    assert_eq!(text(&first), label);
    assert!(text(&one(&host, "#force-slot-count").unwrap()).contains("suggestions below"));
    first.click();
    tick().await;
    let slot_in: web_sys::HtmlInputElement = one(&host, "#force-slot").unwrap().unchecked_into();
    assert_eq!(slot_in.value(), label);
    assert!(
        all(&host, "#force-slot-list button").is_empty(),
        "the list closes"
    );
    let e = ds
        .employee_idx(&mutasi_core::model::Nip::parse(&n).unwrap())
        .unwrap();
    let name = ds.employees()[e as usize].name.clone();
    typed("#force-nip", &name);
    let who = mutasi_core::query::person_label(&ds, e);
    let pick = eventually(Duration::from_secs(5), || {
        all(&host, "#force-nip-list button")
            .into_iter()
            .find(|b| text(b) == who)
    })
    .await
    .expect("the person among the suggestions");
    pick.click();
    tick().await;
    one(&host, "#force-add").unwrap().click();
    let forced = eventually(Duration::from_secs(5), || {
        all(&host, "#decisions li span")
            .into_iter()
            .map(|s| text(&s))
            .find(|t| t.starts_with("Forced: "))
    })
    .await
    .expect("the forced move is listed");
    assert!(
        forced.contains(&name) && forced.contains(&ds.slot_unit(want).name),
        "{forced}"
    );

    // Proposals and scenarios.
    assert_eq!(
        text(&one(&host, "#propose-h").unwrap()),
        "Turn into proposals"
    );
    assert_eq!(
        text(&one(&host, "#proposal-create").unwrap()),
        "Create 0 proposals"
    );
    assert_eq!(text(&one(&host, "#scenarios-h").unwrap()), "Scenarios");
    planner.save_scenario("A".into());
    let open = eventually(Duration::from_secs(5), || {
        one(&host, "#scenario-list li[data-name='A'] button.open")
    })
    .await
    .expect("the scenario is listed");
    assert_eq!(text(&open), "Open A");
}

#[wasm_bindgen_test]
async fn scenarios_are_saved_and_compared() {
    let p = schools_plan();
    let mut req = schools_request();
    req.exclusions.push(Exclusion::Pair {
        nip: p.moves[0].nip.clone(),
        slot: p.moves[0].to.slot.clone(),
    });
    let other = Arc::new(plan(&demo(), &req).unwrap());
    let want = compare(&p, &other);
    assert!(!want.only_a.is_empty(), "the rejected move is only in A");

    let (host, planner) = mount_page();
    planner.runner.show(p.clone(), 0.0);
    planner.save_scenario("A".into());
    planner.runner.show(other.clone(), 0.0);
    planner.save_scenario("B".into());
    eventually(Duration::from_secs(5), || one(&host, "#compare-a"))
        .await
        .expect("two scenarios can be compared");
    for (id, v) in [("#compare-a", "A"), ("#compare-b", "B")] {
        let sel: web_sys::HtmlSelectElement = one(&host, id).unwrap().unchecked_into();
        sel.set_value(v);
        sel.dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
    }
    let diff = eventually(Duration::from_secs(5), || one(&host, "#scenario-diff"))
        .await
        .expect("the comparison is shown");
    assert_eq!(
        diff.get_attribute("data-both").unwrap(),
        want.both.len().to_string()
    );
    assert_eq!(
        diff.get_attribute("data-only-a").unwrap(),
        want.only_a.len().to_string()
    );
    assert_eq!(
        diff.get_attribute("data-only-b").unwrap(),
        want.only_b.len().to_string()
    );
    assert!(want
        .only_a
        .contains(&(p.moves[0].nip.clone(), p.moves[0].to.slot.clone())));

    // Saved in IndexedDB: a new workspace on the same database finds both.
    let db = planner.db.get_value();
    let saved = mutasi_web::planner::scenarios::load(&db).await.unwrap();
    let names: Vec<&str> = saved.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
    let same = compare(&saved[1].plan, &other);
    assert!(same.only_a.is_empty() && same.only_b.is_empty());
    assert_eq!(same.both.len(), other.moves.len());
    assert_eq!(saved[1].plan.after.rotations_due, other.after.rotations_due);
}

#[wasm_bindgen_test]
fn locked_moves_become_proposal_drafts_checked_by_the_rules() {
    let ds = demo();
    let p = schools_plan();
    let clean: Vec<(Nip, SlotId)> = p
        .moves
        .iter()
        .filter(|m| m.warnings.is_empty())
        .take(3)
        .map(|m| (m.nip.clone(), m.to.slot.clone()))
        .collect();
    assert!(!clean.is_empty());
    let reason = "Rencana mutasi sekolah: rotasi berkala kepala sekolah";
    let kota = Account {
        username: "perencana-kota".into(),
        role: Role::Planner,
        nip: None,
        scope: Some(mutasi_core::wire::auth::Scope::City),
    };
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-28T09:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let list = drafts(
        &ds,
        &clean,
        p.date,
        reason,
        false,
        &kota,
        ProposalSource::Plan,
        at,
    )
    .unwrap();
    assert_eq!(list.len(), clean.len());
    for (d, (n, s)) in list.iter().zip(&clean) {
        assert_eq!(d.local.kind, RecordKind::Proposal);
        assert_eq!(d.op.base_version, 0);
        assert_eq!(d.op.reason.as_deref(), Some(reason));
        match &d.op.change {
            Change::ProposeMove {
                proposal,
                nip,
                slot,
                tmt,
                source,
                ..
            } => {
                assert_eq!((nip, slot, *tmt), (n, s, p.date));
                assert_eq!(*proposal, d.local.id);
                assert_eq!(*source, ProposalSource::Plan);
            }
            other => panic!("not a proposal: {other:?}"),
        }
        let local: Proposal = serde_json::from_value(d.local.data.clone()).unwrap();
        assert_eq!((&local.nip, &local.slot), (n, s));
    }
    // A short reason drafts nothing.
    let err = drafts(
        &ds,
        &clean,
        p.date,
        "ok",
        false,
        &kota,
        ProposalSource::Plan,
        at,
    )
    .err()
    .unwrap();
    assert_eq!(err[0].kind, ProblemKind::ShortReason(10));
    assert_eq!(
        err[0].text().id,
        "Alasan usulan wajib diisi, minimal 10 karakter."
    );
    assert_eq!(
        err[0].text().en,
        "A reason of at least 10 characters is required."
    );
    // So does a pasted document: the core's limit, with both lengths.
    let pasted = "Rotasi kepala sekolah. ".repeat(100);
    let err = drafts(
        &ds,
        &clean,
        p.date,
        &pasted,
        false,
        &kota,
        ProposalSource::Plan,
        at,
    )
    .err()
    .unwrap();
    assert!(matches!(err[0].kind, ProblemKind::LongReason(_)));
    assert_eq!(
        err[0].text().id,
        "alasan atau catatan terlalu panjang: 2.299 karakter, maksimal 2.000 karakter"
    );
    // A move that breaks a soft rule needs the override.
    let soft_fail = p.moves.iter().find(|m| {
        let (e, s) = (
            ds.employee_idx(&m.nip).unwrap(),
            ds.slot_idx(&m.to.slot).unwrap(),
        );
        eligibility(&ds, e, s, p.date, ds.rules())
            .soft_failures()
            .next()
            .is_some()
    });
    if let Some(m) = soft_fail {
        let one_move = vec![(m.nip.clone(), m.to.slot.clone())];
        let err = drafts(
            &ds,
            &one_move,
            p.date,
            reason,
            false,
            &kota,
            ProposalSource::Plan,
            at,
        )
        .err()
        .unwrap();
        assert!(
            matches!(err[0].kind, ProblemKind::NeedsOverride(_)),
            "{err:?}"
        );
        let t = err[0].text();
        assert!(t.id.starts_with("Perlu pengecualian aturan: "), "{t:?}");
        assert!(t.en.starts_with("Needs a rule override: "), "{t:?}");
        let ok = drafts(
            &ds,
            &one_move,
            p.date,
            reason,
            true,
            &kota,
            ProposalSource::Plan,
            at,
        )
        .unwrap();
        match &ok[0].op.change {
            Change::ProposeMove { overrides, .. } => assert!(!overrides.is_empty()),
            _ => unreachable!(),
        }
    }
}

fn records_of(ds: &mutasi_core::Dataset) -> Vec<mutasi_core::wire::sync::Record> {
    use mutasi_core::wire::sync::Record;
    let mut seq = 0;
    let mut rec = |kind, id: String, data: serde_json::Value| {
        seq += 1;
        Record {
            kind,
            id,
            version: 1,
            seq,
            data,
        }
    };
    let p = ds.parts();
    let mut out = Vec::new();
    for u in &p.units {
        out.push(rec(
            RecordKind::Unit,
            u.id.to_string(),
            serde_json::to_value(u).unwrap(),
        ));
    }
    for x in &p.positions {
        out.push(rec(
            RecordKind::Position,
            x.id.to_string(),
            serde_json::to_value(x).unwrap(),
        ));
    }
    for s in &p.slots {
        out.push(rec(
            RecordKind::Slot,
            s.id.to_string(),
            serde_json::to_value(s).unwrap(),
        ));
    }
    for n in &p.needs {
        let id = format!("{}|{}", n.unit, n.position);
        out.push(rec(RecordKind::Need, id, serde_json::to_value(n).unwrap()));
    }
    for e in &p.employees {
        out.push(rec(
            RecordKind::Employee,
            e.nip.to_string(),
            serde_json::to_value(e).unwrap(),
        ));
    }
    out.push(rec(
        RecordKind::Rules,
        "default".into(),
        serde_json::to_value(&p.rules).unwrap(),
    ));
    out
}

#[wasm_bindgen_test]
async fn the_worker_plans_the_city_stored_on_the_device_and_reports_each_step() {
    use mutasi_core::plan::Stage;
    use mutasi_web::planner::protocol::{FromWorker, RunPlan, Step};
    use mutasi_web::planner::work;

    let db = format!("mutasi-test-worker-{}", js_sys::Math::random());
    // The small city plans no move by itself: a forced one (a legal chain of two) gives the
    // answer moves to carry.
    let mut request = PlanRequest::new(today());
    request.forced.push(mutasi_core::plan::ForcedMove {
        nip: nip(mutasi_core::fixture::nips::GURU_PLT),
        slot: mutasi_core::model::SlotId::new("SDN-002/GURU-1").unwrap(),
    });
    // An empty device: a clear failure, no plan.
    let mut seen = Vec::new();
    let answer = work::run(
        RunPlan {
            run: 7,
            db: db.clone(),
            request: request.clone(),
        },
        &mut |m| seen.push(m),
    )
    .await;
    match &answer {
        FromWorker::Failed { run, message } => {
            assert_eq!(*run, 7);
            assert!(message.id.starts_with("Belum ada data kota"), "{message:?}");
            assert!(
                message.en.starts_with("This device holds no city data"),
                "{message:?}"
            );
        }
        other => panic!("expected a failure, got {other:?}"),
    }

    // The small city stored on the device: every step in order, then the plan.
    let store = mutasi_web::store::open(&db).await.unwrap();
    mutasi_web::store::records::put_page(&store, &records_of(&small()), Some(1))
        .await
        .unwrap();
    store.close();
    seen.clear();
    let answer = work::run(
        RunPlan {
            run: 8,
            db: db.clone(),
            request: request.clone(),
        },
        &mut |m| seen.push(m),
    )
    .await;
    let steps: Vec<Step> = seen
        .iter()
        .filter_map(|m| match m {
            FromWorker::Progress { run: 8, step } => Some(*step),
            _ => None,
        })
        .collect();
    assert_eq!(
        steps,
        [
            Step::Loading,
            Step::Plan(Stage::Candidates),
            Step::Plan(Stage::Solving),
            Step::Plan(Stage::Report)
        ]
    );
    assert_eq!(
        assembled(&seen).as_ref(),
        Some(&answer),
        "the answer is posted too, its moves in pages"
    );
    let loaded = mutasi_web::state::data::load(&db).await.unwrap().unwrap();
    // The plan `plan` makes, without the fit breakdown the review never shows.
    let want = plan(&loaded, &request).unwrap();
    assert!(want.moves.iter().all(|m| !m.fit.components.is_empty()));
    match &answer {
        FromWorker::Done { run, plan, .. } => {
            assert_eq!(*run, 8);
            assert_eq!(plan.moves.len(), 2);
            assert!(plan.moves.iter().all(|m| m.fit.components.is_empty()));
            assert_eq!(**plan, want.without_breakdown());
            assert_eq!(plan.before.employees as usize, small().employees().len());
        }
        other => panic!("expected a plan, got {other:?}"),
    }

    // The worker keeps the decoded city while the stored records are unchanged ...
    let first = work::city(&db).await.unwrap().unwrap();
    let again = work::city(&db).await.unwrap().unwrap();
    assert!(std::rc::Rc::ptr_eq(&first, &again), "no write, no new read");
    // ... and reads it again after any write: here one employee leaves the data.
    let gone = small().employees()[0].clone();
    let store = mutasi_web::store::open(&db).await.unwrap();
    let mut tombstone = records_of(&small())
        .into_iter()
        .find(|r| r.kind == RecordKind::Employee && r.id == gone.nip.to_string())
        .unwrap();
    tombstone.data = serde_json::Value::Null;
    mutasi_web::store::records::put_page(&store, &[tombstone], Some(2))
        .await
        .unwrap();
    store.close();
    let fresh = work::city(&db).await.unwrap().unwrap();
    assert!(!std::rc::Rc::ptr_eq(&first, &fresh), "a write is seen");
    assert_eq!(fresh.employees().len(), small().employees().len() - 1);
    assert!(fresh.employees().iter().all(|e| e.nip != gone.nip));
    seen.clear();
    let rerun = work::run(
        RunPlan {
            run: 9,
            db: db.clone(),
            request: request.clone(),
        },
        &mut |m| seen.push(m),
    )
    .await;
    match rerun {
        FromWorker::Done { plan: p, .. } => {
            assert_eq!(*p, plan(&fresh, &request).unwrap().without_breakdown());
            assert_eq!(p.before.employees as usize, small().employees().len() - 1);
        }
        other => panic!("expected a plan, got {other:?}"),
    }
}

/// The answer the page puts together from the worker's messages (pages of moves, then the rest).
fn assembled(
    seen: &[mutasi_web::planner::protocol::FromWorker],
) -> Option<mutasi_web::planner::protocol::FromWorker> {
    use mutasi_web::planner::protocol::{Assembly, FromWorker};
    let mut assembly = Assembly::default();
    let mut done = None;
    for m in seen.iter().cloned() {
        match m {
            FromWorker::Moves { run, moves } => assembly.add(run, moves),
            d @ FromWorker::Done { .. } => done = Some(assembly.finish(d).unwrap()),
            _ => {}
        }
    }
    done
}

#[wasm_bindgen_test]
fn a_plan_crosses_to_the_page_in_pages_and_is_put_back_together() {
    use mutasi_web::planner::protocol::{pages, Assembly, FromWorker, MOVES_PER_MESSAGE};
    let p = schools_plan();
    let n = p.moves.len();
    assert!(
        n > 4 * MOVES_PER_MESSAGE,
        "the test needs several pages ({n})"
    );
    let answer = FromWorker::Done {
        run: 3,
        plan: Box::new((*p).clone()),
        elapsed_ms: 5.0,
        paged_moves: 0,
    };
    let sent = pages(answer.clone());
    let sizes: Vec<usize> = sent
        .iter()
        .filter_map(|m| match m {
            FromWorker::Moves { moves, .. } => Some(moves.len()),
            _ => None,
        })
        .collect();
    assert_eq!(sizes.len(), n.div_ceil(MOVES_PER_MESSAGE));
    assert!(sizes.iter().all(|&k| k <= MOVES_PER_MESSAGE));
    match sent.last() {
        Some(FromWorker::Done {
            plan, paged_moves, ..
        }) => {
            assert!(plan.moves.is_empty(), "the moves are not sent twice");
            assert_eq!(*paged_moves, n);
        }
        other => panic!("the plan comes last: {other:?}"),
    }
    assert_eq!(assembled(&sent), Some(answer));
    // Every message is small next to the plan in one piece.
    let whole = serde_json::to_string(&*p).unwrap().len();
    let largest = sent.iter().map(|m| m.to_json().len()).max().unwrap();
    assert!(
        largest * 4 < whole,
        "{largest} of {whole} bytes in one message"
    );

    // A page lost on the way: a clear failure, not a plan with moves missing.
    let mut assembly = Assembly::default();
    for m in sent.iter().skip(1).cloned() {
        match m {
            FromWorker::Moves { run, moves } => assembly.add(run, moves),
            done => {
                let err = assembly.finish(done).unwrap_err();
                let lost = n - sizes[0];
                assert!(err.en.contains(&format!("{lost} of {n} moves")), "{err:?}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn a_change_that_rounds_to_zero_is_neither_better_nor_worse() {
    // Issue 20 #8: "Rata-rata JPM … 0 ▼ lebih buruk" in red.
    assert_eq!(verdict(-0.0004, 1, Some(true)), "same");
    assert_eq!(verdict(0.04, 1, Some(false)), "same");
    assert_eq!(verdict(-0.06, 1, Some(true)), "worse");
    assert_eq!(verdict(-2.0, 0, Some(false)), "better");
    assert_eq!(verdict(5.0, 0, None), "same");
}

#[wasm_bindgen_test]
fn a_batch_is_undone_as_one_and_keeps_later_decisions() {
    let p = schools_plan();
    let (a, b, x) = (&p.moves[0], &p.moves[1], &p.moves[2]);
    let mut c = Constraints::new(p.date);
    let keep_a = Decision::Keep { nip: a.nip.clone() };
    c.decide(keep_a.clone());
    let lock = |m: &mutasi_core::plan::Move| Decision::Lock {
        nip: m.nip.clone(),
        slot: m.to.slot.clone(),
    };
    // The batch locks a and b; a's keep gives way.
    let batch = c.decide_all([lock(a), lock(b)]);
    assert_eq!(batch.added, vec![lock(a), lock(b)]);
    assert_eq!(batch.removed, vec![keep_a.clone()]);
    assert_eq!(c.accepted().count(), 2);
    // A decision made after the batch survives its undo; the keep comes back.
    c.decide(lock(x));
    c.revert(&batch);
    assert_eq!(c.decisions, vec![lock(x), keep_a]);
    // undo_all removes exactly the listed decisions.
    let gone = c.undo_all(&[lock(x), lock(a)]);
    assert_eq!(gone.removed, vec![lock(x)]);
    assert_eq!(c.decisions.len(), 1);
}

/// Sets a `<select>` or checkbox and tells the page.
fn choose(host: &web_sys::HtmlElement, selector: &str, value: Option<&str>) {
    let el = one(host, selector).unwrap();
    match value {
        Some(v) => el
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .set_value(v),
        None => {
            let input = el.unchecked_ref::<web_sys::HtmlInputElement>();
            input.set_checked(!input.checked());
        }
    }
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_chain_a_page_and_a_filter_are_accepted_at_once_and_undone() {
    let p = schools_plan();
    let ds = demo();
    let (host, planner) = mount_page();
    planner.runner.show(p.clone(), 1000.0);
    eventually(Duration::from_secs(5), || one(&host, "#plan-result"))
        .await
        .expect("the result is shown");
    let decided = || planner.constraints.get_untracked().decisions.len();
    let locked_shown = || all(&host, "#plan-groups .move.locked").len();
    // The form offers a principals' rotation as a scope of its own.
    let scopes = text(&one(&host, "#plan-scope").unwrap());
    assert!(
        scopes.contains("Kepala SD Negeri (dan guru calon kepala)"),
        "{scopes}"
    );
    choose(&host, "#plan-scope", Some("principals:SdNegeri"));
    tick().await;
    assert_eq!(
        planner.constraints.get_untracked().scope,
        Scope::Principals {
            unit_kind: Some(UnitKind::SdNegeri)
        }
    );

    // Vacancy chains only: every group shown is one, as many as the plan has.
    choose(&host, "#plan-kind", Some("chain"));
    tick().await;
    let chains = p
        .groups
        .iter()
        .filter(|g| g.kind == mutasi_core::plan::GroupKind::Chain)
        .count();
    assert!(chains > 0, "the schools plan has vacancy chains");
    assert_eq!(
        text(&one(&host, "#plan-shown").unwrap()),
        format!("{} kelompok", num(chains as f64, 0))
    );
    for g in all(&host, "#plan-groups > li") {
        assert_eq!(g.get_attribute("data-kind").unwrap(), "Vacancy chain");
    }
    // The longest chain of the page, accepted in one action: every move of it is locked.
    let groups = all(&host, "#plan-groups > li");
    let group = groups.iter().max_by_key(|g| all(g, ".move").len()).unwrap();
    let n = all(group, ".move").len();
    let button = one(group, "button.accept-group").unwrap();
    assert_eq!(
        text(&button),
        format!("Terima seluruh kelompok ({n} mutasi)")
    );
    button.click();
    tick().await;
    assert_eq!(all(group, ".move.locked").len(), n, "the whole chain");
    assert_eq!(decided(), n);
    assert_eq!(button.get_attribute("aria-pressed").unwrap(), "true");
    assert!(
        text(&button).starts_with("✓ Kelompok diterima"),
        "{}",
        text(&button)
    );
    assert_eq!(
        text(&one(&host, "#to-propose").unwrap()),
        format!("Ke «Jadikan usulan» ↓ ({n} diterima)")
    );
    assert_eq!(
        text(&one(&host, "#proposal-create").unwrap()),
        format!("Buat {n} usulan")
    );
    // Pressed again: the chain is no longer accepted.
    button.click();
    tick().await;
    assert_eq!(decided(), 0);
    assert_eq!(locked_shown(), 0);

    // The whole page at once, then undone as one.
    let on_page = all(&host, "#plan-groups .move").len();
    let accept_page = one(&host, "#accept-page").unwrap();
    assert_eq!(
        text(&accept_page),
        format!("Terima halaman ini ({} mutasi)", num(on_page as f64, 0))
    );
    accept_page.click();
    tick().await;
    assert_eq!(decided(), on_page);
    assert_eq!(locked_shown(), on_page);
    assert!(accept_page
        .unchecked_ref::<web_sys::HtmlButtonElement>()
        .disabled());
    let status = text(&one(&host, "#bulk-status").unwrap());
    assert!(
        status.starts_with(&format!(
            "{} mutasi diterima sekaligus.",
            num(on_page as f64, 0)
        )),
        "{status}"
    );
    one(&host, "#bulk-undo").unwrap().click();
    tick().await;
    assert_eq!(decided(), 0);
    assert_eq!(locked_shown(), 0);
    assert!(text(&one(&host, "#bulk-status").unwrap()).starts_with("Dibatalkan: "));

    // Principals only (all kinds): each group shown moves someone into or out of a
    // kepala sekolah post, and "everything filtered" accepts exactly their moves.
    choose(&host, "#plan-kind", Some(""));
    choose(&host, "#plan-principals", None);
    tick().await;
    let principal = |id: &mutasi_core::model::PositionId| {
        ds.position(id).unwrap().special == Some(mutasi_core::model::SpecialRole::KepalaSekolah)
    };
    let want: Vec<_> = p
        .groups
        .iter()
        .filter(|g| {
            g.moves.iter().any(|&i| {
                principal(&p.moves[i].from.position) || principal(&p.moves[i].to.position)
            })
        })
        .collect();
    assert!(!want.is_empty(), "the schools plan moves principals");
    assert_eq!(
        text(&one(&host, "#plan-shown").unwrap()),
        format!("{} kelompok", num(want.len() as f64, 0))
    );
    for g in all(&host, "#plan-groups > li") {
        let to: Vec<String> = all(&g, ".from, .to").iter().map(text).collect();
        assert!(to.iter().any(|t| t.starts_with("Kepala")), "{to:?}");
    }
    let moves: usize = want.iter().map(|g| g.moves.len()).sum();
    one(&host, "#accept-shown").unwrap().click();
    tick().await;
    assert_eq!(decided(), moves);

    // With warnings only: every group shown has a warning line.
    choose(&host, "#plan-principals", None);
    choose(&host, "#plan-warnings", None);
    tick().await;
    for g in all(&host, "#plan-groups > li") {
        assert!(!all(&g, ".reasons li.warning").is_empty());
    }
}
