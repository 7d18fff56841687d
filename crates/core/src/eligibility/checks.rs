//! The rule checks behind [`eligibility`], one function per rule.

use super::verdict::{Outcome, RuleId, Verdict, Verdicts};
use super::{hard, school, soft};
use crate::model::*;
use crate::rules::RuleSet;
use crate::text::Text;
use crate::Dataset;
use chrono::NaiveDate;

/// Everything a check needs.
pub(super) struct Ctx<'a> {
    pub(super) ds: &'a Dataset,
    pub(super) e: EmployeeIdx,
    pub(super) emp: &'a Employee,
    pub(super) s: SlotIdx,
    pub(super) pos: &'a Position,
    pub(super) date: NaiveDate,
    pub(super) rules: &'a RuleSet,
}

pub(super) struct Out(pub(super) Vec<Verdict>);

impl Out {
    pub(super) fn push(
        &mut self,
        rule: RuleId,
        outcome: Outcome,
        id: String,
        en: String,
        unblocked_on: Option<NaiveDate>,
    ) {
        self.0.push(Verdict {
            rule,
            severity: rule.severity(),
            outcome,
            regulation: rule.regulation().to_string(),
            reason: Text::new(id, en),
            unblocked_on: if outcome == Outcome::Fail {
                unblocked_on
            } else {
                None
            },
        });
    }
    pub(super) fn pass(&mut self, rule: RuleId, id: String, en: String) {
        self.push(rule, Outcome::Pass, id, en, None);
    }
}

/// Every rule's verdict for moving employee `e` into slot `s`, effective on `date`.
pub fn eligibility(
    ds: &Dataset,
    e: EmployeeIdx,
    s: SlotIdx,
    date: NaiveDate,
    rules: &RuleSet,
) -> Verdicts {
    if ds.employee_slot(e) == Some(s) {
        return Verdicts {
            stay: true,
            items: Vec::new(),
        };
    }
    let c = Ctx {
        ds,
        e,
        emp: &ds.employees()[e as usize],
        s,
        pos: ds.slot_position(s),
        date,
        rules,
    };
    let mut o = Out(Vec::with_capacity(RuleId::ALL.len()));
    hard::sanction(&c, &mut o);
    hard::cpns(&c, &mut o);
    hard::tenure(&c, &mut o);
    hard::retirement(&c, &mut o);
    hard::contract(&c, &mut o);
    hard::rank(&c, &mut o);
    hard::education(&c, &mut o);
    hard::pppk(&c, &mut o);
    hard::major(&c, &mut o);
    hard::jpt_protection(&c, &mut o);
    hard::regional_head(&c, &mut o);
    hard::election(&c, &mut o);
    school::subject(&c, &mut o);
    school::principal(&c, &mut o);
    school::end(&c, &mut o);
    school::allowance(&c, &mut o);
    soft::selective(&c, &mut o);
    soft::diklat(&c, &mut o);
    soft::window(&c, &mut o);
    soft::competency(&c, &mut o);
    soft::experience(&c, &mut o);
    soft::occupied(&c, &mut o);
    o.0.sort_by_key(|v| v.rule);
    Verdicts {
        stay: false,
        items: o.0,
    }
}

pub(super) fn day_after(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}
