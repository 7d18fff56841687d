//! Who may be assigned as a principal: the requirements of Permendikdasmen 7/2025 Pasal 7 ayat
//! (1), each met or not with its numbers ([`candidate_checks`]). The eligibility rules and the
//! career view ("path to principal") both read this one list.

use super::service::{guru_since, managerial};
use super::{PASAL_7, PASAL_PERIODS};
use crate::model::{EmployeeIdx, EmployeeStatus, Predikat, SanctionLevel};
use crate::rules::RuleSet;
use crate::text::{add_months, fmt_date, months_between, Span, Text};
use crate::Dataset;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One requirement of a principal candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Requirement {
    /// Holds a post of the JF Guru.
    Teacher,
    /// Education S1/D-IV or higher.
    Education,
    /// A teaching certificate (sertifikat pendidik).
    Certificate,
    /// PNS at least III/c, or PPPK with 8 years of teaching.
    Rank,
    /// SKP at least Baik in each of the latest years.
    Performance,
    /// Managerial experience in schools.
    Managerial,
    /// Never a moderate or heavy disciplinary sanction.
    Discipline,
    /// At most 56 years old on the day of the assignment.
    Age,
    /// Back in the JF Guru long enough after another jabatan.
    Reactivation,
}

/// One requirement, met or not, with the numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Which requirement.
    pub requirement: Requirement,
    /// Met on the date.
    pub met: bool,
    /// What is needed and what the employee has, with the article.
    pub text: Text,
    /// The earliest date it could be met, where it follows from time alone.
    pub earliest: Option<NaiveDate>,
}

/// A check; its text is only written when `explain` (the planner's gate asks met or not for
/// every teacher of the city and reads no text).
fn check(
    explain: bool,
    requirement: Requirement,
    met: bool,
    text: impl FnOnce() -> (String, String),
) -> Check {
    let text = if explain {
        let (id, en) = text();
        Text::new(id, en)
    } else {
        Text::same(String::new())
    };
    Check {
        requirement,
        met,
        text,
        earliest: None,
    }
}

/// The last day someone born on `birth` is at most `years` old: their birthday that year.
pub fn last_day_at_age(birth: NaiveDate, years: u8) -> NaiveDate {
    add_months(birth, years as i32 * 12)
}

/// Every requirement of Pasal 7 ayat (1) for employee `e` assigned on `date`.
pub fn candidate_checks(
    ds: &Dataset,
    e: EmployeeIdx,
    date: NaiveDate,
    rules: &RuleSet,
) -> Vec<Check> {
    requirements(ds, e, date, rules, true)
}

