//! Usulan in headless Chromium: which workflow steps each account may take in each status, the
//! op and optimistic copy a step records, how a conflict is re-applied, the list's filters and
//! counts, the detail with its history, a step taken through the panel into the real outbox, the
//! second question before a step that closes the proposal, and the employee's "new" badge.
//!
//! Longer than 500 lines on purpose: each wasm test file is a browser binary of its own (about a
//! minute to build and link), so the Usulan pages keep one suite.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::prelude::*;
use mutasi_core::fixture::nips;
use mutasi_core::model::{Nip, SlotId, UnitId};
use mutasi_core::wire::auth::{Account, LoginResponse, Role, Scope};
use mutasi_core::wire::sync::{
    Change, Expect, FileCheck, Op, Proposal, ProposalEvent, ProposalSource, ProposalStatus, Record,
    RecordKind,
};
use mutasi_web::components::conflicts::{reapply, rewind_for};
use mutasi_web::components::nav::Nav;
use mutasi_web::pages::usulan::actions::{available, build, Action, Inputs};
use mutasi_web::pages::usulan::detail::ProposalView;
use mutasi_web::pages::usulan::list::ProposalList;
use mutasi_web::pages::usulan::model::{counts, Filter};
use mutasi_web::state::connectivity::Connectivity;
use mutasi_web::state::proposals::{Item, Proposals};
use mutasi_web::state::session::Session;
use mutasi_web::store::outbox::{self, ConflictEntry};
use mutasi_web::store::{self, records};
use pages_support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A post the fixture's teacher may move to (every rule passes), so the steps that check the
/// rules again go through.
const TARGET: &str = "SDN-001/GURU-2";

/// The instant the steps of these tests are taken at.
fn at() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-28T09:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn account(username: &str, role: Role, nip: Option<&str>, scope: Option<Scope>) -> Account {
    Account {
        username: username.into(),
        role,
        nip: nip.map(|n| Nip::parse(n).unwrap()),
        scope,
    }
}

fn employee() -> Account {
    account("pegawai", Role::Employee, Some(nips::GURU_PLT), None)
}
fn city_planner() -> Account {
    account("perencana-kota", Role::Planner, None, Some(Scope::City))
}
fn opd_planner(opd: &str) -> Account {
    account(
        "perencana",
        Role::Planner,
        None,
        Some(Scope::Opd(vec![UnitId::new(opd).unwrap()])),
    )
}
fn approver() -> Account {
    account("approver", Role::Approver, None, None)
}
fn ppk() -> Account {
    account("ppk", Role::Approver, None, None)
}
fn admin() -> Account {
    account("admin", Role::Admin, None, None)
}

fn event(action: &str, to: ProposalStatus, by: &str, role: Role) -> ProposalEvent {
    ProposalEvent {
        action: action.into(),
        from: None,
        to,
        by: by.into(),
        role,
        at: "2026-11-20T08:00:00Z".into(),
        reason: Some("catatan langkah ini".into()),
    }
}

/// A proposal about the fixture's teacher in `status`, reviewed by `approver` when past review.
fn proposal(id: &str, status: ProposalStatus, source: ProposalSource) -> Proposal {
    use ProposalStatus::*;
    let mut history = vec![event("propose_move", Draft, "pegawai", Role::Employee)];
    if !matches!(status, Draft) {
        history.push(event(
            "submit_proposal",
            Submitted,
            "pegawai",
            Role::Employee,
        ));
    }
    if matches!(
        status,
        Recommended | Approved | Rejected | SkIssued | Inaugurated
    ) {
        history.push(event(
            "review_proposal",
            Recommended,
            "approver",
            Role::Approver,
        ));
    }
    Proposal {
        id: id.into(),
        nip: Nip::parse(nips::GURU_PLT).unwrap(),
        slot: SlotId::new(TARGET).unwrap(),
        tmt: chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap(),
        reason: "Permohonan sendiri: dekat dengan keluarga".into(),
        overrides: Vec::new(),
        status,
        source,
        proposed_by: "pegawai".into(),
        decided_by: None,
        sk: None,
        inaugurated_on: None,
        history,
    }
}

fn item(id: &str, version: u64, status: ProposalStatus) -> Item {
    let p = proposal(id, status, ProposalSource::OwnRequest);
    Item {
        record: Record {
            kind: RecordKind::Proposal,
            id: id.into(),
            version,
            seq: 100 + version,
            data: serde_json::to_value(&p).unwrap(),
        },
        proposal: p,
    }
}

fn keys(actions: &[Action]) -> Vec<&'static str> {
    actions.iter().map(|a| a.key()).collect()
}

