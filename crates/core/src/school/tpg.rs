//! The professional allowance (tunjangan profesi guru, TPG) in a post: it needs a teaching
//! certificate with an NRG, teaching that matches the certificate and at least 24 JP a week
//! (PP 74/2008 jo. PP 19/2017 Pasal 15 and Pasal 52); a principal keeps it with any certificate,
//! the assignment being the workload. [`allowance_in`] says what a post means for it.

use super::need::{holders, hours_each};
use crate::model::{EmployeeIdx, SlotIdx, Subject};
use crate::Dataset;
use serde::{Deserialize, Serialize};

/// The allowance in one post.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Allowance {
    /// The subject the certificate is for, if the teacher has one (with an NRG).
    pub certificate: Option<Subject>,
    /// What the post teaches (None for a principal post or a post outside teaching).
    pub teaches: Option<Subject>,
    /// A principal post (the assignment counts as the workload).
    pub principal: bool,
    /// Weekly JP in the post, where the school's size is known.
    pub hours: Option<f64>,
    /// The allowance is paid in this post.
    pub eligible: bool,
}

impl Allowance {
    /// The certificate covers the post (any certificate for a principal).
    pub fn matches(&self) -> bool {
        self.certificate.is_some() && (self.principal || self.certificate == self.teaches)
    }
}

/// The allowance of employee `e` in slot `s`: their own post (`arriving` false) or a post they
/// would join (`arriving` true: in an open seat the subject's hours are shared with one more
/// teacher, in a held seat with the same number, its holder leaving).
pub fn allowance_in(ds: &Dataset, e: EmployeeIdx, s: SlotIdx, arriving: bool) -> Allowance {
    let emp = &ds.employees()[e as usize];
    let rules = ds.rules();
    let pos = ds.slot_position(s);
    let certificate = emp
        .teacher
        .as_ref()
        .filter(|t| t.nrg.is_some())
        .and_then(|t| t.certificate.as_ref())
        .map(|c| c.subject);
    let principal = pos.is_principal();
    let teaches = pos.subject;
    let unit = ds.slot_unit_idx(s);
    let hours = teaches.and_then(|subject| {
        let recorded = emp.teacher.as_ref().map_or(0, |t| t.hours);
        if !arriving && recorded > 0 {
            return Some(recorded as f64);
        }
        // Arriving in a seat its holder leaves replaces that teacher; an open seat adds one.
        let adds = arriving && ds.slots()[s as usize].is_open();
        let n = holders(ds, unit, subject) + adds as u32;
        hours_each(ds, unit, subject, n)
    });
    let mut a = Allowance {
        certificate,
        teaches,
        principal,
        hours,
        eligible: false,
    };
    let min = rules.schools.tpg_min_hours as f64;
    a.eligible = a.matches() && (principal || hours.is_some_and(|h| h + 1e-9 >= min));
    a
}
