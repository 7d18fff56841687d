//! What a principal assignment allows on a date, with the numbers: starting or continuing one
//! ([`periods`]: the periods used and the periods at one school), leaving a school for another
//! ([`at_school_ok`]: two years there first), and ending one ([`end_ground`]: retirement aside,
//! the periods used up, a year below Baik during the assignment or a moderate or heavy
//! sanction during it). A rotation being "due" after five years in post is not a ground.

use super::candidate::at_least;
use super::service::{at_school, PrincipalService};
use super::{PASAL_END, PASAL_PERIODS, PASAL_TRAINING};
use crate::model::{EmployeeIdx, SanctionLevel, SchoolLevel, UnitId};
use crate::rules::RuleSet;
use crate::text::{add_months, fmt_date, Span, Text};
use crate::Dataset;
use chrono::{Datelike, NaiveDate};

/// A rule's outcome on an assignment: allowed or not, and why with the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Allowed.
    pub ok: bool,
    /// Why.
    pub text: Text,
    /// When it stops blocking, where time alone decides.
    pub from: Option<NaiveDate>,
}

fn finding(ok: bool, id: String, en: String) -> Finding {
    Finding {
        ok,
        text: Text::new(id, en),
        from: None,
    }
}

/// Whether an assignment at school `unit` may start (or go on) on `date`: the periods used in
/// all, with the limit without the training certificate, and the periods at that school.
pub fn periods(
    ds: &Dataset,
    e: EmployeeIdx,
    unit: &UnitId,
    date: NaiveDate,
    rules: &RuleSet,
) -> Finding {
    let s = PrincipalService::of(ds, e, date, rules);
    let max = s.allowed_periods;
    let years = rules.schools.period_years;
    let served = Span::months(s.total.months());
    if s.used_up() {
        let (why_id, why_en, art) = if s.trained {
            (String::new(), String::new(), PASAL_PERIODS)
        } else {
            (
                " tanpa sertifikat pelatihan calon kepala sekolah".to_string(),
                " without the principal-training certificate".to_string(),
                PASAL_TRAINING,
            )
        };
        return finding(
            false,
            format!(
                "{} sebagai kepala sekolah sejak TMT penugasan: {max} periode × {years} tahun{why_id} sudah habis {} ({art})",
                served.id(),
                fmt_date(s.last_day())
            ),
            format!(
                "{} as principal since the assignment TMTs: {max} period(s) × {years}y{why_en} ran out on {} ({art})",
                served.en(),
                s.last_day()
            ),
        );
    }
    let same_max = rules.schools.periods_same_school as i32 * s.period_months;
    let here = at_school(ds, e, unit, date);
    if here.reaches(same_max) {
        return finding(
            false,
            format!(
                "{} sebagai kepala sekolah di sekolah ini, maksimal {} periode di satu sekolah ({PASAL_PERIODS})",
                Span::months(here.months()).id(),
                rules.schools.periods_same_school
            ),
            format!(
                "{} as principal at this school, at most {} periods at one school ({PASAL_PERIODS})",
                Span::months(here.months()).en(),
                rules.schools.periods_same_school
            ),
        );
    }
    let period = s.period().max(1);
    finding(
        true,
        format!(
            "Periode ke-{period} dari {max} (masa kepala sekolah {}); berakhir paling lambat {} ({PASAL_PERIODS})",
            served.id(),
            fmt_date(s.last_day())
        ),
        format!(
            "Period {period} of {max} ({} as principal); ends {} at the latest ({PASAL_PERIODS})",
            served.en(),
            s.last_day()
        ),
    )
}

/// Whether the teacher's certificate is for the level of the school to head (None when the
/// unit is not a school of a known level). A principal keeps the allowance as a teacher of
/// that level, so an SD teacher heads an SD and an SMP teacher an SMP.
pub fn level(ds: &Dataset, e: EmployeeIdx, unit: u32) -> Option<Finding> {
    let want = SchoolLevel::of_unit(ds.units()[unit as usize].kind)?;
    let emp = &ds.employees()[e as usize];
    let cert = emp
        .teacher
        .as_ref()
        .and_then(|t| t.certificate.as_ref())
        .map(|c| c.subject);
    let art = super::QUALIFICATION;
    Some(match cert {
        Some(c) if c.level == want => finding(
            true,
            format!("Sertifikat pendidik {c} untuk jenjang {want}"),
            format!("Teaching certificate {c} for the {want} level"),
        ),
        Some(c) => finding(
            false,
            format!(
                "Sertifikat pendidik {c} untuk jenjang {}, sekolah ini {want} ({art})",
                c.level
            ),
            format!(
                "The teaching certificate {c} is for {}, this school is {want} ({art})",
                c.level
            ),
        ),
        None => finding(
            false,
            format!("Tanpa sertifikat pendidik untuk jenjang {want} ({art})"),
            format!("No teaching certificate for the {want} level ({art})"),
        ),
    })
}