#[wasm_bindgen_test]
fn each_account_sees_only_the_steps_it_may_take_now() {
    use ProposalStatus::*;
    let ds = small();
    let opd = {
        let s = ds.slot_idx(&SlotId::new(TARGET).unwrap()).unwrap();
        ds.slot_opd(s).id.to_string()
    };
    let own = |s| proposal("p", s, ProposalSource::OwnRequest);
    let planned = |s| proposal("p", s, ProposalSource::Planner);
    let table: Vec<(&str, Account, Proposal, Vec<&str>)> = vec![
        (
            "employee, own draft",
            employee(),
            own(Draft),
            vec!["submit"],
        ),
        (
            "employee, own returned",
            employee(),
            own(Revise),
            vec!["submit"],
        ),
        (
            "employee, planner's draft",
            employee(),
            planned(Draft),
            vec![],
        ),
        ("employee, submitted", employee(), own(Submitted), vec![]),
        (
            "OPD planner in scope",
            opd_planner(&opd),
            planned(Draft),
            vec!["submit"],
        ),
        (
            "OPD planner out of scope",
            opd_planner("SETDA"),
            planned(Draft),
            vec![],
        ),
        (
            "OPD planner, file check",
            opd_planner(&opd),
            planned(Submitted),
            vec![],
        ),
        (
            "BKPSDM, file check",
            city_planner(),
            planned(Submitted),
            vec!["check-complete", "check-revise", "check-incomplete"],
        ),
        (
            "BKPSDM, SK",
            city_planner(),
            planned(Approved),
            vec!["issue-sk"],
        ),
        (
            "BKPSDM, inauguration",
            city_planner(),
            planned(SkIssued),
            vec!["inaugurate"],
        ),
        ("BKPSDM, review", city_planner(), planned(Verified), vec![]),
        (
            "Baperjakat",
            approver(),
            planned(Verified),
            vec!["recommend", "not-recommend"],
        ),
        (
            "reviewer may not decide",
            approver(),
            planned(Recommended),
            vec![],
        ),
        (
            "another approver decides",
            ppk(),
            planned(Recommended),
            vec!["approve", "reject"],
        ),
        ("admin", admin(), planned(Submitted), vec![]),
        ("final", city_planner(), planned(Inaugurated), vec![]),
        ("final, rejected", ppk(), planned(Rejected), vec![]),
    ];
    for (name, who, p, want) in table {
        assert_eq!(keys(&available(&who, Some(&ds), &p)), want, "{name}");
    }
}

#[wasm_bindgen_test]
fn a_step_builds_one_op_on_the_current_version_and_an_optimistic_copy() {
    let ds = small();
    let it = item("p-1", 3, ProposalStatus::Verified);
    // Baperjakat's notes are required.
    let short = Inputs {
        reason: " singkat ".into(),
        ..Inputs::default()
    };
    let err = build(
        &it,
        Action::Review { recommend: true },
        &short,
        &approver(),
        &ds,
        "op".into(),
        at(),
    )
    .unwrap_err();
    assert!(err.en.contains("at least 10"), "{err}");
    // ...and a paragraph, not a pasted document: the core's limit with both lengths.
    let pasted = Inputs {
        reason: "Kompetensi sesuai. ".repeat(120),
        ..Inputs::default()
    };
    let err = build(
        &it,
        Action::Review { recommend: true },
        &pasted,
        &approver(),
        &ds,
        "op".into(),
        at(),
    )
    .unwrap_err();
    assert!(
        err.id.ends_with("2.279 karakter, maksimal 2.000 karakter"),
        "{err}"
    );

    let notes = Inputs {
        reason: "  Kompetensi sesuai, direkomendasikan  ".into(),
        ..Inputs::default()
    };
    let (op, local) = build(
        &it,
        Action::Review { recommend: true },
        &notes,
        &approver(),
        &ds,
        "op-9".into(),
        at(),
    )
    .unwrap();
    assert_eq!(
        op,
        Op {
            id: "op-9".into(),
            base_version: 3,
            expects: Some(Expect::of(&it.proposal)),
            reason: Some("Kompetensi sesuai, direkomendasikan".into()),
            change: Change::ReviewProposal {
                proposal: "p-1".into(),
                recommend: true
            },
        }
    );
    assert_eq!(
        (local.kind, local.id.as_str(), local.version),
        (RecordKind::Proposal, "p-1", 4)
    );
    let p: Proposal = serde_json::from_value(local.data).unwrap();
    assert_eq!(p.status, ProposalStatus::Recommended);
    let last = p.history.last().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.from,
            last.to,
            last.by.as_str(),
            last.role,
            last.at.clone()
        ),
        (
            "review_proposal",
            Some(ProposalStatus::Verified),
            ProposalStatus::Recommended,
            "approver",
            Role::Approver,
            "2026-11-28T09:00:00Z".to_string()
        )
    );

    // The SK needs its number and date, and lands in the copy.
    let sk = item("p-2", 7, ProposalStatus::Approved);
    assert!(build(
        &sk,
        Action::IssueSk,
        &Inputs::default(),
        &city_planner(),
        &ds,
        "x".into(),
        at()
    )
    .is_err());
    let inputs = Inputs {
        number: "821.2/012/BKPSDM-III/2027".into(),
        date: chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        ..Inputs::default()
    };
    let (op, local) = build(
        &sk,
        Action::IssueSk,
        &inputs,
        &city_planner(),
        &ds,
        "op-sk".into(),
        at(),
    )
    .unwrap();
    assert_eq!((op.base_version, op.reason.clone()), (7, None));
    let p: Proposal = serde_json::from_value(local.data).unwrap();
    assert_eq!(p.status, ProposalStatus::SkIssued);
    assert_eq!(p.sk.unwrap().number, "821.2/012/BKPSDM-III/2027");

    // A step the status does not allow is refused with the core's reason.
    let err = build(
        &sk,
        Action::Submit,
        &Inputs::default(),
        &employee(),
        &ds,
        "x".into(),
        at(),
    )
    .unwrap_err();
    assert!(err.en.contains("does not apply"), "{err}");
}

