//! Synthesises one employee for a seat: name, NIP, rank, education, competencies, SKP,
//! sanctions, dates, history and preferences, all plausible for the position.

use super::catalog::{degree, majors};
use super::names::*;
use super::org::Staff;
use super::rng::Rng;
use crate::model::*;
use crate::rules::RuleSet;
use crate::text::add_months;
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;

pub(super) struct PersonCtx<'a> {
    pub date: NaiveDate,
    pub rules: &'a RuleSet,
    pub opd_ids: &'a [UnitId],
    pub nips: HashSet<String>,
    pub serial: u32,
}

fn gol(i: u8) -> Golongan {
    Golongan::from_index(i.min(16)).unwrap_or(Golongan::MAX)
}

fn lv(v: i64) -> Level {
    Level::new(v.clamp(1, 5) as u8).unwrap_or(Level::new(1).expect("1 is a level"))
}

fn months_ago(date: NaiveDate, m: i64) -> NaiveDate {
    add_months(date, -(m as i32))
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d)
}

fn other_field(rng: &mut Rng) -> Field {
    *rng.pick(&[
        Field::Pemerintahan,
        Field::Ekonomi,
        Field::Hukum,
        Field::Sosial,
        Field::Informatika,
        Field::Pendidikan,
        Field::Umum,
    ])
}

fn pick_field(rng: &mut Rng, pos: &Position, unit: &Unit) -> Field {
    if !pos.accepted_fields.is_empty() {
        if rng.chance(0.93) || pos.kind.is_functional() {
            return *rng.pick(&pos.accepted_fields);
        }
        return other_field(rng);
    }
    if rng.chance(0.5) {
        unit.field
    } else {
        other_field(rng)
    }
}

fn education(rng: &mut Rng, pos: &Position, field: Field) -> Vec<Education> {
    use EducationLevel::*;
    let mut lvl = pos.education_min;
    if lvl == Sma && rng.chance(0.35) {
        lvl = *rng.pick(&[D3, S1, S1]);
    }
    if lvl == D3 && rng.chance(0.3) {
        lvl = S1;
    }
    let s2 = if pos.kind.is_structural() { 0.45 } else { 0.1 };
    if lvl == S1 && rng.chance(s2) {
        lvl = S2;
    }
    let field = if lvl <= Sma { Field::Umum } else { field };
    let year = 2000 + rng.range(0, 20) as u16;
    let mut v = Vec::new();
    if lvl == S2 {
        v.push(Education {
            level: S1,
            major: rng.pick(majors(field)).to_string(),
            field,
            year: year - 3,
        });
    }
    v.push(Education {
        level: lvl,
        major: rng.pick(majors(field)).to_string(),
        field,
        year,
    });
    v
}

fn name(rng: &mut Rng, sex: Sex, edu: &Education) -> String {
    let female = sex == Sex::Female;
    let first = if female {
        rng.pick(FEMALE)
    } else {
        rng.pick(MALE)
    };
    let second: String = if rng.chance(0.15) {
        let n = 2 + rng.below(2) as usize;
        let mut s: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
        if let Some(c) = s.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        s
    } else if female {
        rng.pick(SECOND_F).to_string()
    } else {
        rng.pick(SECOND).to_string()
    };
    let honor = if rng.chance(0.08) {
        format!(
            "{} ",
            if female {
                rng.pick(TITLE_F)
            } else {
                rng.pick(TITLE_M)
            }
        )
    } else {
        String::new()
    };
    let (pre, post) = match edu.level {
        EducationLevel::S1 | EducationLevel::S2 if edu.field == Field::Kedokteran => {
            ("dr. ", String::new())
        }
        EducationLevel::S1 => ("", format!(", {}", degree(edu.field))),
        EducationLevel::S2 => ("", format!(", {}, M.Si.", degree(edu.field))),
        EducationLevel::D3 => ("", ", A.Md.".to_string()),
        _ => ("", String::new()),
    };
    format!("{pre}{honor}{first} {second}{post}")
}

/// Entry grade for a PNS by education (SMA II/a, D-III II/c, S1 III/a, S2 III/b).
fn entry_grade(l: EducationLevel) -> u8 {
    match l {
        EducationLevel::S2 | EducationLevel::S3 => 9,
        EducationLevel::S1 => 8,
        EducationLevel::D3 | EducationLevel::D2 | EducationLevel::D1 => 6,
        _ => 4,
    }
}

