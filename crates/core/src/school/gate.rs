//! The education service's hard rules precomputed for many pairs at once: [`EduFacts`] per
//! employee and [`EduPost`] per position, so the plan and the city index decide a pair with a
//! few comparisons ([`admits`]). Built from the same functions as the eligibility rules
//! ([`super::candidate`], [`super::assignment`]); the city index's property test checks that
//! the two agree pair by pair. Also [`Selective`], the selective-OPD rule by OPD.

use super::assignment::{at_school_ok, end_ground};
use super::candidate::is_candidate;
use super::service::{at_school, serving_principal, PrincipalService};
use crate::model::{EmployeeIdx, Position, SchoolLevel, SpecialRole};
use crate::rules::RuleSet;
use crate::Dataset;
use chrono::NaiveDate;

/// What the education rules need to know about an employee on a date.
#[derive(Debug, Clone, Default)]
pub struct EduFacts {
    /// Serves as principal (definitively).
    pub serving: bool,
    /// Subjects the teacher may teach (qualification or certificate; else the own post's).
    pub subjects: u32,
    /// The subject of the teaching certificate, as a bit (0: none).
    pub certificate: u32,
    /// The level of the teaching certificate.
    pub certificate_level: Option<SchoolLevel>,
    /// Meets every candidate requirement (for someone not serving as principal).
    pub candidate: bool,
    /// The principal periods allow an assignment on the date.
    pub periods_ok: bool,
    /// A serving principal has been at the school long enough to move to another.
    pub may_leave_school: bool,
    /// A serving principal's assignment may end (a lawful ground holds).
    pub may_end: bool,
    /// Unit indexes where the periods at one school are used up.
    pub full_schools: Vec<u32>,
}

impl EduFacts {
    /// The facts of employee `e` on `date`.
    pub fn new(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Self {
        let emp = &ds.employees()[e as usize];
        let own = ds.employee_slot(e).map(|s| ds.slot_position(s));
        let serving = serving_principal(ds, e).is_some();
        let mut subjects = emp.teacher.as_ref().map_or(0, |t| t.subject_mask());
        if emp.teacher.is_none() {
            subjects |= own.and_then(|p| p.subject).map_or(0, |s| s.bit());
        }
        let cert = emp
            .teacher
            .as_ref()
            .and_then(|t| t.certificate.as_ref())
            .map(|c| c.subject);
        let certificate = cert.map_or(0, |c| c.bit());
        let guru = own.is_some_and(Position::is_guru);
        let been_principal = serving
            || emp
                .history
                .iter()
                .any(|p| p.special == Some(SpecialRole::KepalaSekolah));
        let candidate = guru && !serving && is_candidate(ds, e, date, rules);
        let period_months = rules.schools.period_years as i32 * 12;
        let same_max = rules.schools.periods_same_school as i32 * period_months;
        let mut full_schools = Vec::new();
        if been_principal {
            let mut units: Vec<&crate::model::UnitId> = emp
                .history
                .iter()
                .filter(|p| p.special == Some(SpecialRole::KepalaSekolah))
                .map(|p| &p.unit)
                .collect();
            let current = serving_principal(ds, e);
            if let Some((u, _)) = &current {
                units.push(u);
            }
            units.sort();
            units.dedup();
            for u in units {
                if at_school(ds, e, u, date).reaches(same_max) {
                    if let Some(i) = ds.unit_idx(u) {
                        full_schools.push(i);
                    }
                }
            }
        }
        Self {
            serving,
            subjects,
            certificate,
            certificate_level: cert.map(|c| c.level),
            candidate,
            periods_ok: !been_principal || !PrincipalService::of(ds, e, date, rules).used_up(),
            may_leave_school: serving && at_school_ok(ds, e, date, rules).ok,
            may_end: serving && end_ground(ds, e, date, rules).is_some(),
            full_schools,
        }
    }
}

/// What the education rules need to know about a position.
#[derive(Debug, Clone, Copy, Default)]
pub struct EduPost {
    /// A principal post.
    pub principal: bool,
    /// The subject a teaching post teaches, as a bit (0: not a teaching post).
    pub subject: u32,
}

impl EduPost {
    /// The facts of a position.
    pub fn new(p: &Position) -> Self {
        Self {
            principal: p.is_principal(),
            subject: p.subject.map_or(0, |s| s.bit()),
        }
    }
}

/// Whether the education rules let employee `e` into a post `p` at unit `unit` of school
/// level `level` (hard rules only: candidate, periods, two years at a school, the certificate's
/// level, a ground to end, qualification).
pub fn admits(e: &EduFacts, p: &EduPost, unit: u32, level: Option<SchoolLevel>) -> bool {
    if p.principal {
        let start = if e.serving {
            e.may_leave_school
        } else {
            e.candidate
        };
        return start
            && e.periods_ok
            && !e.full_schools.contains(&unit)
            && (level.is_none() || e.certificate_level == level);
    }
    if e.serving && !e.may_end {
        return false;
    }
    p.subject == 0 || e.subjects & p.subject != 0
}

/// The part of [`admits`] that does not depend on the unit: when it is false, no post `p` of any
/// unit admits `e`, so a search over the posts' slots can skip them all at once. Written apart
/// from `admits` on purpose: the test
/// `a_post_the_rules_close_to_someone_everywhere_admits_them_at_no_school` holds each to the
/// other over the demo city.
pub fn admits_somewhere(e: &EduFacts, p: &EduPost) -> bool {
    if p.principal {
        let start = if e.serving {
            e.may_leave_school
        } else {
            e.candidate
        };
        return start && e.periods_ok;
    }
    if e.serving && !e.may_end {
        return false;
    }
    p.subject == 0 || e.subjects & p.subject != 0
}

/// Whether a move into post `p` would cost the teacher the professional allowance because the
/// certificate is for another subject (a soft rule the plan does not propose).
pub fn loses_certificate_match(e: &EduFacts, p: &EduPost) -> bool {
    p.subject != 0 && e.certificate != 0 && e.certificate != p.subject
}

/// The selective-OPD rule when it is hard, by OPD (unit index of the root).
#[derive(Debug, Clone)]
pub struct Selective {
    hard: bool,
    by_unit: Vec<bool>,
}

impl Selective {
    /// The listed OPD of `ds` under `rules`.
    pub fn new(ds: &Dataset, rules: &RuleSet) -> Self {
        Self {
            hard: rules.selective_opd_hard,
            by_unit: ds
                .units()
                .iter()
                .map(|u| {
                    rules
                        .selective_opd
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(&u.short))
                })
                .collect(),
        }
    }
    /// Whether moving from OPD `own` (root unit index, if any) into OPD `target` is blocked.
    pub fn blocks(&self, own: Option<u32>, target: u32) -> bool {
        self.hard && self.by_unit[target as usize] && own != Some(target)
    }
}