fn conflict(mine: Op, server: Option<Item>) -> ConflictEntry {
    ConflictEntry {
        op_id: mine.id.clone(),
        op: mine,
        current: server.map(|i| i.record),
        reason: Some("changed on the server".into()),
        why: None,
    }
}

#[wasm_bindgen_test]
fn a_conflict_is_reapplied_on_the_servers_version_only_when_the_workflow_allows() {
    let ds = small();
    let mine = Op {
        id: "op-old".into(),
        base_version: 2,
        expects: None,
        reason: None,
        change: Change::CheckFile {
            proposal: "p-1".into(),
            result: FileCheck::Complete,
        },
    };
    // The proposal was returned and resubmitted meanwhile: the check applies again.
    let entry = conflict(
        mine.clone(),
        Some(item("p-1", 4, ProposalStatus::Submitted)),
    );
    let (op, local) = reapply(&entry, &city_planner(), Some(&ds), "op-new".into(), at()).unwrap();
    assert_eq!((op.id.as_str(), op.base_version), ("op-new", 4));
    assert_eq!(op.change, mine.change);
    assert_eq!(local.version, 5);
    let p: Proposal = serde_json::from_value(local.data).unwrap();
    assert_eq!(p.status, ProposalStatus::Verified);

    // Someone else checked it already: it cannot be applied again, and says why.
    let entry = conflict(mine.clone(), Some(item("p-1", 3, ProposalStatus::Verified)));
    let why = reapply(&entry, &city_planner(), Some(&ds), "x".into(), at()).unwrap_err();
    assert!(
        why.en.contains("does not apply") && why.en.contains("\"Verified\""),
        "{why}"
    );
    assert!(why.id.contains("berstatus \"Berkas lengkap\""), "{why}");
    // Not my desk any more (another account holds the session now).
    let entry = conflict(
        mine.clone(),
        Some(item("p-1", 4, ProposalStatus::Submitted)),
    );
    assert!(reapply(&entry, &approver(), Some(&ds), "x".into(), at()).is_err());
    // Refused by a rule: no server copy came back.
    let entry = conflict(mine.clone(), None);
    assert!(reapply(&entry, &city_planner(), Some(&ds), "x".into(), at()).is_err());
    let mut local = item("p-1", 3, ProposalStatus::Verified).record;
    assert_eq!(rewind_for(&entry, Some(&local)), Some(local.seq - 1));
    local.version = 2;
    assert_eq!(
        rewind_for(&entry, Some(&local)),
        None,
        "nothing of mine to undo"
    );
    let with_server = conflict(mine, Some(item("p-1", 3, ProposalStatus::Verified)));
    assert_eq!(rewind_for(&with_server, Some(&local)), None);
}

#[wasm_bindgen_test]
fn the_filter_searches_name_nip_and_unit_and_counts_every_status() {
    let ds = small();
    let items = vec![
        item("a", 1, ProposalStatus::Draft),
        item("b", 2, ProposalStatus::Submitted),
        item("c", 2, ProposalStatus::Submitted),
    ];
    let c: std::collections::HashMap<_, _> = counts(&items).into_iter().collect();
    assert_eq!(c.len(), ProposalStatus::ALL.len());
    assert_eq!(
        (
            c[&ProposalStatus::Draft],
            c[&ProposalStatus::Submitted],
            c[&ProposalStatus::Approved]
        ),
        (1, 2, 0)
    );
    let name = ds.employee(&items[0].proposal.nip).unwrap().name.clone();
    let unit = {
        let s = ds.slot_idx(&items[0].proposal.slot).unwrap();
        ds.slot_unit(s).name.clone()
    };
    let f = |status, query: &str| Filter {
        status,
        query: query.into(),
    };
    let hits = |f: Filter| items.iter().filter(|i| f.matches(Some(&ds), i)).count();
    assert_eq!(hits(f(None, "")), 3);
    assert_eq!(hits(f(Some(ProposalStatus::Submitted), "")), 2);
    assert_eq!(hits(f(None, &name.to_uppercase())), 3);
    assert_eq!(hits(f(None, &nips::GURU_PLT[..8])), 3);
    assert_eq!(hits(f(Some(ProposalStatus::Draft), &unit)), 1);
    assert_eq!(hits(f(None, "tidak ada orang ini")), 0);
}

fn session(who: Account) -> Session {
    Session {
        login: RwSignal::new(Some(LoginResponse {
            token: "test-token".into(),
            expires_at: "2099-01-01T00:00:00Z".into(),
            account: who,
        })),
        restored: RwSignal::new(true),
    }
}

