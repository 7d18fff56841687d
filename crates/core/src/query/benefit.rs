//! What a move does for the employee's career, spelled out: the reasons an employee who would
//! rather stay can weigh (the fit gained, a rotation that is due anyway, a unit that needs them,
//! a shorter way to work, their own wishes), and honestly the costs too; for a teacher also the
//! certificate, the allowance, the hours and the principal's path (`benefit_school`). Each
//! point quotes its numbers.

use crate::fit::{fit, Component};
use crate::model::{EmployeeIdx, SlotIdx};
use crate::rules::RuleSet;
use crate::text::{add_months, fmt_date, Span, Text};
use crate::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One point for or against a move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benefit {
    /// In the employee's favour (false: a cost to weigh).
    pub good: bool,
    /// What it is, with the numbers.
    pub text: Text,
}

/// Changes of a fit component below this many points are not worth a sentence.
const NOTABLE: f64 = 5.0;

fn comp_value(f: &crate::fit::Fit, c: Component) -> f64 {
    f.components
        .iter()
        .find(|x| x.component == c)
        .map_or(0.0, |x| x.value)
}

/// The points for and against moving employee `e` into slot `s` on `date`, strongest first
/// within each side (good points first).
pub fn move_benefit(
    ds: &Dataset,
    e: EmployeeIdx,
    s: SlotIdx,
    date: NaiveDate,
    rules: &RuleSet,
) -> Vec<Benefit> {
    let emp = &ds.employees()[e as usize];
    let new = fit(ds, e, s, date, rules);
    let now = ds.employee_slot(e).map(|own| fit(ds, e, own, date, rules));
    let mut out = Vec::new();
    let mut push = |good: bool, id: String, en: String| {
        out.push(Benefit {
            good,
            text: Text::new(id, en),
        })
    };

    // Overall fit.
    if let Some(now) = &now {
        let d = new.score - now.score;
        if d.abs() >= 1.0 {
            push(
                d > 0.0,
                format!(
                    "Kecocokan {} dari {:.0} menjadi {:.0} ({:+.0} poin): {}",
                    if d > 0.0 { "naik" } else { "turun" },
                    now.score,
                    new.score,
                    d,
                    if d > 0.0 {
                        "kompetensi dan pengalaman Anda lebih terpakai, yang biasanya tercermin pada SKP"
                    } else {
                        "jabatan ini kurang sesuai dengan kompetensi Anda saat ini"
                    }
                ),
                format!(
                    "Fit {} from {:.0} to {:.0} ({:+.0} points): {}",
                    if d > 0.0 { "rises" } else { "falls" },
                    now.score,
                    new.score,
                    d,
                    if d > 0.0 {
                        "your competencies and experience are used more, which usually shows in the SKP"
                    } else {
                        "this post suits your current competencies less"
                    }
                ),
            );
        }
        // Components that change notably (JPM, major, experience).
        for (c, id, en) in [
            (
                Component::Jpm,
                "Kecocokan kompetensi (JPM)",
                "Job person match (JPM)",
            ),
            (
                Component::Major,
                "Relevansi jurusan",
                "Relevance of your major",
            ),
            (
                Component::Experience,
                "Relevansi pengalaman",
                "Relevance of your experience",
            ),
        ] {
            let (a, b) = (comp_value(now, c), comp_value(&new, c));
            if (b - a).abs() >= NOTABLE {
                push(
                    b > a,
                    format!("{id}: {a:.0} → {b:.0}"),
                    format!("{en}: {a:.0} → {b:.0}"),
                );
            }
        }
    }

    // Rotation due: staying is not an option for long (not for teachers and principals, who
    // move by the school's need and the principal periods).
    if let Some(cur) = emp
        .current
        .as_ref()
        .filter(|_| crate::eligibility::facts::rotation_applies(ds, e))
    {
        let in_post = Span::between(cur.since, date);
        let max = Span::years(rules.tenure_max_years as i32);
        if in_post.months >= max.months {
            push(
                true,
                format!(
                    "Anda sudah {} di jabatan sekarang (maksimal {}): rotasi sudah jatuh tempo, dan pindah ke jabatan yang cocok lebih baik daripada menunggu penempatan",
                    in_post.id(),
                    max.id()
                ),
                format!(
                    "You have been {} in your current post (maximum {}): rotation is due, and moving to a post that fits beats waiting to be placed",
                    in_post.en(),
                    max.en()
                ),
            );
        } else if in_post.months + 12 >= max.months {
            let due = add_months(cur.since, max.months);
            push(
                true,
                format!(
                    "Rotasi Anda jatuh tempo pada {} ({} di jabatan, maksimal {}): memilih sekarang memberi Anda pilihan",
                    fmt_date(due),
                    in_post.id(),
                    max.id()
                ),
                format!(
                    "Your rotation falls due on {} ({} in post, maximum {}): choosing now keeps the choice yours",
                    fmt_date(due),
                    in_post.en(),
                    max.en()
                ),
            );
        }
    }

    // The unit needs this post filled.
    if let Some(c) = new
        .components
        .iter()
        .find(|c| c.component == Component::Shortage && c.value >= 50.0)
    {
        push(
            true,
            format!(
                "Unit tujuan kekurangan pegawai ({}): Anda langsung menutup kebutuhan layanan, pengalaman yang dihargai dalam penilaian kinerja",
                c.explanation.id
            ),
            format!(
                "The unit is short of staff ({}): you close a real service gap, experience that counts in performance reviews",
                c.explanation.en
            ),
        );
    }

    // A new field of work broadens the record for a later structural post.
    let unit_now = ds.employee_slot(e).map(|own| ds.slot_unit(own));
    let unit_new = ds.slot_unit(s);
    if let Some(u) = unit_now {
        if u.field != unit_new.field {
            push(
                true,
                format!(
                    "Pengalaman di bidang baru ({} → {}): riwayat jabatan yang lebih luas menjadi modal untuk jabatan struktural",
                    u.field, unit_new.field
                ),
                format!(
                    "Experience in a new field ({} → {}): a broader record of posts counts towards structural posts",
                    u.field, unit_new.field
                ),
            );
        }
    }

    // The way to work.
    if let Some(u) = unit_now {
        let before = emp.home.distance_km(u.kecamatan);
        let after = emp.home.distance_km(unit_new.kecamatan);
        let d = after - before;
        if d.abs() >= 2.0 {
            push(
                d < 0.0,
                format!(
                    "Jarak dari rumah ({}) ke kantor: sekitar {:.0} km menjadi {:.0} km",
                    emp.home, before, after
                ),
                format!(
                    "Distance from home ({}) to work: about {:.0} km becomes {:.0} km",
                    emp.home, before, after
                ),
            );
        }
    }

    // Their own wishes.
    let pref = comp_value(&new, Component::Preference);
    if !emp.preferences.is_empty() && pref >= 50.0 {
        push(
            true,
            "Sesuai minat yang Anda nyatakan".into(),
            "Matches the preferences you stated".into(),
        );
    }

    out.extend(super::benefit_school::points(ds, e, s, date, rules));
    out.sort_by_key(|b| !b.good);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    #[test]
    fn points_quote_numbers_and_put_good_first() {
        let ds = fixture::small();
        let date = fixture::today();
        let mut seen = 0;
        for e in 0..ds.employees().len() as EmployeeIdx {
            let Some(own) = ds.employee_slot(e) else {
                continue;
            };
            for s in 0..ds.slots().len() as SlotIdx {
                if s == own {
                    continue;
                }
                let points = move_benefit(&ds, e, s, date, ds.rules());
                // Good points come first.
                let first_bad = points.iter().position(|p| !p.good).unwrap_or(points.len());
                assert!(points[first_bad..].iter().all(|p| !p.good), "{points:#?}");
                // The fit sentence quotes both scores and agrees with the fit function.
                let now = fit(&ds, e, own, date, ds.rules()).score;
                let new = fit(&ds, e, s, date, ds.rules()).score;
                if (new - now).abs() >= 1.0 {
                    let p = points
                        .iter()
                        .find(|p| p.text.id.starts_with("Kecocokan "))
                        .expect("a fit point");
                    assert_eq!(p.good, new > now);
                    assert!(p.text.id.contains(&format!("{now:.0}")), "{}", p.text.id);
                    assert!(p.text.id.contains(&format!("{new:.0}")), "{}", p.text.id);
                    seen += 1;
                }
            }
        }
        assert!(seen > 0, "the fixture has moves that change the fit");
    }

    #[test]
    fn a_rotation_due_is_a_reason_to_move_with_the_numbers() {
        let ds = fixture::small();
        let rules = ds.rules();
        let e = (0..ds.employees().len() as EmployeeIdx)
            .find(|&e| ds.employee_slot(e).is_some())
            .unwrap();
        let since = ds.employees()[e as usize].current.as_ref().unwrap().since;
        // On a date past the maximum tenure the rotation is due.
        let date = add_months(since, rules.tenure_max_years as i32 * 12 + 3);
        let s = (0..ds.slots().len() as SlotIdx)
            .find(|&s| Some(s) != ds.employee_slot(e))
            .unwrap();
        let points = move_benefit(&ds, e, s, date, rules);
        let due = points
            .iter()
            .find(|p| p.text.id.contains("jatuh tempo"))
            .expect("rotation due point");
        assert!(due.good);
        let max = Span::years(rules.tenure_max_years as i32).id();
        assert!(
            due.text.id.contains(&format!("maksimal {max}")),
            "{}",
            due.text.id
        );
        assert!(
            due.text.id.contains(&Span::between(since, date).id()),
            "{}",
            due.text.id
        );
    }
}
