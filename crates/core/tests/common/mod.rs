//! Shared helpers of the eligibility table tests: a [`Case`] names the employee, slot, date,
//! rule tweak, expected outcome, regulation, reason fragments and unblock date.
#![allow(dead_code)]

use chrono::NaiveDate;
use mutasi_core::eligibility::{eligibility, Outcome, RuleId};
use mutasi_core::fixture::small;
use mutasi_core::model::{Nip, Period, SlotId};
use mutasi_core::RuleSet;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub struct Case {
    pub nip: &'static str,
    pub slot: &'static str,
    pub date: &'static str,
    pub rules: fn(&mut RuleSet),
    pub rule: RuleId,
    pub outcome: Outcome,
    pub regulation: &'static str,
    pub id: &'static str,
    pub en: &'static str,
    pub unblocked: Option<&'static str>,
}

pub fn keep(_: &mut RuleSet) {}

pub fn check(c: &Case) {
    let ds = small();
    let mut rules = RuleSet::default();
    (c.rules)(&mut rules);
    let e = ds.employee_idx(&Nip::parse(c.nip).unwrap()).unwrap();
    let s = ds.slot_idx(&SlotId::new(c.slot).unwrap()).unwrap();
    let v = eligibility(&ds, e, s, d(c.date), &rules);
    let got = v
        .get(c.rule)
        .unwrap_or_else(|| panic!("{:?} missing for {} → {}", c.rule, c.nip, c.slot));
    let ctx = format!(
        "{:?} {} → {} on {}: {:?}",
        c.rule, c.nip, c.slot, c.date, got
    );
    assert_eq!(got.outcome, c.outcome, "{ctx}");
    assert_eq!(got.severity, c.rule.severity(), "{ctx}");
    assert!(got.regulation.contains(c.regulation), "{ctx}");
    assert!(got.reason.id.contains(c.id), "{ctx}");
    assert!(got.reason.en.contains(c.en), "{ctx}");
    assert_eq!(got.unblocked_on, c.unblocked.map(d), "{ctx}");
    let hard_fail = c.rule.is_hard() && c.outcome == Outcome::Fail;
    if hard_fail {
        assert!(v.is_blocked(), "{ctx}");
    }
}

pub const OCT: &str = "2026-10-15";

pub fn case(
    nip: &'static str,
    slot: &'static str,
    rule: RuleId,
    outcome: Outcome,
    regulation: &'static str,
    id: &'static str,
    en: &'static str,
) -> Case {
    Case {
        nip,
        slot,
        date: OCT,
        rules: keep,
        rule,
        outcome,
        regulation,
        id,
        en,
        unblocked: None,
    }
}

pub fn freeze(r: &mut RuleSet) {
    r.election_freeze =
        vec![Period::new("2026-09-01".parse().unwrap(), "2027-01-31".parse().unwrap()).unwrap()];
}