fn proposals_with(items: Vec<Item>, seen: &[(&str, u64)]) -> Proposals {
    let p = Proposals::default();
    p.items.set(items);
    p.loaded.set(true);
    p.seen
        .set(seen.iter().map(|(k, v)| (k.to_string(), *v)).collect());
    p
}

#[wasm_bindgen_test]
async fn the_list_shows_my_proposals_with_counts_filters_and_new_marks() {
    let items = vec![
        item("0001", 1, ProposalStatus::Draft),
        item("0002", 3, ProposalStatus::Verified),
        item("0003", 2, ProposalStatus::Submitted),
    ];
    let host = mount(Some(small()), move || {
        provide_context(session(employee()));
        let p = proposals_with(items, &[("0001", 1), ("0002", 2)]);
        provide_context(p);
        p.pending.set(BTreeSet::from(["0003".to_string()]));
        view! { <ProposalList /> }
    });
    tick().await;
    assert!(text(&one(&host, "h2").unwrap()).contains("Usulan saya"));
    let rows = all(&host, "#usulan-table tbody tr");
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r.get_attribute("data-id").unwrap())
        .collect();
    assert_eq!(ids, ["0003", "0002", "0001"], "newest first");
    let unseen: Vec<String> = all(&host, "#usulan-table tr.unseen")
        .iter()
        .map(|r| r.get_attribute("data-id").unwrap())
        .collect();
    assert_eq!(unseen, ["0003", "0002"], "changed since last seen");
    assert_eq!(all(&host, "#usulan-table tr.waiting").len(), 1);
    assert!(text(&rows[1]).contains("Berkas lengkap"));
    assert!(
        !text(&rows[1]).contains("Verified"),
        "one language: {}",
        text(&rows[1])
    );
    assert!(text(&rows[0]).contains("Menunggu sinkron"));
    assert!(text(&rows[0]).contains("Baru"));
    let link = one(&rows[1], "a").unwrap();
    assert_eq!(link.get_attribute("href").unwrap(), "/usulan/0002");
    let count = one(&host, "#usulan-counts button[data-status=\"submitted\"]").unwrap();
    assert_eq!(count.get_attribute("data-count").as_deref(), Some("1"));

    // A count filters the list; the search narrows it.
    count.click();
    let rows = eventually(Duration::from_secs(2), || {
        let r = all(&host, "#usulan-table tbody tr");
        (r.len() == 1).then_some(r)
    })
    .await
    .expect("filtered by status");
    assert_eq!(
        rows[0].get_attribute("data-status").as_deref(),
        Some("submitted")
    );
    let search: web_sys::HtmlInputElement = one(&host, "#usulan-search").unwrap().unchecked_into();
    search.set_value("tidak ada orang ini");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    eventually(Duration::from_secs(2), || one(&host, "#usulan-empty"))
        .await
        .expect("nothing matches");
}

#[wasm_bindgen_test]
async fn the_nav_badge_counts_proposals_changed_since_seen_for_employees_only() {
    let make = |who: Account| {
        move || {
            provide_context(session(who));
            provide_context(proposals_with(
                vec![
                    item("0001", 1, ProposalStatus::Draft),
                    item("0002", 3, ProposalStatus::Verified),
                    item("0003", 2, ProposalStatus::Submitted),
                ],
                &[("0001", 1), ("0002", 2)],
            ));
            view! { <Nav /> }
        }
    };
    let host = mount(None, make(employee()));
    tick().await;
    let badge = one(&host, "#usulan-badge").expect("a badge for the employee");
    assert_eq!(badge.get_attribute("data-count").as_deref(), Some("2"));
    let usulan = one(&host, "nav a[href=\"/usulan\"]").unwrap();
    assert!(text(&usulan).starts_with("Usulan"));
    let host = mount(None, make(city_planner()));
    tick().await;
    assert!(one(&host, "#usulan-badge").is_none());
}

/// Mounts the detail of `it` as `who`, with the real sync state (offline, so nothing is sent)
/// writing into the app's database.
fn mount_detail(it: Item, who: Account) -> (web_sys::HtmlElement, Proposals) {
    mount_detail_in("id", it, who)
}

/// [`mount_detail`] in the interface language `lang`.
fn mount_detail_in(lang: &str, it: Item, who: Account) -> (web_sys::HtmlElement, Proposals) {
    let slot = std::sync::Arc::new(std::sync::Mutex::new(None));
    let out = slot.clone();
    let id = it.record.id.clone();
    let host = mount_in(lang, Some(small()), move || {
        provide_context(Connectivity {
            browser_online: RwSignal::new(false),
            server_ok: RwSignal::new(Some(false)),
            server_version: RwSignal::new(None),
        });
        mutasi_web::state::cache::provide();
        provide_context(session(who));
        mutasi_web::state::sync::provide();
        let p = proposals_with(vec![it], &[]);
        provide_context(p);
        *out.lock().unwrap() = Some(p);
        view! { <ProposalView id /> }
    });
    let p = slot.lock().unwrap().take().unwrap();
    (host, p)
}

