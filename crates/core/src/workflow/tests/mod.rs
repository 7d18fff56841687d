//! Unit tests of the workflow: the state machine, the desks, the submission window, the notes,
//! the dates; the records a step writes (SK, inauguration, rule re-check, impact) are in
//! [`records`].

use super::*;
use crate::fixture::{nips, small};
use crate::model::{Period, Predikat, SkpRecord};
use crate::query::AbkClass;
use crate::wire::sync::{Proposal, ProposalSource};
use crate::DatasetParts;
use ProposalStatus::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn nip(s: &str) -> Nip {
    Nip::parse(s).unwrap()
}

fn sid(s: &str) -> SlotId {
    SlotId::new(s).unwrap()
}

/// Every (status, step) pair: exactly the arrows of the diagram are allowed.
#[test]
fn state_machine_allows_exactly_the_workflow_arrows() {
    let steps = [
        Step::Propose,
        Step::Revise,
        Step::Submit,
        Step::CheckFile(FileCheck::Complete),
        Step::CheckFile(FileCheck::Revise),
        Step::CheckFile(FileCheck::Incomplete),
        Step::Review { recommend: true },
        Step::Review { recommend: false },
        Step::Decide(Approved),
        Step::Decide(Rejected),
        Step::Decide(Draft),
        Step::IssueSk,
        Step::Inaugurate,
    ];
    let allowed: Vec<(Option<ProposalStatus>, Step, ProposalStatus)> = vec![
        (None, Step::Propose, Draft),
        (Some(Draft), Step::Revise, Draft),
        (Some(Revise), Step::Revise, Draft),
        (Some(Draft), Step::Submit, Submitted),
        (Some(Revise), Step::Submit, Submitted),
        (
            Some(Submitted),
            Step::CheckFile(FileCheck::Complete),
            Verified,
        ),
        (Some(Submitted), Step::CheckFile(FileCheck::Revise), Revise),
        (
            Some(Submitted),
            Step::CheckFile(FileCheck::Incomplete),
            Incomplete,
        ),
        (
            Some(Verified),
            Step::Review { recommend: true },
            Recommended,
        ),
        (
            Some(Verified),
            Step::Review { recommend: false },
            NotRecommended,
        ),
        (Some(Recommended), Step::Decide(Approved), Approved),
        (Some(Recommended), Step::Decide(Rejected), Rejected),
        (Some(Approved), Step::IssueSk, SkIssued),
        (Some(SkIssued), Step::Inaugurate, Inaugurated),
    ];
    let froms = std::iter::once(None).chain(ProposalStatus::ALL.into_iter().map(Some));
    let mut n_ok = 0;
    for from in froms {
        for step in steps {
            let want = allowed
                .iter()
                .find(|(f, s, _)| *f == from && *s == step)
                .map(|(_, _, to)| *to);
            let got = transition(from, step);
            assert_eq!(got.as_ref().ok().copied(), want, "{from:?} {step:?}");
            if let Err(e) = got {
                assert!(e.to_string().contains(" / the step "), "bilingual: {e}");
                // Said in people's words: no wire status or Rust name on the Indonesian side.
                let id = e.text().id;
                for s in ProposalStatus::ALL {
                    assert!(!id.contains(s.as_str()), "{id}");
                }
                for rust in ["Decide", "Review", "CheckFile", "Propose", "IssueSk"] {
                    assert!(!id.contains(rust), "{id}");
                }
            } else {
                n_ok += 1;
            }
        }
    }
    assert_eq!(n_ok, allowed.len());
    for s in ProposalStatus::ALL {
        let leaves = steps.iter().any(|st| transition(Some(s), *st).is_ok());
        assert_eq!(!leaves, s.is_final(), "{s}");
    }
}

