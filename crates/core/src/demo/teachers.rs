//! The education service of the demo city: each school's size (rombel, pupils), its principal
//! post and teaching posts per subject with formations sized by the school's teacher need
//! ([`staff_school`]), and each teacher's record, grade and history ([`grade`],
//! [`record`], [`history`]): principals in their first and second periods (some with both
//! used up, some without the training certificate), teachers up to 60, PPPK teachers with a
//! contract end and years of teaching before their appointment, certificates for the subject
//! taught (a few for another), managerial tasks, and a few who came back to teaching from
//! another jabatan.

use super::org::{Fill, Org, Seat, Staff, P};
use super::rng::Rng;
use crate::model::*;
use crate::rules::RuleSet;
use crate::school::need::{teacher_need, weekly_hours};
use crate::text::add_months;
use chrono::{Datelike, NaiveDate};

/// Subjects taught by an SD's teachers.
pub(super) const SD_SUBJECTS: [Mapel; 3] = [Mapel::GuruKelas, Mapel::Pai, Mapel::Pjok];
/// Subjects taught by an SMP's teachers.
pub(super) const SMP_SUBJECTS: [Mapel; 11] = [
    Mapel::Pai,
    Mapel::Ppkn,
    Mapel::BahasaIndonesia,
    Mapel::Matematika,
    Mapel::Ipa,
    Mapel::Ips,
    Mapel::BahasaInggris,
    Mapel::Pjok,
    Mapel::Informatika,
    Mapel::SeniBudaya,
    Mapel::Bk,
];

const EDU: &[Field] = &[Field::Pendidikan];

fn golongan(s: &str) -> Golongan {
    Golongan::parse(s).unwrap_or(Golongan::MIN)
}

/// A post of the JF Guru: entry level Ahli Pertama, any guru's golongan (III/a–IV/e).
fn guru_post(org: &mut Org, id: String, name: String, special: Option<SpecialRole>) -> usize {
    let i = org.position(P {
        id,
        name,
        kind: JabatanKind::AhliPertama,
        eselon: None,
        edu: EducationLevel::S1,
        accepted: EDU,
        diklat: &[],
        key: false,
        special,
        field: Field::Pendidikan,
        range: Some((golongan("III/a"), golongan("IV/e"))),
    });
    org.positions[i].profession = Some(Profession::Guru);
    i
}

/// The principal post of a level.
pub(super) fn principal_post(org: &mut Org, level: SchoolLevel) -> usize {
    guru_post(
        org,
        format!("KEPSEK-{level}"),
        format!("Kepala {level} Negeri"),
        Some(SpecialRole::KepalaSekolah),
    )
}

fn code(m: Mapel) -> &'static str {
    match m {
        Mapel::GuruKelas => "KELAS",
        Mapel::Pai => "PAI",
        Mapel::Ppkn => "PPKN",
        Mapel::BahasaIndonesia => "BINDO",
        Mapel::Matematika => "MTK",
        Mapel::Ipa => "IPA",
        Mapel::Ips => "IPS",
        Mapel::BahasaInggris => "BING",
        Mapel::Pjok => "PJOK",
        Mapel::Informatika => "INF",
        Mapel::SeniBudaya => "SENI",
        Mapel::Bk => "BK",
    }
}

/// The teaching post of a subject.
pub(super) fn teaching_post(org: &mut Org, subject: Subject) -> usize {
    let name = match subject.mapel {
        Mapel::GuruKelas => format!("Guru Kelas {}", subject.level),
        Mapel::Bk => format!("Guru Bimbingan dan Konseling {}", subject.level),
        m => format!("Guru {m} {}", subject.level),
    };
    let i = guru_post(
        org,
        format!("GURU-{}-{}", code(subject.mapel), subject.level),
        name,
        None,
    );
    org.positions[i].subject = Some(subject);
    i
}