/// A submitted proposal (version 2) with a fresh id, stored in the app's database as pulled.
async fn submitted_on_device() -> (String, Item) {
    let id = format!("p-{}", js_sys::Math::random());
    let it = item(&id, 2, ProposalStatus::Submitted);
    let db = store::open(store::DB_NAME).await.unwrap();
    records::put_page(&db, std::slice::from_ref(&it.record), None)
        .await
        .unwrap();
    db.close();
    (id, it)
}

/// The ops in the app's outbox for proposal `id`, once there are any (waits up to 2 s).
async fn queued_for(id: &str) -> Vec<Op> {
    for _ in 0..100 {
        let db = store::open(store::DB_NAME).await.unwrap();
        let ops: Vec<Op> = outbox::pending(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|(_, e)| e.op)
            .filter(|op| op.change.target().1 == id)
            .collect();
        db.close();
        if !ops.is_empty() {
            return ops;
        }
        gloo_timers::future::sleep(Duration::from_millis(20)).await;
    }
    Vec::new()
}

#[wasm_bindgen_test]
async fn the_detail_shows_the_history_and_records_a_step_in_the_outbox() {
    let (id, it) = submitted_on_device().await;
    let (host, proposals) = mount_detail(it, city_planner());
    tick().await;
    let status = one(&host, "#usulan-status").unwrap();
    assert_eq!(
        status.get_attribute("data-status").as_deref(),
        Some("submitted")
    );
    assert_eq!(all(&host, "#usulan-history li").len(), 2);
    let last = text(&one(&host, "#usulan-history li").unwrap());
    assert!(
        last.contains("Diajukan") && last.contains("(Pegawai)"),
        "{last}"
    );
    assert!(!last.contains("Submitted"), "one language: {last}");
    assert_eq!(
        text(&one(&host, "#action-check-complete").unwrap()),
        "Berkas lengkap"
    );
    assert!(text(&one(&host, "#usulan-to").unwrap()).contains(" — "));
    // Opening it marks it seen.
    assert_eq!(proposals.seen.get_untracked().get(&id), Some(&2));
    let buttons: Vec<String> = all(&host, "#action-panel button")
        .iter()
        .map(|b| b.id())
        .collect();
    assert_eq!(
        buttons,
        [
            "action-check-complete",
            "action-check-revise",
            "action-check-incomplete"
        ]
    );

    // The notes box stops at the core's limit.
    assert_eq!(
        one(&host, "#action-reason")
            .unwrap()
            .get_attribute("maxlength")
            .as_deref(),
        Some("2000")
    );
    // Returning the file needs a reason: nothing is recorded without one.
    one(&host, "#action-check-revise").unwrap().click();
    tick().await;
    let error = text(&one(&host, "#action-error").unwrap());
    assert!(error.contains("minimal 10"), "{error}");
    assert!(!error.contains("at least"), "one language: {error}");

    one(&host, "#action-check-complete").unwrap().click();
    let op = queued_for(&id)
        .await
        .pop()
        .expect("the step is in the outbox");
    assert_eq!(op.base_version, 2);
    assert_eq!(
        op.change,
        Change::CheckFile {
            proposal: id.clone(),
            result: FileCheck::Complete
        }
    );
    let db = store::open(store::DB_NAME).await.unwrap();
    let local = records::get(&db, RecordKind::Proposal, &id)
        .await
        .unwrap()
        .unwrap();
    db.close();
    assert_eq!(local.version, 3);
    assert_eq!(local.data["status"], "verified");
    // The page follows the local copy and says it waits for the sync.
    eventually(Duration::from_secs(5), || {
        let s = one(&host, "#usulan-status")?;
        (s.get_attribute("data-status")? == "verified").then_some(())
    })
    .await
    .expect("the optimistic status is shown");
    assert!(one(&host, "#usulan-pending").is_some());
    assert_eq!(
        proposals.seen.get_untracked().get(&id),
        Some(&3),
        "my own step is not news"
    );
    // The BKPSDM desk has nothing more to do at this stage.
    eventually(Duration::from_secs(2), || one(&host, "#action-none"))
        .await
        .expect("no step left for this account");
    // The step's outcome outlives the redraw: saved, and the earlier refusal is gone.
    let saved = text(&one(&host, "#action-status").expect("the outcome is still shown"));
    assert!(saved.contains("Tersimpan di perangkat ini"), "{saved}");
    assert_eq!(text(&one(&host, "#action-error").unwrap()), "");
    // Focus follows the outcome (the step's button is gone), so it is read out and seen.
    let focused = eventually(Duration::from_secs(3), || {
        let el = pages_support::document().active_element()?;
        (el.id() == "action-status" && host.contains(Some(&el))).then_some(el)
    })
    .await
    .expect("focus on the saved message");
    assert_eq!(focused.get_attribute("tabindex").as_deref(), Some("-1"));
    assert!(focused.text_content().unwrap().contains("Tersimpan"));
}

