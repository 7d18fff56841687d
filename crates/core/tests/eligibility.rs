//! The rule tables (`eligibility/hard.rs`, `eligibility/soft.rs`: each case names its
//! regulation), their coverage of every rule, overrides, and staying in one's own slot.

mod common;
#[path = "eligibility/hard.rs"]
mod hard;
#[path = "eligibility/soft.rs"]
mod soft;

use std::collections::BTreeSet;

use common::*;
use mutasi_core::eligibility::{eligibility, Override, OverrideError, RuleId, Severity};
use mutasi_core::fixture::{nips::*, small};
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::RuleSet;

#[test]
fn hard_rules() {
    for c in hard::cases() {
        assert_eq!(c.rule.severity(), Severity::Hard, "{:?}", c.rule);
        check(&c);
    }
}

#[test]
fn soft_rules() {
    for c in soft::cases() {
        assert_eq!(c.rule.severity(), Severity::Soft, "{:?}", c.rule);
        check(&c);
    }
}

/// The rules whose cases are in tests/eligibility_school.rs.
const SCHOOL_RULES: [RuleId; 15] = [
    RuleId::SelectionRequired,
    RuleId::ContractEnd,
    RuleId::TeacherSubject,
    RuleId::PrincipalQualification,
    RuleId::PrincipalRank,
    RuleId::PrincipalPerformance,
    RuleId::PrincipalManagerial,
    RuleId::PrincipalDiscipline,
    RuleId::PrincipalAge,
    RuleId::PrincipalPeriods,
    RuleId::PrincipalAtSchool,
    RuleId::PrincipalLevel,
    RuleId::PrincipalEnd,
    RuleId::TeachingCertificate,
    RuleId::TeachingHours,
];

#[test]
fn every_rule_has_a_case_in_the_tables() {
    // The rules the tables cover, read from the tables themselves: a new rule fails here until
    // it gets a case.
    // The education service's rules are checked in tests/eligibility_school.rs, each on a
    // district of schools built for its case.
    let covered: BTreeSet<RuleId> = hard::cases()
        .iter()
        .chain(&soft::cases())
        .map(|c| c.rule)
        .chain(SCHOOL_RULES)
        .collect();
    let missing: Vec<RuleId> = RuleId::ALL
        .into_iter()
        .filter(|r| !covered.contains(r))
        .collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
}

#[test]
fn overrides_refuse_hard_rules_and_empty_reasons() {
    assert_eq!(
        Override::new(RuleId::MinTenure, "Kebutuhan mendesak sekolah").unwrap_err(),
        OverrideError::HardRule(RuleId::MinTenure)
    );
    assert_eq!(
        Override::new(RuleId::RequiredDiklat, "   ").unwrap_err(),
        OverrideError::MissingReason
    );
    // A paragraph at most, like every note: the refusal quotes both lengths.
    match Override::new(RuleId::RequiredDiklat, "Sekolah kosong. ".repeat(130)) {
        Err(OverrideError::LongReason(why)) => {
            assert!(
                why.id.ends_with("2.079 karakter, maksimal 2.000 karakter"),
                "{why}"
            )
        }
        other => panic!("expected a long-reason refusal, got {other:?}"),
    }
    assert!(serde_json::from_str::<Override>(
        r#"{"rule":"ActiveSanction","reason":"cukup panjang sekali"}"#
    )
    .is_err());

    let ds = small();
    let e = ds.employee_idx(&Nip::parse(PEJABAT).unwrap()).unwrap();
    let s = ds
        .slot_idx(&SlotId::new("DISDIK-SD/KABID").unwrap())
        .unwrap();
    let v = eligibility(&ds, e, s, d(OCT), &RuleSet::default());
    assert!(!v.is_blocked());
    let none = v.decide(&[]);
    assert!(!none.allowed);
    assert_eq!(
        none.open,
        vec![RuleId::MajorAccepted, RuleId::RequiredDiklat]
    );
    let ov = [
        Override::new(
            RuleId::MajorAccepted,
            "Pengalaman 9 tahun mengelola pendidikan",
        )
        .unwrap(),
        Override::new(RuleId::RequiredDiklat, "PKA dijadwalkan Januari 2027").unwrap(),
    ];
    assert!(v.decide(&ov).allowed);

    // A hard failure stays whatever the overrides.
    let k = ds.employee_idx(&Nip::parse(KADIS).unwrap()).unwrap();
    let blocked = eligibility(&ds, k, s, d(OCT), &RuleSet::default());
    assert!(blocked.is_blocked());
    assert!(!blocked.decide(&ov).allowed);
    // Rank above the range has no date, so neither has the whole verdict.
    assert_eq!(blocked.unblocked_on(), None);
    let p = ds
        .employee_idx(&Nip::parse(PELAKSANA_BARU).unwrap())
        .unwrap();
    let adm = ds.slot_idx(&SlotId::new("SETDA/ADM-1").unwrap()).unwrap();
    // (Setda is a selective OPD: with the selection as a soft rule only the tenure blocks.)
    let soft_selection = RuleSet {
        selective_opd_hard: false,
        ..RuleSet::default()
    };
    assert_eq!(
        eligibility(&ds, p, adm, d(OCT), &soft_selection).unblocked_on(),
        Some(d("2027-06-01"))
    );
    assert_eq!(
        eligibility(&ds, p, adm, d(OCT), &RuleSet::default()).unblocked_on(),
        None,
        "a selection has no date"
    );
}

#[test]
fn staying_in_ones_own_slot_is_not_a_move() {
    let ds = small();
    let e = ds.employee_idx(&Nip::parse(GURU_PLT).unwrap()).unwrap();
    let s = ds
        .slot_idx(&SlotId::new("SDN-001/GURU-1").unwrap())
        .unwrap();
    let v = eligibility(&ds, e, s, d(OCT), &RuleSet::default());
    assert!(v.stay && v.items.is_empty() && !v.is_blocked());
}