/// The major a teacher of `subject` studied.
pub(super) fn major(subject: Subject) -> &'static str {
    match subject.mapel {
        Mapel::GuruKelas => "Pendidikan Guru Sekolah Dasar",
        Mapel::Pai => "Pendidikan Agama Islam",
        Mapel::Ppkn => "Pendidikan Pancasila dan Kewarganegaraan",
        Mapel::BahasaIndonesia => "Pendidikan Bahasa Indonesia",
        Mapel::Matematika => "Pendidikan Matematika",
        Mapel::Ipa => "Pendidikan IPA",
        Mapel::Ips => "Pendidikan IPS",
        Mapel::BahasaInggris => "Pendidikan Bahasa Inggris",
        Mapel::Pjok => "Pendidikan Jasmani",
        Mapel::Informatika => "Pendidikan Teknologi Informasi",
        Mapel::SeniBudaya => "Pendidikan Seni",
        Mapel::Bk => "Bimbingan dan Konseling",
    }
}

/// The subjects a degree for `subject` qualifies for: PAI and PJOK at both levels.
pub(super) fn qualified(subject: Subject) -> Vec<Subject> {
    match subject.mapel {
        Mapel::Pai | Mapel::Pjok => SchoolLevel::ALL
            .iter()
            .map(|&l| Subject::new(l, subject.mapel))
            .collect(),
        _ => vec![subject],
    }
}

/// A school's size, its principal seat and its teaching formations by need. Schools differ:
/// some hold more teachers than they need, some fewer.
pub(super) fn staff_school(org: &mut Org, rng: &mut Rng, u: usize, level: SchoolLevel, plt: bool) {
    let (rombel, per) = match level {
        SchoolLevel::Sd => (rng.normal(21.0, 3.0).clamp(6.0, 24.0), 26.0),
        SchoolLevel::Smp => (rng.normal(31.0, 3.0).clamp(9.0, 33.0), 30.0),
    };
    let rombel = rombel.round() as u16;
    let pupils = (rombel as f64 * rng.normal(per, 2.0).clamp(16.0, per + 2.0)).round() as u32;
    org.units[u].school = Some(SchoolInfo { rombel, pupils });
    let kp = principal_post(org, level);
    org.seats.push(Seat {
        unit: u,
        position: kp,
        fill: if plt { Fill::Plt } else { Fill::Definitive },
        staff: Staff::Teacher,
    });
    let rules = RuleSet::default();
    // How this school is staffed against its need: some over, some short.
    let school_fill = rng.normal(1.0, 0.16).clamp(0.6, 1.45);
    let subjects: &[Mapel] = match level {
        SchoolLevel::Sd => &SD_SUBJECTS,
        SchoolLevel::Smp => &SMP_SUBJECTS,
    };
    for &m in subjects {
        let subject = Subject::new(level, m);
        let need = teacher_need(&org.units[u], subject, &rules).unwrap_or(0.0);
        if need <= 0.05 {
            continue;
        }
        let p = teaching_post(org, subject);
        let fill = (school_fill * rng.normal(1.0, 0.12)).max(0.3);
        let held = (need * fill).round() as u32;
        for i in 0..held.max(need.ceil() as u32) {
            org.seats.push(Seat {
                unit: u,
                position: p,
                fill: if i < held {
                    Fill::Definitive
                } else {
                    Fill::Vacant
                },
                staff: Staff::Teacher,
            });
        }
    }
}

/// Status and golongan index of a guru: principals are PNS III/c–IV/c (a rare PPPK on the
/// PPPK route); teachers are PPPK more often than not, PNS spread over III/a–IV/c.
pub(super) fn grade(rng: &mut Rng, principal: bool) -> (EmployeeStatus, u8) {
    let pick = |rng: &mut Rng, table: &[(u8, u32)]| {
        let total: u32 = table.iter().map(|x| x.1).sum();
        let mut x = rng.below(total as u64) as u32;
        for &(g, w) in table {
            if x < w {
                return g;
            }
            x -= w;
        }
        table[0].0
    };
    if principal {
        if rng.chance(0.02) {
            return (EmployeeStatus::Pppk, 8);
        }
        return (
            EmployeeStatus::Pns,
            pick(rng, &[(10, 10), (11, 22), (12, 48), (13, 17), (14, 3)]),
        );
    }
    if rng.chance(0.62) {
        return (EmployeeStatus::Pppk, 8);
    }
    if rng.chance(0.03) {
        return (EmployeeStatus::Cpns, 8);
    }
    (
        EmployeeStatus::Pns,
        pick(
            rng,
            &[
                (8, 12),
                (9, 14),
                (10, 14),
                (11, 18),
                (12, 32),
                (13, 9),
                (14, 1),
            ],
        ),
    )
}