#[wasm_bindgen_test]
async fn the_reviewer_is_told_why_the_decision_belongs_to_another_account() {
    // Issue 20 #11: the Baperjakat reviewer saw "Tidak ada langkah untuk akun Anda".
    let it = item("p-four-eyes", 3, ProposalStatus::Recommended);
    let (host, _) = mount_detail(it.clone(), approver());
    tick().await;
    assert!(one(&host, "#action-approve").is_none());
    let none = one(&host, "#action-none").expect("the panel says why");
    assert_eq!(
        text(&none),
        "Langkah berikutnya harus diambil oleh akun lain: Anda sudah memberi pertimbangan \
         Baperjakat atas usulan ini, dan keputusan PPK tidak boleh dari akun yang sama (prinsip \
         empat mata)."
    );
    assert_eq!(
        none.get_attribute("data-four-eyes").as_deref(),
        Some("true")
    );
    let (host, _) = mount_detail_in("en", it.clone(), approver());
    tick().await;
    assert!(text(&one(&host, "#action-none").unwrap()).starts_with(
        "The next step must be taken by another account: you recorded the Baperjakat"
    ));
    // Another approver decides; a desk with nothing to do at this stage hears the plain words.
    let (host, _) = mount_detail(it.clone(), ppk());
    tick().await;
    assert!(one(&host, "#action-approve").is_some());
    let (host, _) = mount_detail(it, city_planner());
    tick().await;
    let none = one(&host, "#action-none").unwrap();
    assert_eq!(
        text(&none),
        "Tidak ada langkah untuk akun Anda pada tahap ini."
    );
    assert_eq!(
        none.get_attribute("data-four-eyes").as_deref(),
        Some("false")
    );
}

