//! The education service's rules (hard unless said): a teaching post needs the qualification
//! for its subject; a principal post needs a candidate (Pasal 7) within the periods; a serving
//! principal moves to another school only after two years there and leaves the assignment only
//! on a lawful ground; a certificate for another subject costs the allowance (soft), and so may
//! a school with too few hours (a warning). Each reads [`crate::school`].

use super::checks::{Ctx, Out};
use super::verdict::{Outcome, RuleId};
use crate::school::assignment::{at_school_ok, end_ground, level, no_ground, periods};
use crate::school::candidate::{candidate_checks, Requirement};
use crate::school::service::serving_principal;
use crate::school::tpg::allowance_in;
use crate::text::Text;

fn push_text(o: &mut Out, rule: RuleId, ok: bool, t: Text, from: Option<chrono::NaiveDate>) {
    let outcome = if ok { Outcome::Pass } else { Outcome::Fail };
    o.push(rule, outcome, t.id, t.en, from);
}

/// The subject of a teaching post must be one the teacher is qualified for.
pub(super) fn subject(c: &Ctx, o: &mut Out) {
    let Some(want) = c.pos.subject else {
        return;
    };
    let own =
        c.ds.employee_slot(c.e)
            .and_then(|s| c.ds.slot_position(s).subject);
    let (qualified, certificate): (Vec<_>, _) = match &c.emp.teacher {
        Some(t) => (
            t.qualified.clone(),
            t.certificate.as_ref().map(|x| x.subject),
        ),
        None => (own.into_iter().collect(), None),
    };
    let ok = qualified.contains(&want) || certificate == Some(want);
    let list = qualified
        .iter()
        .chain(certificate.iter())
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    let list = if list.is_empty() {
        "-".to_string()
    } else {
        list.join(", ")
    };
    let art = crate::school::QUALIFICATION;
    let t = if ok {
        Text::new(
            format!("Mengajar {want}: sesuai kualifikasi ({list})"),
            format!("Teaching {want}: qualified ({list})"),
        )
    } else {
        Text::new(
            format!("Mengajar {want} tidak sesuai kualifikasi guru ({list}) ({art})"),
            format!("Teaching {want} is outside the teacher's qualification ({list}) ({art})"),
        )
    };
    push_text(o, RuleId::TeacherSubject, ok, t, None);
}

/// A principal post: the candidate requirements for a new principal, the two years at the
/// current school for a serving one, and the periods for both.
pub(super) fn principal(c: &Ctx, o: &mut Out) {
    if !c.pos.is_principal() {
        return;
    }
    let unit = &c.ds.slot_unit(c.s).id;
    if serving_principal(c.ds, c.e).is_some() {
        let f = at_school_ok(c.ds, c.e, c.date, c.rules);
        push_text(o, RuleId::PrincipalAtSchool, f.ok, f.text, f.from);
    } else {
        let checks = candidate_checks(c.ds, c.e, c.date, c.rules);
        for rule in [
            RuleId::PrincipalQualification,
            RuleId::PrincipalRank,
            RuleId::PrincipalPerformance,
            RuleId::PrincipalManagerial,
            RuleId::PrincipalDiscipline,
            RuleId::PrincipalAge,
        ] {
            let group: Vec<_> = checks
                .iter()
                .filter(|ch| rule_of(ch.requirement) == rule)
                .collect();
            let failing: Vec<_> = group.iter().filter(|ch| !ch.met).copied().collect();
            let ok = failing.is_empty();
            let shown = if ok { &group } else { &failing };
            let joined = Text::new(
                shown
                    .iter()
                    .map(|t| t.text.id.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                shown
                    .iter()
                    .map(|t| t.text.en.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            // Unblocked when every failing requirement has a date: the latest of them.
            let from = failing
                .iter()
                .map(|ch| ch.earliest)
                .collect::<Option<Vec<_>>>()
                .and_then(|v| v.into_iter().max());
            push_text(o, rule, ok, joined, from);
        }
    }
    let f = periods(c.ds, c.e, unit, c.date, c.rules);
    push_text(o, RuleId::PrincipalPeriods, f.ok, f.text, f.from);
    if let Some(f) = level(c.ds, c.e, c.ds.slot_unit_idx(c.s)) {
        push_text(o, RuleId::PrincipalLevel, f.ok, f.text, None);
    }
}

fn rule_of(r: Requirement) -> RuleId {
    match r {
        Requirement::Teacher
        | Requirement::Education
        | Requirement::Certificate
        | Requirement::Reactivation => RuleId::PrincipalQualification,
        Requirement::Rank => RuleId::PrincipalRank,
        Requirement::Performance => RuleId::PrincipalPerformance,
        Requirement::Managerial => RuleId::PrincipalManagerial,
        Requirement::Discipline => RuleId::PrincipalDiscipline,
        Requirement::Age => RuleId::PrincipalAge,
    }
}

/// A serving principal leaving principal posts (to teaching or anywhere else) needs a lawful
/// ground to end the assignment.
pub(super) fn end(c: &Ctx, o: &mut Out) {
    if c.pos.is_principal() || serving_principal(c.ds, c.e).is_none() {
        return;
    }
    match end_ground(c.ds, c.e, c.date, c.rules) {
        Some(t) => push_text(o, RuleId::PrincipalEnd, true, t, None),
        None => {
            let f = no_ground(c.ds, c.e, c.date, c.rules);
            push_text(o, RuleId::PrincipalEnd, false, f.text, f.from);
        }
    }
}

/// The professional allowance in the new post: a certificate for another subject loses it
/// (soft, fails); fewer than 24 weekly JP there puts it at risk (a warning).
pub(super) fn allowance(c: &Ctx, o: &mut Out) {
    let Some(want) = c.pos.subject else {
        return;
    };
    let a = allowance_in(c.ds, c.e, c.s, true);
    let art = crate::school::TPG;
    match a.certificate {
        Some(cert) if cert != want => o.push(
            RuleId::TeachingCertificate,
            Outcome::Fail,
            format!(
                "Sertifikat pendidik {cert} tidak sesuai dengan {want}: tunjangan profesi (TPG) tidak dibayar ({art})"
            ),
            format!(
                "The teaching certificate is for {cert}, not {want}: the professional allowance (TPG) stops ({art})"
            ),
            None,
        ),
        Some(cert) => o.pass(
            RuleId::TeachingCertificate,
            format!("Sertifikat pendidik {cert} sesuai: TPG tetap"),
            format!("Certificate {cert} matches: the allowance (TPG) continues"),
        ),
        None => o.pass(
            RuleId::TeachingCertificate,
            "Belum bersertifikat pendidik: tidak ada TPG yang hilang".into(),
            "No teaching certificate: no allowance to lose".into(),
        ),
    }
    let min = c.rules.schools.tpg_min_hours as f64;
    if let (Some(h), Some(_)) = (a.hours, a.certificate) {
        if h + 1e-9 < min {
            o.push(
                RuleId::TeachingHours,
                Outcome::Warning,
                format!(
                    "Sekitar {h:.0} JP/minggu {want} per guru di sekolah tujuan, minimal {min:.0} JP untuk TPG ({art})"
                ),
                format!(
                    "About {h:.0} JP a week of {want} per teacher there, {min:.0} JP needed for the allowance ({art})"
                ),
                None,
            );
        }
    }
}