/// The teacher's record for a teacher of `subject` (None: a principal, whose subject is drawn
/// from the level), the PPPK contract, and the major studied.
pub(super) fn record(
    rng: &mut Rng,
    emp: &mut Employee,
    subject: Subject,
    since: NaiveDate,
    date: NaiveDate,
    principal: bool,
) {
    if let Some(ed) = emp.education.last_mut() {
        ed.major = major(subject).to_string();
        ed.field = Field::Pendidikan;
    }
    let pppk = emp.status == EmployeeStatus::Pppk;
    let start = emp.nip.cpns_month();
    let certified = principal
        || match emp.status {
            EmployeeStatus::Pns => rng.chance(0.78),
            EmployeeStatus::Pppk => rng.chance(0.3),
            EmployeeStatus::Cpns => false,
        };
    let mut cert_subject = subject;
    let quals = qualified(subject);
    if !principal && quals.len() > 1 && rng.chance(0.12) {
        // Certified at the other level than the one taught now (the allowance is at risk).
        cert_subject = *rng.pick(&quals);
    }
    let cert_year = (start.year() + rng.range(2, 10) as i32).min(date.year() - 1);
    let teaching_since = if pppk {
        // Years as an honorary teacher before the PPPK appointment, from 22 at the earliest.
        let earliest = add_months(emp.birth_date(), 22 * 12).min(start);
        Some(add_months(start, -(rng.range(0, 200) as i32)).max(earliest))
    } else {
        None
    };
    let mut tasks = Vec::new();
    if emp.pangkat.golongan.index() >= 10 && (principal || rng.chance(0.3)) {
        let kind = *rng.pick(&[
            TaskKind::WakilKepala,
            TaskKind::WakilKepala,
            TaskKind::KepalaLaboratorium,
            TaskKind::KepalaPerpustakaan,
        ]);
        let months = rng.range(10, 60) as i32;
        let end = if principal {
            since.pred_opt().unwrap_or(since)
        } else if rng.chance(0.5) {
            date
        } else {
            add_months(date, -(rng.range(1, 40) as i32))
        };
        let begin = add_months(end, -months).max(start);
        if let Ok(period) = Period::new(begin, end) {
            tasks.push(AdditionalTask { kind, period });
        }
    }
    emp.teacher = Some(TeacherRecord {
        qualified: quals,
        certificate: certified.then(|| Certificate {
            subject: cert_subject,
            year: cert_year.max(start.year()) as u16,
        }),
        nrg: certified.then(|| format!("{}{:08}", cert_year % 100, rng.below(100_000_000))),
        hours: 0,
        tasks,
        teaching_since,
    });
    if pppk {
        // Five-year agreements from the appointment; some end soon.
        let end = add_months(start, 60).pred_opt().unwrap_or(start);
        emp.contract_end = Some(end.max(add_months(date, rng.range(1, 30) as i32)));
    }
}

