use super::*;
use crate::fixture::{nips, small};
use crate::wire::auth::Role;
use crate::wire::sync::{ProposalEvent, ProposalSource, SkRef};
use crate::workflow::inaugurate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn nip(s: &str) -> Nip {
    Nip::parse(s).unwrap()
}

fn sid(s: &str) -> SlotId {
    SlotId::new(s).unwrap()
}

/// `ds` with `who` inaugurated into `to` on `on`, as the server writes it.
fn inaugurated(ds: &Dataset, who: &str, to: &str, on: NaiveDate) -> Dataset {
    let e = ds.employee(&nip(who)).unwrap();
    let from = ds
        .employee_idx(&e.nip)
        .and_then(|i| ds.employee_slot(i))
        .map(|s| &ds.slots()[s as usize]);
    let rec = inaugurate(ds, e, from, ds.slot(&sid(to)).unwrap(), on).unwrap();
    let mut parts = ds.parts().clone();
    rec.apply(&mut parts);
    Dataset::new(parts).unwrap()
}

/// An inaugurated proposal, accepted by the server at `at`.
fn done(id: &str, who: &str, to: &str, on: NaiveDate, at: &str, sk: &str) -> Proposal {
    Proposal {
        id: id.into(),
        nip: nip(who),
        slot: sid(to),
        tmt: on,
        reason: "pemenuhan kebutuhan organisasi".into(),
        overrides: Vec::new(),
        status: ProposalStatus::Inaugurated,
        source: ProposalSource::Planner,
        proposed_by: "disdik".into(),
        decided_by: Some("ppk".into()),
        sk: Some(SkRef {
            number: sk.into(),
            date: on,
        }),
        inaugurated_on: Some(on),
        history: vec![ProposalEvent {
            action: "inaugurate".into(),
            from: Some(ProposalStatus::SkIssued),
            to: ProposalStatus::Inaugurated,
            by: "bkpsdm".into(),
            role: Role::Planner,
            at: at.into(),
            reason: None,
        }],
    }
}

/// A vacancy chain on one day: GURU_PLT leaves SDN-001/GURU-1 for the bidang, then PPPK
/// takes her seat. Undoing must go latest first (by the server's time), or GURU_PLT would be
/// put back into the other, identical seat GURU-2.
#[test]
fn reconstruct_undoes_a_vacancy_chain_exactly() {
    let original = small();
    let on = d(2027, 4, 1);
    let mid = inaugurated(&original, nips::GURU_PLT, "DISDIK-SD/KABID", on);
    let after = inaugurated(&mid, nips::PPPK, "SDN-001/GURU-1", on);
    assert_ne!(after.parts().slots, original.parts().slots);
    let a = done(
        "p-a",
        nips::GURU_PLT,
        "DISDIK-SD/KABID",
        on,
        "2027-04-01T08:00:00Z",
        "1",
    );
    let b = done(
        "p-b",
        nips::PPPK,
        "SDN-001/GURU-1",
        on,
        "2027-04-01T09:30:00Z",
        "1",
    );
    // Given in the wrong order, and with a proposal that is not inaugurated.
    let mut pending = a.clone();
    pending.id = "p-pending".into();
    pending.status = ProposalStatus::SkIssued;
    let list = [b.clone(), pending, a.clone()];
    let r = reconstruct_before(&after, &list).unwrap();
    assert!(r.not_undone.is_empty(), "{:?}", r.not_undone);
    assert_eq!(r.before.parts().employees, original.parts().employees);
    assert_eq!(r.before.parts().slots, original.parts().slots);
    assert_eq!(r.moves, moves_made(&original, &[a, b]));
    assert_eq!(r.moves[0].from, Some(sid("SDN-001/GURU-1")));
    assert_eq!(r.moves[1].from, Some(sid("SDN-002/GURU-1")));
    // The report from the rebuilt city is the report from the real one.
    let rules = original.rules();
    assert_eq!(
        impact(&r.before, &r.moves, &after, rules),
        impact(&original, &r.moves, &after, rules)
    );
}

