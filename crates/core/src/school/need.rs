//! A school's teacher need, computed from the school rather than from a generic ABK: one class
//! teacher per SD rombel, subject teachers = the subject's weekly JP over every rombel / 24 JP,
//! counsellors by pupils ([`teacher_need`]); and the weekly hours a teacher of a subject gets
//! there ([`weekly_hours`], [`hours_each`]). Teacher redistribution in the plan follows this
//! need (through [`crate::fit::features::formations`]), not tenure.

use crate::model::{HoldKind, Mapel, SchoolInfo, Subject, Unit};
use crate::rules::RuleSet;
use crate::Dataset;

/// Rombel of a school: as recorded, or the pupils over the largest class of the level.
pub fn rombel(info: &SchoolInfo, subject: Subject, rules: &RuleSet) -> f64 {
    if info.rombel > 0 {
        return info.rombel as f64;
    }
    rules
        .schools
        .rombel_size(subject.level)
        .map_or(0.0, |size| (info.pupils as f64 / size as f64).ceil())
}

/// Weekly JP of `subject` at a school across its rombel (a class teacher's rombel counts as
/// one full load of the allowance's minimum; counselling counts pupils).
pub fn weekly_hours(info: &SchoolInfo, subject: Subject, rules: &RuleSet) -> f64 {
    let sr = &rules.schools;
    let full = sr.tpg_min_hours as f64;
    match subject.mapel {
        Mapel::GuruKelas => rombel(info, subject, rules) * sr.class_teachers_per_rombel * full,
        Mapel::Bk => info.pupils as f64 / sr.pupils_per_counsellor as f64 * full,
        _ => rombel(info, subject, rules) * sr.hours_per_rombel(subject),
    }
}

/// Teachers a school needs for `subject` (None when the unit records no school size): its
/// weekly JP over the allowance's minimum load (24 JP).
pub fn teacher_need(unit: &Unit, subject: Subject, rules: &RuleSet) -> Option<f64> {
    let info = unit.school.as_ref()?;
    Some(weekly_hours(info, subject, rules) / rules.schools.tpg_min_hours as f64)
}

/// Definitive holders of teaching posts of `subject` in unit `unit` (index).
pub fn holders(ds: &Dataset, unit: u32, subject: Subject) -> u32 {
    ds.unit_slots(unit)
        .iter()
        .filter(|&&s| {
            ds.slot_position(s).subject == Some(subject)
                && matches!(&ds.slots()[s as usize].holder, Some(h) if h.kind == HoldKind::Definitive)
        })
        .count() as u32
}

/// Weekly JP each teacher of `subject` gets at unit `unit` when `teachers` share it (None when
/// the unit records no school size), at most the maximum load.
pub fn hours_each(ds: &Dataset, unit: u32, subject: Subject, teachers: u32) -> Option<f64> {
    let rules = ds.rules();
    let info = ds.units()[unit as usize].school.as_ref()?;
    let total = weekly_hours(info, subject, rules);
    Some((total / teachers.max(1) as f64).min(rules.schools.max_hours as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SchoolLevel::*;

    #[test]
    fn need_follows_rombel_hours_and_pupils() {
        let rules = RuleSet::default();
        let info = SchoolInfo {
            rombel: 12,
            pupils: 300,
        };
        // (subject, teachers needed): SD class teachers one per rombel; SMP Matematika
        // 12 rombel × 5 JP / 24; BK 300 pupils / 150.
        let cases = [
            (Subject::new(Sd, Mapel::GuruKelas), 12.0),
            (Subject::new(Smp, Mapel::Matematika), 12.0 * 5.0 / 24.0),
            (Subject::new(Smp, Mapel::BahasaIndonesia), 12.0 * 6.0 / 24.0),
            (Subject::new(Sd, Mapel::Pjok), 12.0 * 3.0 / 24.0),
            (Subject::new(Smp, Mapel::Bk), 2.0),
            (Subject::new(Sd, Mapel::Matematika), 0.0),
        ];
        for (s, want) in cases {
            let w = weekly_hours(&info, s, &rules) / 24.0;
            assert!((w - want).abs() < 1e-9, "{s}: {w} vs {want}");
        }
        // Without a recorded rombel count, pupils over the largest class (SMP 32): 300 → 10.
        let by_pupils = SchoolInfo {
            rombel: 0,
            pupils: 300,
        };
        assert_eq!(
            rombel(&by_pupils, Subject::new(Smp, Mapel::Ipa), &rules),
            10.0
        );
    }
}