/// The posts a guru held before the current one (newest last), back to back where it goes on:
/// a principal's earlier assignment at another school and the teaching before it; a teacher's
/// earlier school; now and then another jabatan before teaching again.
#[allow(clippy::too_many_arguments)]
pub(super) fn history(
    rng: &mut Rng,
    emp: &mut Employee,
    pos: &Position,
    unit: &Unit,
    since: NaiveDate,
    date: NaiveDate,
    schools: &[UnitId],
    disdik: &UnitId,
) {
    let start = emp.nip.cpns_month();
    let mut rows: Vec<PastPost> = Vec::new();
    let mut cursor = since;
    let row = |title: String, unit: UnitId, special, profession, from: NaiveDate, to: NaiveDate| {
        Period::new(from, to).ok().map(|period| PastPost {
            title,
            unit,
            kind: JabatanKind::AhliPertama,
            field: Field::Pendidikan,
            special,
            profession,
            period,
        })
    };
    let other_school = |rng: &mut Rng| -> UnitId {
        let mut u = rng.pick(schools).clone();
        if u == unit.id {
            u = rng.pick(schools).clone();
        }
        u
    };
    if pos.is_principal() {
        // An earlier assignment at another school: moved after two to five years.
        let served = crate::text::months_between(since, date);
        if served < 60 && rng.chance(0.4) {
            let months = rng.range(24, 60) as i32;
            let from = add_months(cursor, -months).max(start);
            if let Some(r) = row(
                pos.name.clone(),
                other_school(rng),
                Some(SpecialRole::KepalaSekolah),
                Some(Profession::Guru),
                from,
                cursor.pred_opt().unwrap_or(cursor),
            ) {
                rows.push(r);
                cursor = from;
            }
        }
        if rng.chance(0.82) {
            emp.diklat.push(Diklat {
                kind: DiklatKind::CalonKepalaSekolah,
                name: "Pelatihan Calon Kepala Sekolah".into(),
                year: (cursor.year() - rng.range(1, 3) as i32).max(start.year()) as u16,
                hours: 300,
            });
        }
    }
    // Teaching before, at another school; now and then another jabatan before that.
    if crate::text::months_between(start, cursor) >= 24 && rng.chance(0.6) {
        let title = unit_teaching_title(pos);
        let to = cursor.pred_opt().unwrap_or(cursor);
        let other_jabatan = emp.status == EmployeeStatus::Pns && rng.chance(0.06);
        let from = if other_jabatan {
            add_months(cursor, -(rng.range(12, 70) as i32)).max(start)
        } else {
            start
        };
        if let Some(r) = row(
            title,
            other_school(rng),
            None,
            Some(Profession::Guru),
            from,
            to,
        ) {
            rows.push(r);
        }
        if other_jabatan && from > start {
            let staff_to = from.pred_opt().unwrap_or(from);
            let staff_from = add_months(from, -(rng.range(24, 60) as i32)).max(start);
            if let Ok(period) = Period::new(staff_from, staff_to) {
                rows.push(PastPost {
                    title: "Pengelola Data Pendidikan".into(),
                    unit: disdik.clone(),
                    kind: JabatanKind::Pelaksana,
                    field: Field::Pendidikan,
                    special: None,
                    profession: None,
                    period,
                });
            }
        }
    }
    rows.sort_by_key(|r| r.period.start());
    emp.history.extend(rows);
}

fn unit_teaching_title(pos: &Position) -> String {
    if pos.is_principal() {
        "Guru".into()
    } else {
        pos.name.clone()
    }
}

/// An ex-principal now teaching: one or two periods served long ago at another school.
pub(super) fn former_principal(
    rng: &mut Rng,
    emp: &mut Employee,
    since: NaiveDate,
    schools: &[UnitId],
    level: SchoolLevel,
) {
    let start = emp.nip.cpns_month();
    let months = *rng.pick(&[48, 96, 96]);
    let to = since.pred_opt().unwrap_or(since);
    let from = add_months(since, -months);
    if from <= start {
        return;
    }
    if let Ok(period) = Period::new(from, to) {
        emp.history.retain(|p| p.period.end() < from);
        emp.history.push(PastPost {
            title: format!("Kepala {level} Negeri"),
            unit: rng.pick(schools).clone(),
            kind: JabatanKind::AhliPertama,
            field: Field::Pendidikan,
            special: Some(SpecialRole::KepalaSekolah),
            profession: Some(Profession::Guru),
            period,
        });
        emp.diklat.push(Diklat {
            kind: DiklatKind::CalonKepalaSekolah,
            name: "Diklat Calon Kepala Sekolah".into(),
            year: from.year().max(start.year()) as u16,
            hours: 300,
        });
    }
}