#[test]
fn an_inauguration_not_in_the_data_is_reported_and_left_out() {
    let original = small();
    let on = d(2027, 4, 1);
    // The proposal says inaugurated, but the device has not pulled the moved records yet.
    let p = done("p-a", nips::GURU_PLT, "DISDIK-SD/KABID", on, "", "1");
    let r = reconstruct_before(&original, &[p]).unwrap();
    assert!(r.moves.is_empty());
    assert_eq!(r.not_undone.len(), 1);
    assert_eq!(r.not_undone[0].proposal, "p-a");
    assert!(
        r.not_undone[0].why.text().en.contains("not synced"),
        "{:?}",
        r.not_undone
    );
    assert_eq!(r.before.parts().slots, original.parts().slots);
    // Moved again after the inauguration: the first move is not undone either.
    let after = inaugurated(&original, nips::GURU_PLT, "DISDIK-SD/KABID", on);
    let again = inaugurated(&after, nips::GURU_PLT, "SDN-001/GURU-2", d(2027, 9, 1));
    let r = reconstruct_before(
        &again,
        &[done("p-a", nips::GURU_PLT, "DISDIK-SD/KABID", on, "", "1")],
    )
    .unwrap();
    assert!(r.moves.is_empty());
    assert_eq!(r.not_undone.len(), 1);
}

/// Into the seat she held as Plt: the Plt is not restored (nothing records it), and the
/// report does not depend on it.
#[test]
fn a_plt_replaced_by_the_inauguration_does_not_change_the_report() {
    let original = small();
    let on = d(2027, 4, 1);
    let after = inaugurated(&original, nips::GURU_PLT, "SDN-001/KEPSEK", on);
    let p = done("p", nips::GURU_PLT, "SDN-001/KEPSEK", on, "", "1");
    let r = reconstruct_before(&after, std::slice::from_ref(&p)).unwrap();
    assert_eq!(r.before.parts().employees, original.parts().employees);
    let kepsek = r.before.slot(&sid("SDN-001/KEPSEK")).unwrap();
    assert_eq!(kepsek.holder, None, "the Plt is not known any more");
    let rules = original.rules();
    let want = impact(&original, &moves_made(&original, &[p]), &after, rules);
    assert_eq!(impact(&r.before, &r.moves, &after, rules), want);
    assert_eq!(want.units[0].before.bezetting, 1);
}

#[test]
fn rounds_are_compared_with_the_city_just_before_them() {
    let original = small();
    let (on_a, on_b) = (d(2027, 4, 1), d(2027, 10, 1));
    let mid = inaugurated(&original, nips::GURU_PLT, "DISDIK-SD/KABID", on_a);
    let after = inaugurated(&mid, nips::PPPK, "SDN-001/GURU-1", on_b);
    let a = done(
        "p-a",
        nips::GURU_PLT,
        "DISDIK-SD/KABID",
        on_a,
        "",
        "821.2/001/BKPSDM-III/2027",
    );
    let b = done(
        "p-b",
        nips::PPPK,
        "SDN-001/GURU-1",
        on_b,
        "",
        "821.2/002/BKPSDM-III/2027",
    );
    let rules = original.rules();
    let by_sk = |p: &Proposal| p.sk.as_ref().map(|s| s.number.clone());
    let rounds = impact_by_round(&after, &[b.clone(), a.clone()], rules, by_sk).unwrap();
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0].key.as_deref(), Some("821.2/001/BKPSDM-III/2027"));
    assert_eq!(rounds[0].proposals, vec!["p-a".to_string()]);
    assert_eq!((rounds[0].first, rounds[0].last), (on_a, on_a));
    let a_moves = moves_made(&original, std::slice::from_ref(&a));
    assert_eq!(rounds[0].report, impact(&original, &a_moves, &mid, rules));
    let b_moves = moves_made(&mid, std::slice::from_ref(&b));
    assert_eq!(rounds[1].report, impact(&mid, &b_moves, &after, rules));
    // SDN-001 lost a guru in round 1 and got one back in round 2.
    let school = |r: &RoundImpact<Option<String>>| {
        r.report
            .units
            .iter()
            .find(|u| u.unit.as_str() == "SDN-001")
            .map(|u| (u.before.bezetting, u.after.bezetting))
    };
    assert_eq!(school(&rounds[0]), Some((1, 0)));
    assert_eq!(school(&rounds[1]), Some((0, 1)));
    // One round for both (by year): compared with the original city.
    let all = impact_by_round(&after, &[a.clone(), b.clone()], rules, |_| ()).unwrap();
    assert_eq!(all.len(), 1);
    let moves = moves_made(&original, &[a, b]);
    assert_eq!(all[0].report, impact(&original, &moves, &after, rules));
}