/// Whether employee `e` meets every requirement of [`candidate_checks`] on `date`: the same
/// checks without their texts.
pub fn is_candidate(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> bool {
    requirements(ds, e, date, rules, false)
        .iter()
        .all(|c| c.met)
}

/// The checks of [`candidate_checks`], with their texts when `explain`.
fn requirements(
    ds: &Dataset,
    e: EmployeeIdx,
    date: NaiveDate,
    rules: &RuleSet,
    explain: bool,
) -> Vec<Check> {
    let emp = &ds.employees()[e as usize];
    let sr = &rules.schools;
    let art = PASAL_7;
    let mut out = Vec::with_capacity(9);

    // A teacher now.
    let post = ds.employee_slot(e).map(|s| ds.slot_position(s));
    let teacher = post.is_some_and(|p| p.is_guru());
    let name = post.map_or("-", |p| p.name.as_str());
    out.push(if teacher {
        check(explain, Requirement::Teacher, true, || {
            (
                format!("Guru: {name} ({art})"),
                format!("A teacher: {name} ({art})"),
            )
        })
    } else {
        check(explain, Requirement::Teacher, false, || {
            (
                format!("Bukan jabatan guru: {name}; kepala sekolah ditugaskan dari guru ({art})"),
                format!(
                    "{name} is not a teaching post; principals are assigned from teachers ({art})"
                ),
            )
        })
    });

    // Education.
    let (lvl, min) = (emp.education_level(), sr.candidate_education);
    out.push(check(explain, Requirement::Education, lvl >= min, || {
        (
            format!("Pendidikan {lvl}, minimal {min} ({art})"),
            format!("Education {lvl}, minimum {min} ({art})"),
        )
    }));

    // Teaching certificate.
    let cert = emp.teacher.as_ref().and_then(|t| t.certificate.as_ref());
    out.push(match cert {
        Some(c) => check(explain, Requirement::Certificate, true, || {
            (
                format!("Sertifikat pendidik {} ({}) ({art})", c.subject, c.year),
                format!("Teaching certificate {} ({}) ({art})", c.subject, c.year),
            )
        }),
        None => check(explain, Requirement::Certificate, false, || {
            (
                format!("Belum memiliki sertifikat pendidik ({art})"),
                format!("No teaching certificate ({art})"),
            )
        }),
    });

    // Rank, or the PPPK route.
    let g = emp.pangkat.golongan;
    let gmin = sr.candidate_golongan;
    out.push(match emp.status {
        EmployeeStatus::Pppk => {
            let since = emp
                .teacher
                .as_ref()
                .and_then(|t| t.teaching_since)
                .unwrap_or_else(|| emp.nip.cpns_month());
            let need = Span::years(sr.candidate_pppk_years as i32);
            let have = Span::between(since, date);
            let at = add_months(since, need.months);
            let met = teacher && at <= date;
            let mut c = check(
                explain,
                Requirement::Rank,
                met,
                || {
                    (
                        format!(
                            "PPPK Guru: {} mengajar sejak {}, minimal {} ({art})",
                            have.id(),
                            fmt_date(since),
                            need.id()
                        ),
                        format!(
                            "PPPK teacher: {} teaching since {since}, minimum {} ({art})",
                            have.en(),
                            need.en()
                        ),
                    )
                },
            );
            c.earliest = (!met && teacher).then_some(at);
            c
        }
        EmployeeStatus::Cpns => check(
            explain,
            Requirement::Rank,
            false,
            || {
                (
                    format!("Masih CPNS; PNS minimal golongan {gmin} ({art})"),
                    format!("Still a CPNS; a PNS needs at least {gmin} ({art})"),
                )
            },
        ),
        EmployeeStatus::Pns if g >= gmin => check(
            explain,
            Requirement::Rank,
            true,
            || {
                (
                    format!("Golongan {g}, minimal {gmin} ({art})"),
                    format!("Rank {g}, minimum {gmin} ({art})"),
                )
            },
        ),
        EmployeeStatus::Pns => {
            let steps = (gmin.index() - g.index()) as i32;
            let at = add_months(
                emp.pangkat.tmt,
                steps * 12 * rules.promotion_years as i32,
            );
            let mut c = check(
                explain,
                Requirement::Rank,
                false,
                || {
                    (
                        format!(
                            "Golongan {g}, minimal {gmin}; kenaikan pangkat reguler paling cepat {} ({art})",
                            fmt_date(at)
                        ),
                        format!("Rank {g}, minimum {gmin}; earliest by regular promotion {at} ({art})"),
                    )
                },
            );
            c.earliest = Some(at);
            c
        }
    });

    // Performance in the latest years.
    let n = sr.candidate_skp_years as usize;
    let min = sr.candidate_skp_min;
    let recent = emp.recent_skp(n);
    let ok = recent.len() == n && recent.iter().all(|r| at_least(r.predikat, min));
    out.push(check(explain, Requirement::Performance, ok, || {
        let listed = recent
            .iter()
            .map(|r| format!("{} {}", r.year, r.predikat))
            .collect::<Vec<_>>()
            .join(", ");
        let listed = if listed.is_empty() {
            "-".to_string()
        } else {
            listed
        };
        (
            format!("SKP {listed}; minimal {min} {n} tahun terakhir ({art})"),
            format!("SKP {listed}; at least {min} in the latest {n} years ({art})"),
        )
    }));

    // Managerial experience.
    let m = managerial(ds, e, date);
    let need = sr.candidate_managerial_years as i32 * 12;
    let have = Span::months(m.months());
    let mut c = check(explain, Requirement::Managerial, m.reaches(need), || {
        (
            format!(
                "Pengalaman manajerial di sekolah {}, minimal {} ({art})",
                have.id(),
                Span::months(need).id()
            ),
            format!(
                "Managerial experience in schools {}, minimum {} ({art})",
                have.en(),
                Span::months(need).en()
            ),
        )
    });
    let accruing = !ds.employee_plt(e).is_empty()
        || emp
            .teacher
            .iter()
            .flat_map(|t| &t.tasks)
            .any(|t| t.period.contains(date));
    if !c.met && accruing {
        c.earliest = Some(m.reached_on(need));
    }
    out.push(c);

    // Discipline record.
    let worst = emp
        .sanctions
        .iter()
        .filter(|s| s.level >= SanctionLevel::Sedang && s.period.start() <= date)
        .max_by_key(|s| (s.level, s.period.start()));
    out.push(match worst {
        Some(s) => check(explain, Requirement::Discipline, false, || {
            (
                format!(
                    "Pernah dijatuhi hukuman disiplin {} ({}, {}) ({art})",
                    s.level,
                    s.description,
                    s.period.start().year()
                ),
                format!(
                    "Had a {} disciplinary sanction ({}, {}) ({art})",
                    s.level,
                    s.description,
                    s.period.start().year()
                ),
            )
        }),
        None => check(explain, Requirement::Discipline, true, || {
            (
                format!("Tidak pernah dijatuhi hukuman disiplin sedang atau berat ({art})"),
                format!("Never a moderate or heavy disciplinary sanction ({art})"),
            )
        }),
    });

    // Age on the day of the assignment.
    let max = sr.candidate_max_age;
    let birth = emp.birth_date();
    let last = last_day_at_age(birth, max);
    let age = Span::months(months_between(birth, date).max(0));
    out.push(if date <= last {
        check(explain, Requirement::Age, true, || {
            (
                format!(
                    "Usia {} pada TMT; maksimal {max} tahun, sampai {} ({art})",
                    age.id(),
                    fmt_date(last)
                ),
                format!(
                    "Aged {} on the TMT; at most {max}, until {last} ({art})",
                    age.en()
                ),
            )
        })
    } else {
        check(explain, Requirement::Age, false, || {
            (
                format!(
                    "Usia {} pada TMT {}; lewat batas {max} tahun sejak {} ({art})",
                    age.id(),
                    fmt_date(date),
                    fmt_date(last.succ_opt().unwrap_or(last))
                ),
                format!(
                    "Aged {} on the TMT {date}; past the limit of {max} since {} ({art})",
                    age.en(),
                    last.succ_opt().unwrap_or(last)
                ),
            )
        })
    });

    // Back in the JF Guru long enough after another jabatan.
    if let Some((since, true)) = guru_since(ds, e) {
        let need = Span::years(sr.reactivation_years as i32);
        let at = add_months(since, need.months);
        let have = Span::between(since, date);
        let mut c = check(explain, Requirement::Reactivation, at <= date, || {
            (
                    format!(
                        "Kembali menjadi guru sejak {} ({}) setelah jabatan lain, minimal {} ({PASAL_PERIODS})",
                        fmt_date(since),
                        have.id(),
                        need.id()
                    ),
                    format!(
                        "Back in teaching since {since} ({}) after another jabatan, minimum {} ({PASAL_PERIODS})",
                        have.en(),
                        need.en()
                    ),
                )
        });
        c.earliest = (at > date).then_some(at);
        out.push(c);
    }
    out
}

/// Whether predikat `p` is at least `min` (the vocabulary runs from best to worst).
pub fn at_least(p: Predikat, min: Predikat) -> bool {
    p <= min
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quiet_check_agrees_with_the_explained_one_for_every_employee() {
        let ds = crate::demo::generate(1);
        let date = crate::demo::reference_date();
        let rules = ds.rules();
        let (mut yes, mut no) = (0, 0);
        for e in 0..ds.employees().len() as EmployeeIdx {
            let explained = candidate_checks(&ds, e, date, rules);
            assert!(explained.iter().all(|c| !c.text.id.is_empty()));
            let quiet = is_candidate(&ds, e, date, rules);
            assert_eq!(quiet, explained.iter().all(|c| c.met), "employee {e}");
            if quiet {
                yes += 1;
            } else {
                no += 1;
            }
        }
        assert!(yes > 100 && no > 100, "{yes} candidates, {no} not");
    }
}