pub(super) fn make(
    rng: &mut Rng,
    cx: &mut PersonCtx,
    pos: &Position,
    unit: &Unit,
    opd: &UnitId,
    staff: Staff,
) -> Employee {
    let date = cx.date;
    let pppk_share = match staff {
        Staff::Teacher => 0.95,
        Staff::Health => 0.72,
        Staff::Office => 0.64,
    };
    let entry_level = matches!(
        pos.kind,
        JabatanKind::AhliPertama
            | JabatanKind::Terampil
            | JabatanKind::Pelaksana
            | JabatanKind::Pemula
    );
    // A guru's status and grade follow the teaching profession (see `teachers::grade`).
    let guru = pos
        .is_guru()
        .then(|| super::teachers::grade(rng, pos.is_principal()));
    let pppk = match guru {
        Some((status, _)) => status == EmployeeStatus::Pppk,
        None => entry_level && !pos.kind.is_structural() && rng.chance(pppk_share),
    };
    let field = pick_field(rng, pos, unit);
    let education = education(rng, pos, field);
    let top = education.last().expect("at least one education").clone();
    let entry = entry_grade(top.level);
    let cpns = match guru {
        Some((status, _)) => status == EmployeeStatus::Cpns,
        None => !pppk && entry_level && rng.chance(0.03),
    };
    let status = if pppk {
        EmployeeStatus::Pppk
    } else if cpns {
        EmployeeStatus::Cpns
    } else {
        EmployeeStatus::Pns
    };
    let (lo, hi) = (pos.golongan_min.index(), pos.golongan_max.index());
    let g = if let Some((_, g)) = guru {
        g
    } else if pppk || cpns {
        entry.clamp(lo, hi.max(lo))
    } else if pos.kind == JabatanKind::Pelaksana {
        (entry + rng.below(5) as u8).min(11)
    } else {
        lo + rng.below((hi - lo + 1) as u64) as u8
    };
    let grades_up = g.saturating_sub(entry) as i64;
    let service_months = if pppk {
        rng.range(10, 58)
    } else if cpns {
        rng.range(1, 10)
    } else if guru.is_some() && rng.chance(0.4) {
        // Teachers often stay long at the top grades: the city's oldest are teachers near 60
        // (who entered service at 23 at the earliest).
        let most = (cx.rules.bup_for(Some(pos)).age as i64 - 23) * 12;
        (grades_up * 48 + rng.range(12, 60) + rng.range(24, 240)).min(most)
    } else {
        grades_up * 48 + rng.range(12, 60)
    };
    let start = first_of_month(months_ago(date, service_months));
    let entry_age = match top.level {
        EducationLevel::S2 | EducationLevel::S1 => 24,
        EducationLevel::D3 => 22,
        _ => 20,
    } + rng.range(0, if pppk { 18 } else { 8 });
    let sex = if rng.chance(if staff == Staff::Teacher || staff == Staff::Health {
        0.7
    } else {
        0.42
    }) {
        Sex::Female
    } else {
        Sex::Male
    };
    let bup = cx.rules.bup_for(Some(pos)).age as i64;
    let mut birth = months_ago(start, entry_age * 12 + rng.range(0, 11));
    birth = birth.with_day(1 + rng.below(28) as u32).unwrap_or(birth);
    // Keep everyone below retirement age, a few within a year of it.
    let max_age_months = bup * 12 - rng.range(1, 30);
    if months_ago(date, max_age_months) > birth {
        birth = months_ago(date, max_age_months)
            .with_day(1 + rng.below(28) as u32)
            .unwrap_or(birth);
    }
    let mut serial = cx.serial;
    let nip = loop {
        serial += 1;
        if let Ok(n) = Nip::from_parts(birth, start, sex, (serial % 1000) as u16) {
            if cx.nips.insert(n.as_str().to_string()) {
                break n;
            }
        }
    };
    cx.serial = serial;
    let tmt = if grades_up == 0 {
        start
    } else {
        first_of_month(months_ago(date, rng.range(1, 47))).max(start)
    };

    let req = pos.competency;
    let base = req.managerial.get() as i64
        + if rng.chance(0.3) { -1 } else { 0 }
        + if rng.chance(0.2) { 1 } else { 0 };
    let managerial = [0; 8].map(|_| lv(base + rng.range(-1, 1)));
    let mut technical = vec![TechnicalLevel {
        field: pos.field,
        level: lv(req.technical.get() as i64 + rng.range(-1, 1)),
    }];
    if rng.chance(0.2) {
        let f = other_field(rng);
        if f != pos.field {
            technical.push(TechnicalLevel {
                field: f,
                level: lv(rng.range(1, 3)),
            });
        }
    }
    let mut diklat = Vec::new();
    for &k in &pos.required_diklat {
        if rng.chance(0.85) {
            diklat.push(Diklat {
                kind: k,
                name: k.label().to_string(),
                year: (date.year() - rng.range(1, 8) as i32) as u16,
                hours: 300,
            });
        }
    }
    if pos.kind.is_functional() && pos.field == Field::Pendidikan && g >= 10 && rng.chance(0.2) {
        diklat.push(Diklat {
            kind: DiklatKind::CalonKepalaSekolah,
            name: "Diklat Calon Kepala Sekolah".into(),
            year: (date.year() - 2) as u16,
            hours: 300,
        });
    }
    if g >= 10 && !pos.kind.is_structural() && rng.chance(0.15) {
        diklat.push(Diklat {
            kind: DiklatKind::Pkp,
            name: "PKP".into(),
            year: (date.year() - 3) as u16,
            hours: 400,
        });
    }
    let quality = rng.normal(0.0, 1.0);
    let skp = (1..=3)
        .filter(|k| date.year() - k >= start.year())
        .map(|k| {
            let x = quality + rng.normal(0.0, 0.6);
            let predikat = if x > 1.2 {
                Predikat::SangatBaik
            } else if x > -1.4 {
                Predikat::Baik
            } else if x > -1.9 {
                Predikat::ButuhPerbaikan
            } else if x > -2.3 {
                Predikat::Kurang
            } else {
                Predikat::SangatKurang
            };
            SkpRecord {
                year: (date.year() - k) as u16,
                predikat,
                rater: None,
            }
        })
        .collect();
    let mut sanctions = Vec::new();
    let roll = rng.unit();
    let sanction = if roll < 0.003 {
        Some((SanctionLevel::Berat, 12))
    } else if roll < 0.012 {
        Some((SanctionLevel::Sedang, *rng.pick(&[6, 9, 12])))
    } else if roll < 0.03 {
        Some((SanctionLevel::Ringan, 0))
    } else {
        None
    };
    if let Some((level, months)) = sanction {
        let s = months_ago(date, rng.range(0, 30)).max(start);
        let e = if months == 0 {
            s
        } else {
            add_months(s, months).pred_opt().unwrap_or(s)
        };
        let description = match level {
            SanctionLevel::Ringan => "Teguran tertulis".to_string(),
            SanctionLevel::Sedang => {
                format!("Pemotongan tunjangan kinerja 25% selama {months} bulan")
            }
            SanctionLevel::Berat => {
                "Penurunan jabatan setingkat lebih rendah selama 12 bulan".to_string()
            }
        };
        if let Ok(period) = Period::new(s, e) {
            sanctions.push(Sanction {
                level,
                description,
                period,
            });
        }
    }
    let home = if rng.chance(0.55) {
        unit.kecamatan
    } else {
        let near: Vec<Kecamatan> = unit.kecamatan.neighbours().collect();
        if !near.is_empty() && rng.chance(0.55) {
            *rng.pick(&near)
        } else {
            *rng.pick(Kecamatan::ALL)
        }
    };
    let mut preferences = Preferences::default();
    if rng.chance(0.25) {
        preferences.kecamatan.push(home);
    }
    if rng.chance(0.1) {
        preferences.fields.push(field);
    }
    if rng.chance(0.06) {
        preferences
            .units
            .push(cx.opd_ids[rng.below(cx.opd_ids.len() as u64) as usize].clone());
    }
    let awards = [0, 0, 0, 1, 1, 2, 3][rng.below(7) as usize];
    let potential = rng
        .chance(0.35)
        .then(|| rng.normal(62.0, 14.0).clamp(0.0, 100.0) as u8);
    let _ = opd;
    Employee {
        name: name(rng, sex, &top),
        nip,
        status,
        pangkat: Pangkat {
            golongan: gol(g),
            tmt,
        },
        education,
        diklat,
        competencies: Competencies {
            managerial,
            socio_cultural: lv(base + rng.range(-1, 1)),
            technical,
        },
        skp,
        sanctions,
        current: None,
        history: Vec::new(),
        home,
        preferences,
        awards,
        potential,
        teacher: None,
        contract_end: None,
    }
}