#[test]
fn desks_map_onto_roles() {
    use Role::*;
    let table = [
        // (desk, employee, planner, city planner, approver, admin)
        (Desk::Proposer, [true, true, true, false, false]),
        (Desk::Bkpsdm, [false, false, true, false, false]),
        (Desk::Baperjakat, [false, false, false, true, false]),
        (Desk::Ppk, [false, false, false, true, false]),
    ];
    for (desk, row) in table {
        let got = [
            desk.admits(Employee, false),
            desk.admits(Planner, false),
            desk.admits(Planner, true),
            desk.admits(Approver, false),
            desk.admits(Admin, false),
        ];
        assert_eq!(got, row, "{desk:?}");
    }
    assert_eq!(Step::IssueSk.desk(), Desk::Bkpsdm);
    assert_eq!(Step::Decide(Approved).desk(), Desk::Ppk);
    assert!(Step::Decide(Rejected).needs_reason() && !Step::Decide(Rejected).rechecks());
    assert!(Step::CheckFile(FileCheck::Revise).needs_reason());
    assert!(!Step::Submit.needs_reason() && Step::Submit.rechecks());
}

#[test]
fn the_next_round_is_the_next_submission_month() {
    let mut rules = RuleSet::default();
    assert_eq!(rules.submission_months, vec![4, 10]);
    let table = [
        (d(2027, 1, 15), d(2027, 4, 1)),
        (d(2027, 4, 1), d(2027, 10, 1)),
        (d(2027, 3, 31), d(2027, 4, 1)),
        (d(2027, 10, 2), d(2028, 4, 1)),
    ];
    for (today, want) in table {
        assert_eq!(next_round(today, &rules), want, "{today}");
    }
    rules.submission_months = vec![2];
    assert_eq!(next_round(d(2027, 2, 10), &rules), d(2028, 2, 1));
    rules.submission_months = Vec::new();
    assert_eq!(next_round(d(2027, 12, 5), &rules), d(2028, 1, 1));
}

#[test]
fn submission_window_follows_the_configured_months() {
    let mut rules = RuleSet::default();
    assert!(submission_window(d(2027, 4, 1), &rules).is_ok());
    assert!(submission_window(d(2027, 10, 31), &rules).is_ok());
    let err = submission_window(d(2026, 11, 29), &rules)
        .unwrap_err()
        .text();
    assert!(
        err.id.contains("bulan 4, 10") && err.id.contains("01-04-2027"),
        "{err}"
    );
    assert!(
        err.en.contains("month 11") && err.en.contains("2027-04-01"),
        "{err}"
    );
    let err = submission_window(d(2027, 5, 2), &rules).unwrap_err().text();
    assert!(err.en.contains("2027-10-01"), "{err}");
    rules.submission_months = vec![11];
    assert!(submission_window(d(2026, 11, 29), &rules).is_ok());
    rules.submission_months = Vec::new();
    assert!(
        submission_window(d(2026, 2, 1), &rules).is_ok(),
        "empty: open all year"
    );
}

#[test]
fn notes_are_a_paragraph_not_a_document() {
    assert!(notes_length("").is_ok());
    assert!(
        notes_length(&"é".repeat(MAX_NOTES_CHARS)).is_ok(),
        "characters, not bytes"
    );
    let err = notes_length(&"x".repeat(MAX_NOTES_CHARS + 1))
        .unwrap_err()
        .text();
    assert_eq!(
        err.id,
        "alasan atau catatan terlalu panjang: 2.001 karakter, maksimal 2.000 karakter"
    );
    assert_eq!(
        err.en,
        "the reason or notes are too long: 2001 characters, at most 2000"
    );
}

#[test]
fn inauguration_is_not_before_the_decree() {
    let sk = Some(d(2027, 3, 10));
    assert!(
        inauguration_date(d(2027, 3, 10), sk).is_ok(),
        "on the SK date"
    );
    assert!(inauguration_date(d(2027, 4, 1), sk).is_ok());
    assert!(
        inauguration_date(d(2020, 1, 1), None).is_ok(),
        "no SK recorded"
    );
    let err = inauguration_date(d(2027, 3, 9), sk).unwrap_err().text();
    assert!(
        err.id.contains("09-03-2027") && err.id.contains("10-03-2027"),
        "{err}"
    );
    assert!(
        err.en.contains("2027-03-09") && err.en.contains("2027-03-10"),
        "{err}"
    );
}

mod records;
mod sk_decree;
