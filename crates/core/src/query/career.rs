//! Career paths: the next steps up the employee's ladder (structural and functional), what each
//! requires, the gaps, and the earliest date each gap could close. A teacher's path also has
//! the principal's assignment with the candidate requirements of Permendikdasmen 7/2025
//! ([`crate::school::candidate`]); a PPPK's rank has no regular promotion to forecast.

use crate::eligibility::facts::{current_kind, months_in_kinds};
use crate::model::{EmployeeIdx, EmployeeStatus, JabatanKind, PositionId};
use crate::rules::RuleSet;
use crate::text::{add_months, fmt_date, Span, Text};
use crate::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a requirement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GapKind {
    /// Pangkat/golongan.
    Rank,
    /// Years of experience.
    Years,
    /// Training.
    Diklat,
    /// Education level.
    Education,
    /// Competency levels.
    Competency,
    /// A qualification: a teacher's post, the teaching certificate.
    Qualification,
    /// SKP in the latest years.
    Performance,
    /// The discipline record.
    Discipline,
    /// Age on the day of the assignment.
    Age,
}

/// One requirement of a step and whether it is met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// Kind of requirement.
    pub kind: GapKind,
    /// Met already.
    pub met: bool,
    /// What is needed and what the employee has.
    pub text: Text,
    /// Earliest date it could be met, where computable (rank by regular promotion, years by
    /// staying in post); None when met or when it depends on the employee's own action.
    pub earliest: Option<NaiveDate>,
}

/// One next step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerStep {
    /// Kind of the next post (for the principal's assignment, the teacher's own JF level).
    pub kind: JabatanKind,
    /// The step's own name when the kind does not say it (the principal's assignment).
    #[serde(default)]
    pub title: Option<Text>,
    /// Structural ladder (true) or functional/other.
    pub structural: bool,
    /// A position of that kind in the dataset that suits the employee's field, if any.
    pub example: Option<PositionId>,
    /// Requirements.
    pub requirements: Vec<Requirement>,
    /// All requirements met.
    pub ready: bool,
    /// Earliest date all could be met, when every unmet one has a date.
    pub earliest: Option<NaiveDate>,
}

fn steps_from(k: JabatanKind, ds: &Dataset, e: EmployeeIdx, rules: &RuleSet) -> Vec<JabatanKind> {
    use JabatanKind::*;
    let mut v: Vec<JabatanKind> = k.next_up().into_iter().collect();
    // Crossing ladders: structural posts whose experience rule counts the current kind.
    for r in &rules.experience {
        if r.kind.is_structural() && r.from.contains(&k) && !v.contains(&r.kind) {
            v.push(r.kind);
        }
    }
    let cross = match k {
        Pelaksana
            if ds.employees()[e as usize].education_level() >= crate::model::EducationLevel::S1 =>
        {
            Some(AhliPertama)
        }
        Pelaksana => Some(Terampil),
        Pengawas => Some(AhliMuda),
        Administrator => Some(AhliMadya),
        _ => None,
    };
    v.extend(cross.filter(|c| !v.contains(c)));
    v
}

/// Next career steps of employee `e` as of `date`, leaving out the steps that could only open
/// on or after the employee's retirement date (BUP of the current post): a teacher retiring in
/// January 2027 is not offered a post "paling cepat 01-06-2030".
pub fn career_path(
    ds: &Dataset,
    e: EmployeeIdx,
    date: NaiveDate,
    rules: &RuleSet,
) -> Vec<CareerStep> {
    let retires = crate::eligibility::facts::employee_retirement(ds, e, rules);
    all_steps(ds, e, date, rules)
        .into_iter()
        .filter(|s| s.reachable_before(retires))
        .collect()
}

impl CareerStep {
    /// Whether the step could open before `day`: neither the whole step nor any unmet
    /// requirement is dated on or after it (a step waiting for training can still show "golongan
    /// paling cepat 01-06-2030").
    pub fn reachable_before(&self, day: NaiveDate) -> bool {
        self.earliest.is_none_or(|d| d < day)
            && self
                .requirements
                .iter()
                .all(|r| r.met || r.earliest.is_none_or(|d| d < day))
    }
}