/// Weekly hours of every teacher: their school's JP of the subject shared by its teachers.
pub(super) fn set_hours(parts: &mut crate::DatasetParts) {
    let rules = parts.rules.clone();
    let mut count: std::collections::HashMap<(UnitId, Subject), u32> = Default::default();
    let subjects: std::collections::HashMap<&PositionId, Subject> = parts
        .positions
        .iter()
        .filter_map(|p| Some((&p.id, p.subject?)))
        .collect();
    let mut held: Vec<(Nip, UnitId, Subject)> = Vec::new();
    for s in &parts.slots {
        if let (Some(h), Some(subject)) = (&s.holder, subjects.get(&s.position).copied()) {
            if let (HoldKind::Definitive, Some(nip)) = (h.kind, &h.nip) {
                *count.entry((s.unit.clone(), subject)).or_default() += 1;
                held.push((nip.clone(), s.unit.clone(), subject));
            }
        }
    }
    let schools: std::collections::HashMap<UnitId, SchoolInfo> = parts
        .units
        .iter()
        .filter_map(|u| Some((u.id.clone(), u.school?)))
        .collect();
    let by_nip: std::collections::HashMap<Nip, usize> = parts
        .employees
        .iter()
        .enumerate()
        .map(|(i, e)| (e.nip.clone(), i))
        .collect();
    for (nip, unit, subject) in held {
        let Some(info) = schools.get(&unit) else {
            continue;
        };
        let n = count[&(unit, subject)].max(1) as f64;
        let each = (weekly_hours(info, subject, &rules) / n).min(rules.schools.max_hours as f64);
        if let Some(t) = by_nip
            .get(&nip)
            .and_then(|&i| parts.employees[i].teacher.as_mut())
        {
            t.hours = each.round() as u8;
        }
    }
}

/// Share of the principals appointed from [`MASTERS_POLICY_YEAR`] on who hold, or completed, a
/// master's degree in education (on top of those drawn with one by the person generator).
const MASTERS_SHARE: f64 = 0.45;
/// The year from which the demo city appoints principals with a master's in education more
/// often: the change the Dampak screen evaluates (`crate::evaluation::school_principals`).
pub(super) const MASTERS_POLICY_YEAR: i32 = 2023;

/// Principals appointed since [`MASTERS_POLICY_YEAR`] hold an S2 in education more often (an
/// "M.Pd." earned before the appointment). This gives the demo city enough schools whose
/// principal changed to one with a strong educational background for the evaluation to report
/// an estimate. It draws from its own generator (from `seed`), so nothing else of the city
/// moves: only these principals' degrees and the degree in their names.
pub(super) fn masters_in_education(parts: &mut crate::DatasetParts, seed: u64) {
    let mut rng = Rng::new(seed ^ 0x4D50_6421_2023);
    let principal_posts: std::collections::HashSet<&PositionId> = parts
        .positions
        .iter()
        .filter(|p| p.is_principal())
        .map(|p| &p.id)
        .collect();
    let appointed: std::collections::HashMap<Nip, NaiveDate> = parts
        .slots
        .iter()
        .filter(|s| principal_posts.contains(&s.position))
        .filter_map(|s| {
            let h = s.holder.as_ref()?;
            (h.kind == HoldKind::Definitive && h.since.year() >= MASTERS_POLICY_YEAR)
                .then(|| Some((h.nip.clone()?, h.since)))?
        })
        .collect();
    for e in parts.employees.iter_mut() {
        let Some(since) = appointed.get(&e.nip) else {
            continue;
        };
        let Some(top) = e.education.last().cloned() else {
            continue;
        };
        if top.level != EducationLevel::S1 || !rng.chance(MASTERS_SHARE) {
            continue;
        }
        let earliest = i64::from(top.year) + 2;
        let latest = i64::from(since.year()).max(earliest);
        e.education.push(Education {
            level: EducationLevel::S2,
            major: rng
                .pick(&[
                    "Manajemen Pendidikan",
                    "Administrasi Pendidikan",
                    "Teknologi Pendidikan",
                ])
                .to_string(),
            field: Field::Pendidikan,
            year: rng.range(earliest, latest) as u16,
        });
        e.name.push_str(", M.Pd.");
    }
}