/// Whether a serving principal has been at the current school long enough to move to another.
pub fn at_school_ok(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Finding {
    let Some((_, since)) = super::service::serving_principal(ds, e) else {
        return finding(
            true,
            "Bukan kepala sekolah definitif".into(),
            "Not a serving principal".into(),
        );
    };
    let min = Span::years(rules.schools.min_years_at_school as i32);
    let held = Span::between(since, date);
    let from = add_months(since, min.months);
    if from <= date {
        return finding(
            true,
            format!(
                "{} di sekolah ini, minimal {} ({PASAL_PERIODS})",
                held.id(),
                min.id()
            ),
            format!(
                "{} at this school, minimum {} ({PASAL_PERIODS})",
                held.en(),
                min.en()
            ),
        );
    }
    Finding {
        ok: false,
        text: Text::new(
            format!(
                "{} di sekolah ini, minimal {} sebelum pindah ke sekolah lain; dapat dipindah mulai {} ({PASAL_PERIODS})",
                held.id(),
                min.id(),
                fmt_date(from)
            ),
            format!(
                "{} at this school, minimum {} before another school; movable from {from} ({PASAL_PERIODS})",
                held.en(),
                min.en()
            ),
        ),
        from: Some(from),
    }
}

/// A lawful ground to end a serving principal's assignment on `date`, if one holds: the periods
/// used up, a year below the minimum SKP during the assignment, or a moderate or heavy sanction
/// imposed during it. None when there is none (or the employee is not a serving principal).
pub fn end_ground(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Option<Text> {
    let (_, since) = super::service::serving_principal(ds, e)?;
    let emp = &ds.employees()[e as usize];
    let s = PrincipalService::of(ds, e, date, rules);
    if s.used_up() {
        let art = if s.trained {
            PASAL_PERIODS
        } else {
            PASAL_TRAINING
        };
        return Some(Text::new(
            format!(
                "Masa penugasan habis: {} periode berakhir {} ({art}; {PASAL_END})",
                s.allowed_periods,
                fmt_date(s.last_day())
            ),
            format!(
                "Assignment over: {} period(s) ended {} ({art}; {PASAL_END})",
                s.allowed_periods,
                s.last_day()
            ),
        ));
    }
    let min = rules.schools.candidate_skp_min;
    if let Some(r) = emp
        .skp
        .iter()
        .filter(|r| r.year as i32 >= since.year() && !at_least(r.predikat, min))
        .max_by_key(|r| r.year)
    {
        return Some(Text::new(
            format!(
                "SKP {} {} selama penugasan, minimal {min} setiap tahun ({PASAL_PERIODS}; {PASAL_END})",
                r.year, r.predikat
            ),
            format!(
                "SKP {} {} during the assignment, at least {min} every year ({PASAL_PERIODS}; {PASAL_END})",
                r.year, r.predikat
            ),
        ));
    }
    if let Some(x) = emp
        .sanctions
        .iter()
        .filter(|x| {
            x.level >= SanctionLevel::Sedang
                && x.period.start() >= since
                && x.period.start() <= date
        })
        .max_by_key(|x| x.period.start())
    {
        return Some(Text::new(
            format!(
                "Hukuman disiplin {} sejak {} selama penugasan ({PASAL_END})",
                x.level,
                fmt_date(x.period.start())
            ),
            format!(
                "A {} disciplinary sanction from {} during the assignment ({PASAL_END})",
                x.level,
                x.period.start()
            ),
        ));
    }
    None
}

/// Why a serving principal may not be returned to teaching: no ground holds, with the period
/// and its end date.
pub fn no_ground(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Finding {
    let s = PrincipalService::of(ds, e, date, rules);
    let last = s.last_day();
    Finding {
        ok: false,
        text: Text::new(
            format!(
                "Kepala sekolah periode ke-{} dari {} (masa {}), berakhir {}; tidak ada alasan pemberhentian (masa penugasan habis, kinerja, hukuman disiplin), dan rotasi jatuh tempo bukan alasan ({PASAL_END})",
                s.period(),
                s.allowed_periods,
                Span::months(s.total.months()).id(),
                fmt_date(last)
            ),
            format!(
                "Principal in period {} of {} ({}), ending {last}; no ground to end the assignment (periods over, performance, sanction), and a rotation being due is none ({PASAL_END})",
                s.period(),
                s.allowed_periods,
                Span::months(s.total.months()).en()
            ),
        ),
        from: last.succ_opt(),
    }
}

/// What a move does to a principal assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A principal leaves principal posts: the assignment ends.
    Ends,
    /// A principal moves to another school's principal post.
    Rotates,
    /// A teacher is assigned as principal.
    Starts,
}

/// What moving employee `e` from slot `from` to slot `to` on `date` does to a principal
/// assignment, if anything, with the finding that decides it: ending it (on a lawful ground,
/// else not allowed), a rotation (two years at the school first), a new assignment (its
/// periods). The plan's reasons and the career view both say it from here.
pub fn principal_change(
    ds: &Dataset,
    e: EmployeeIdx,
    from: crate::model::SlotIdx,
    to: crate::model::SlotIdx,
    date: NaiveDate,
    rules: &RuleSet,
) -> Option<(Change, Finding)> {
    let (was, will) = (
        ds.slot_position(from).is_principal(),
        ds.slot_position(to).is_principal(),
    );
    Some(match (was, will) {
        (true, false) => (
            Change::Ends,
            match end_ground(ds, e, date, rules) {
                Some(text) => Finding {
                    ok: true,
                    text,
                    from: None,
                },
                None => no_ground(ds, e, date, rules),
            },
        ),
        (true, true) => (Change::Rotates, at_school_ok(ds, e, date, rules)),
        (false, true) => (
            Change::Starts,
            periods(ds, e, &ds.slot_unit(to).id, date, rules),
        ),
        (false, false) => return None,
    })
}