fn all_steps(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Vec<CareerStep> {
    let emp = &ds.employees()[e as usize];
    let now = current_kind(ds, e, rules);
    steps_from(now, ds, e, rules)
        .into_iter()
        .map(|kind| {
            let mut req = Vec::new();
            let range = rules.kind_golongan.get(kind);
            let g = emp.pangkat.golongan;
            let rank_met = g >= range.min;
            // A PPPK has no regular promotion of pangkat: nothing to forecast.
            let pppk = emp.status == EmployeeStatus::Pppk;
            let rank_at = (!rank_met && !pppk).then(|| {
                add_months(
                    emp.pangkat.tmt,
                    (range.min.index() - g.index()) as i32 * 12 * rules.promotion_years as i32,
                )
            });
            let (pppk_id, pppk_en) = if !rank_met && pppk {
                (
                    "; PPPK tidak naik pangkat reguler",
                    "; a PPPK has no regular promotion",
                )
            } else {
                ("", "")
            };
            req.push(Requirement {
                kind: GapKind::Rank,
                met: rank_met,
                text: Text::new(
                    format!(
                        "Golongan minimal {}, sekarang {g}{}{pppk_id}",
                        range.min,
                        rank_at
                            .map_or(String::new(), |d| format!("; paling cepat {}", fmt_date(d)))
                    ),
                    format!(
                        "Rank at least {}, now {g}{}{pppk_en}",
                        range.min,
                        rank_at.map_or(String::new(), |d| format!("; earliest {d}"))
                    ),
                ),
                earliest: rank_at,
            });
            let edu = rules.kind_education.get(kind);
            let have = emp.education_level();
            req.push(Requirement {
                kind: GapKind::Education,
                met: have >= edu,
                text: Text::new(
                    format!("Pendidikan minimal {edu}, sekarang {have}"),
                    format!("Education at least {edu}, now {have}"),
                ),
                earliest: None,
            });
            if let Some(r) = rules.experience_for(kind) {
                let have = Span::months(months_in_kinds(ds, e, &r.from, date, rules));
                let need = Span::years(r.years as i32);
                let met = have >= need;
                let at = (!met && r.from.contains(&now))
                    .then(|| add_months(date, need.months - have.months));
                let kinds = r
                    .from
                    .iter()
                    .map(|k| k.label())
                    .collect::<Vec<_>>()
                    .join("/");
                req.push(Requirement {
                    kind: GapKind::Years,
                    met,
                    text: Text::new(
                        format!(
                            "Pengalaman {kinds} minimal {}, sekarang {}",
                            need.id(),
                            have.id()
                        ),
                        format!(
                            "Experience as {kinds} at least {}, now {}",
                            need.en(),
                            have.en()
                        ),
                    ),
                    earliest: at,
                });
            }
            for d in rules.diklat_for(kind) {
                let met = emp.has_diklat(d);
                req.push(Requirement {
                    kind: GapKind::Diklat,
                    met,
                    text: Text::new(
                        format!("Diklat {d}: {}", if met { "sudah" } else { "belum" }),
                        format!("Training {d}: {}", if met { "done" } else { "missing" }),
                    ),
                    earliest: None,
                });
            }
            let lvl = rules.competency_level.get(kind);
            let below = emp
                .competencies
                .managerial
                .iter()
                .filter(|l| l.get() < lvl)
                .count();
            req.push(Requirement {
                kind: GapKind::Competency,
                met: below == 0,
                text: Text::new(
                    format!("Kompetensi manajerial level {lvl}: {below} dari 8 belum tercapai"),
                    format!("Managerial competencies at level {lvl}: {below} of 8 below"),
                ),
                earliest: None,
            });
            let ready = req.iter().all(|r| r.met);
            let earliest = if ready {
                Some(date)
            } else {
                req.iter()
                    .filter(|r| !r.met)
                    .map(|r| r.earliest)
                    .collect::<Option<Vec<_>>>()
                    .and_then(|v| v.into_iter().max())
            };
            let field = emp.highest_education().map(|x| x.field);
            let example = ds
                .positions()
                .iter()
                .filter(|p| p.kind == kind)
                .find(|p| {
                    p.accepted_fields.is_empty()
                        || field.is_some_and(|f| p.accepted_fields.contains(&f))
                })
                .map(|p| p.id.clone());
            CareerStep {
                kind,
                title: None,
                structural: kind.is_structural(),
                example,
                requirements: req,
                ready,
                earliest,
            }
        })
        .chain(principal_step(ds, e, date, rules))
        .collect()
}

/// A teacher's next step as principal: the candidate requirements, each with its numbers.
fn principal_step(
    ds: &Dataset,
    e: EmployeeIdx,
    date: NaiveDate,
    rules: &RuleSet,
) -> Option<CareerStep> {
    use crate::school::candidate::{candidate_checks, Requirement as R};
    let own = ds.slot_position(ds.employee_slot(e)?);
    if !own.is_guru() || own.is_principal() {
        return None;
    }
    let requirements: Vec<Requirement> = candidate_checks(ds, e, date, rules)
        .into_iter()
        .map(|c| Requirement {
            kind: match c.requirement {
                R::Teacher | R::Certificate => GapKind::Qualification,
                R::Education => GapKind::Education,
                R::Rank => GapKind::Rank,
                R::Performance => GapKind::Performance,
                R::Managerial | R::Reactivation => GapKind::Years,
                R::Discipline => GapKind::Discipline,
                R::Age => GapKind::Age,
            },
            met: c.met,
            text: c.text,
            earliest: c.earliest,
        })
        .collect();
    let ready = requirements.iter().all(|r| r.met);
    let earliest = if ready {
        Some(date)
    } else {
        requirements
            .iter()
            .filter(|r| !r.met)
            .map(|r| r.earliest)
            .collect::<Option<Vec<_>>>()
            .and_then(|v| v.into_iter().max())
    };
    let example = ds
        .positions()
        .iter()
        .find(|p| p.is_principal())
        .map(|p| p.id.clone());
    Some(CareerStep {
        kind: crate::eligibility::facts::current_kind(ds, e, rules),
        title: Some(Text::new(
            "Kepala Sekolah (tugas tambahan guru)",
            "School principal (a teacher's additional assignment)",
        )),
        structural: false,
        example,
        requirements,
        ready,
        earliest,
    })
}