/// Types `value` into the textarea or input `selector` of `host`, as the user would.
fn type_into(host: &web_sys::HtmlElement, selector: &str, value: &str) {
    let el = one(host, selector).unwrap();
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_step_that_closes_the_proposal_asks_once_more() {
    let (id, it) = submitted_on_device().await;
    let (host, _) = mount_detail(it, city_planner());
    tick().await;

    // Its inputs are checked first: no question without the notes it needs.
    one(&host, "#action-check-incomplete").unwrap().click();
    tick().await;
    assert!(text(&one(&host, "#action-error").unwrap()).contains("minimal 10"));
    assert!(one(&host, "#action-confirm").is_none());

    // With notes, a click asks, naming the step; a double tap only asks; "Batal" records
    // nothing.
    type_into(&host, "#action-reason", "Ijazah dan SK terakhir tidak ada");
    one(&host, "#action-check-incomplete").unwrap().click();
    tick().await;
    one(&host, "#action-check-incomplete").unwrap().click();
    tick().await;
    let ask = text(&one(&host, "#action-confirm-text").expect("the panel asks once more"));
    assert!(
        ask.contains("tidak dapat diurungkan") && ask.contains("Berkas tidak lengkap"),
        "{ask}"
    );
    assert_eq!(text(&one(&host, "#action-error").unwrap()), "");
    one(&host, "#action-confirm-no").unwrap().click();
    tick().await;
    assert!(one(&host, "#action-confirm").is_none());
    assert!(
        queued_for(&id).await.is_empty(),
        "cancelled: nothing queued"
    );

    // A step that does not close the proposal is taken at once (no question).
    assert!(!Action::CheckFile(FileCheck::Revise).closes(ProposalStatus::Submitted));
    assert!(Action::Decide(ProposalStatus::Rejected).closes(ProposalStatus::Recommended));
    assert!(Action::Inaugurate.closes(ProposalStatus::SkIssued));
    assert!(!Action::Decide(ProposalStatus::Approved).closes(ProposalStatus::Recommended));

    // Asked again and confirmed: one op, the file check "incomplete".
    one(&host, "#action-check-incomplete").unwrap().click();
    tick().await;
    one(&host, "#action-confirm-yes").unwrap().click();
    let queued = queued_for(&id).await;
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert_eq!(
        queued[0].change,
        Change::CheckFile {
            proposal: id.clone(),
            result: FileCheck::Incomplete
        }
    );
    assert_eq!(
        queued[0].reason.as_deref(),
        Some("Ijazah dan SK terakhir tidak ada")
    );
}

#[wasm_bindgen_test]
fn an_employee_request_is_an_own_request_draft_checked_by_the_rules() {
    use mutasi_web::pages::usulan::request::own_request;
    let ds = small();
    let nip = Nip::parse(nips::GURU_PLT).unwrap();
    let tmt = chrono::NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
    let reason = "Permohonan sendiri: dekat dengan keluarga";
    let slots: Vec<SlotId> = ds.slots().iter().map(|s| s.id.clone()).collect();
    let made: Vec<_> = slots
        .iter()
        .filter_map(|s| own_request(&ds, &employee(), s, tmt, reason, true, at()).ok())
        .collect();
    assert!(
        !made.is_empty() && made.len() < slots.len(),
        "some posts allowed, some blocked"
    );
    for (op, local) in &made {
        assert_eq!(op.base_version, 0);
        let Change::ProposeMove { source, nip: n, .. } = &op.change else {
            panic!("a draft is a propose_move: {op:?}");
        };
        assert_eq!((*source, n), (ProposalSource::OwnRequest, &nip));
        let p: Proposal = serde_json::from_value(local.data.clone()).unwrap();
        assert_eq!(
            (local.version, p.status, p.source),
            (1, ProposalStatus::Draft, ProposalSource::OwnRequest)
        );
        assert_eq!(op.change.target().1, local.id);
    }
    // Every move states its reason, said in each language.
    let short = own_request(&ds, &employee(), &slots[0], tmt, "pendek", true, at()).unwrap_err();
    assert_eq!(short.len(), 1);
    assert!(short[0].id.contains("minimal 10"), "{}", short[0]);
    assert!(short[0].en.contains("at least 10"), "{}", short[0]);
    // A soft rule needs the written override: refused without it, drafted with it (here the
    // submission window, with a TMT in May; the teacher's other soft cases are hard rules now).
    let may = chrono::NaiveDate::from_ymd_opt(2027, 5, 3).unwrap();
    let soft = slots
        .iter()
        .find_map(|s| {
            own_request(&ds, &employee(), s, may, reason, true, at()).ok()?;
            own_request(&ds, &employee(), s, may, reason, false, at()).err()
        })
        .expect("a post that needs an override");
    assert!(
        soft[0].id.starts_with("Perlu pengecualian aturan: ")
            && soft[0].en.starts_with("Needs a rule override: "),
        "{}",
        soft[0]
    );
}

#[wasm_bindgen_test]
async fn the_list_and_the_detail_speak_english_when_chosen() {
    let items = vec![
        item("0001", 1, ProposalStatus::Draft),
        item("0002", 3, ProposalStatus::Verified),
    ];
    let host = mount_en(Some(small()), move || {
        provide_context(session(employee()));
        let p = proposals_with(items, &[("0001", 1)]);
        provide_context(p);
        p.pending.set(BTreeSet::from(["0002".to_string()]));
        view! { <ProposalList /> }
    });
    tick().await;
    let h2 = text(&one(&host, "h2").unwrap());
    assert_eq!(h2, "My proposals");
    let page = text(&host);
    assert!(!page.contains("Usulan saya"), "{page}");
    assert!(page.contains("Search name, NIP or unit"), "{page}");
    let row = one(&host, "#usulan-table tr[data-id=\"0002\"]").unwrap();
    let row = text(&row);
    assert!(
        row.contains("Verified") && row.contains("New") && row.contains("Waiting to sync"),
        "{row}"
    );
    assert!(!row.contains("Berkas lengkap"), "{row}");
    let heads: Vec<String> = all(&host, "#usulan-table thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(heads, ["Employee", "To", "TMT", "Status"]);

    // The detail, its history and its panel, refusals included.
    let id = format!("p-en-{}", js_sys::Math::random());
    let (host, _) = mount_detail_in(
        "en",
        item(&id, 2, ProposalStatus::Submitted),
        city_planner(),
    );
    tick().await;
    assert_eq!(text(&one(&host, "#usulan-status").unwrap()), "Submitted");
    let facts = text(&one(&host, ".usulan-facts").unwrap());
    assert!(
        facts.contains("Employee") && facts.contains("Own request"),
        "{facts}"
    );
    assert!(!facts.contains("Pegawai"), "{facts}");
    let last = text(&one(&host, "#usulan-history li").unwrap());
    assert!(
        last.contains("Submitted") && last.contains("Notes:"),
        "{last}"
    );
    assert!(!last.contains("Diajukan"), "{last}");
    assert_eq!(text(&one(&host, "#action-h").unwrap()), "Next step");
    assert_eq!(
        text(&one(&host, "#action-check-revise").unwrap()),
        "Return for revision"
    );
    one(&host, "#action-check-revise").unwrap().click();
    let error = eventually(Duration::from_secs(2), || {
        let t = text(&one(&host, "#action-error")?);
        (!t.is_empty()).then_some(t)
    })
    .await
    .expect("the refusal is shown");
    assert!(error.contains("at least 10"), "{error}");
    assert!(!error.contains("minimal"), "{error}");
}

#[wasm_bindgen_test]
fn the_decision_page_shows_the_retirement_warning_the_fit_and_the_chain() {
    // Issue 20 #3: the PPK approved a teacher retiring in 8 months without seeing it. The
    // principal of the fixture (born November 1966, BUP 60) retires on 1 December 2026; a move
    // on 1 June 2026 is six months before.
    let mut it = item("p-retire", 3, ProposalStatus::Recommended);
    it.proposal.nip = Nip::parse(nips::KEPSEK).unwrap();
    it.proposal.tmt = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    it.record.data = serde_json::to_value(&it.proposal).unwrap();
    let (host, _) = mount_detail(it, ppk());
    let pack = text(&one(&host, "#usulan-pack").expect("a decision pack"));
    assert!(pack.contains("Bahan keputusan"), "{pack}");
    let rules = text(&one(&host, "#usulan-rules").expect("the rules that need attention"));
    assert!(rules.contains("Menjelang pensiun"), "{rules}");
    assert!(rules.contains("Pensiun 6 bulan lagi"), "{rules}");
    let retires = text(&one(&host, "#usulan-retires").unwrap());
    assert!(retires.contains("1 Desember 2026"), "{retires}");
    assert!(retires.contains("6 bulan"), "{retires}");
    // The fit and each of its parts with its weight.
    assert_eq!(
        all(&host, "#usulan-fit tbody tr").len(),
        mutasi_core::fit::Component::ALL.len()
    );
    // Weights are shares of 100 (the default JPM weight is 30 of 100: "30%", not "3.000%").
    let weights: Vec<f64> = all(&host, "#usulan-fit tbody tr td:nth-of-type(2)")
        .iter()
        .map(|td| {
            text(td)
                .trim_end_matches('%')
                .replace(',', ".")
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(weights[0], 30.0, "{weights:?}");
    assert!(
        (weights.iter().sum::<f64>() - 100.0).abs() < 1.5,
        "{weights:?}"
    );
    // The chain says whether the move waits for the target's holder.
    let ds = small();
    let vacant = ds
        .slot_idx(&SlotId::new(TARGET).unwrap())
        .is_some_and(|s| ds.slot_holder(s).is_none());
    let chain = text(&one(&host, "#usulan-chain").unwrap());
    let expected = if vacant {
        "Jabatan tujuan kosong"
    } else {
        "masih dijabat"
    };
    assert!(chain.contains(expected), "{chain}");
}

/// Baperjakat's queue: every proposal waiting for its review in one table with the pack's facts;
/// two chosen at once, asked once more naming how many, then one op each in the outbox.
#[wasm_bindgen_test]
async fn the_queue_decides_several_proposals_at_once() {
    use mutasi_web::pages::usulan::queue::DecisionQueue;
    let db = store::open(store::DB_NAME).await.unwrap();
    let ids: Vec<String> = (0..2)
        .map(|_| format!("q-{}", js_sys::Math::random()))
        .collect();
    let items: Vec<Item> = ids
        .iter()
        .map(|id| item(id, 3, ProposalStatus::Verified))
        .collect();
    let records: Vec<Record> = items.iter().map(|i| i.record.clone()).collect();
    records::put_page(&db, &records, None).await.unwrap();
    db.close();
    // After a reload the page is drawn before the session is restored.
    let restoring = session(approver());
    let login = restoring.login;
    let saved = login.get_untracked();
    login.set(None);
    let host = mount(Some(small()), move || {
        provide_context(Connectivity {
            browser_online: RwSignal::new(false),
            server_ok: RwSignal::new(Some(false)),
            server_version: RwSignal::new(None),
        });
        mutasi_web::state::cache::provide();
        provide_context(restoring);
        mutasi_web::state::sync::provide();
        provide_context(proposals_with(items, &[]));
        view! { <DecisionQueue /> }
    });
    tick().await;
    assert!(one(&host, "#queue").is_none(), "nothing before the session");
    login.set(saved);
    let rows = eventually(Duration::from_secs(5), || {
        let r = all(&host, "#queue-table tbody tr");
        (r.len() == 2).then_some(r)
    })
    .await
    .expect("two proposals wait for the review");
    assert_eq!(
        text(&one(&host, "#queue-h").unwrap()),
        "Antrean keputusan Anda: 2 usulan"
    );
    for row in &rows {
        let t = text(row);
        // The one verdict, the fit, and the retirement date with the time left.
        assert!(one(row, ".standing").is_some(), "{t}");
        assert!(t.contains("Boleh"), "{t}");
        assert!(
            !text(&one(row, ".queue-retires").unwrap()).is_empty(),
            "{t}"
        );
    }
    // Nothing chosen: no step offered.
    assert!(one(&host, "#queue-recommend").is_none());
    let all_box: web_sys::HtmlInputElement = one(&host, "#queue-all").unwrap().unchecked_into();
    all_box.click();
    let recommend = eventually(Duration::from_secs(2), || one(&host, "#queue-recommend"))
        .await
        .expect("the common step is offered");
    assert_eq!(
        text(&one(&host, "#queue-chosen").unwrap()),
        "2 usulan dipilih"
    );
    // A review needs notes: said before anything is asked or recorded.
    recommend.click();
    tick().await;
    let error = text(&one(&host, "#queue-failed").unwrap());
    assert!(error.contains("minimal 10"), "{error}");
    assert!(one(&host, "#queue-confirm").is_none());
    let notes: web_sys::HtmlTextAreaElement = one(&host, "#queue-reason").unwrap().unchecked_into();
    notes.set_value("Sesuai kebutuhan sekolah dan hasil uji kompetensi");
    notes
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    recommend.click();
    tick().await;
    let q = text(&one(&host, "#queue-confirm-q").unwrap());
    assert!(q.contains("2 usulan sekaligus"), "{q}");
    // Nothing is recorded before the answer.
    assert!(queued_for(&ids[0]).await.is_empty());
    one(&host, "#queue-confirm-yes").unwrap().click();
    let done = eventually(Duration::from_secs(5), || one(&host, "#queue-done"))
        .await
        .expect("the outcome is shown");
    assert_eq!(text(&done), "2 usulan tercatat.");
    for id in &ids {
        let op = queued_for(id).await.pop().expect("one op per proposal");
        assert_eq!(op.base_version, 3);
        assert!(
            matches!(
                op.change,
                Change::ReviewProposal {
                    recommend: true,
                    ..
                }
            ),
            "{:?}",
            op.change
        );
    }
}
