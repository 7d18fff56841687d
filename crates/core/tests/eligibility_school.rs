//! Table tests of the education service's rules (DOMAIN.md §3a): each case names the article
//! and covers the edges — the day a period ends, 56 years and one day, exactly two years at a
//! school, an SKP "Butuh Perbaikan" one year back, eight years of teaching for a PPPK — on a
//! small district: two SD, one SMP, a Dinas Pendidikan with a school supervisor, and a Setda.
//!
//! Longer than 500 lines on purpose: the district is built literally, and each article's edge
//! cases sit next to the article they test, so the file reads as the regulation's checklist.

use chrono::NaiveDate;
use mutasi_core::eligibility::{eligibility, Outcome, RuleId, Severity};
use mutasi_core::fixture;
use mutasi_core::model::*;
use mutasi_core::{Dataset, DatasetParts, RuleSet};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const NIP: &str = "197803102003011001";

fn unit(id: &str, kind: UnitKind, parent: Option<&str>, school: Option<(u16, u32)>) -> Unit {
    Unit {
        id: UnitId::new(id).unwrap(),
        name: id.into(),
        short: if id == "SETDA" {
            "Setda".into()
        } else {
            id.into()
        },
        kind,
        parent: parent.map(|p| UnitId::new(p).unwrap()),
        kecamatan: Kecamatan::Kemuning,
        field: Field::Pendidikan,
        school: school.map(|(rombel, pupils)| SchoolInfo { rombel, pupils }),
    }
}

fn subject(level: SchoolLevel, mapel: Mapel) -> Subject {
    Subject::new(level, mapel)
}

fn post(
    id: &str,
    profession: Option<Profession>,
    sub: Option<Subject>,
    principal: bool,
) -> Position {
    let template = fixture::small().into_parts().positions;
    let mut p = template
        .into_iter()
        .find(|p| p.id.as_str() == "ANALIS-SDM")
        .unwrap();
    p.id = PositionId::new(id).unwrap();
    p.name = id.into();
    p.golongan_min = Golongan::parse("III/a").unwrap();
    p.golongan_max = Golongan::parse("IV/e").unwrap();
    p.accepted_fields = if profession.is_some() {
        vec![Field::Pendidikan]
    } else {
        Vec::new()
    };
    p.profession = profession;
    p.subject = sub;
    p.special = principal.then_some(SpecialRole::KepalaSekolah);
    p.field = Field::Pendidikan;
    p
}

/// The mover: a PNS IV/a class teacher, certified and trained, two good SKP years, four years
/// as wakil kepala, born 1978-03-10.
fn teacher() -> Employee {
    let mut e = fixture::small()
        .employees()
        .iter()
        .find(|e| e.nip.as_str() == fixture::nips::GURU_PLT)
        .unwrap()
        .clone();
    e.nip = Nip::parse(NIP).unwrap();
    e.status = EmployeeStatus::Pns;
    e.pangkat.golongan = Golongan::parse("IV/a").unwrap();
    e.pangkat.tmt = d("2020-04-01");
    e.skp = vec![
        SkpRecord {
            year: 2025,
            predikat: Predikat::Baik,
            rater: None,
        },
        SkpRecord {
            year: 2024,
            predikat: Predikat::SangatBaik,
            rater: None,
        },
    ];
    let kelas = subject(SchoolLevel::Sd, Mapel::GuruKelas);
    e.teacher = Some(TeacherRecord {
        qualified: vec![kelas],
        certificate: Some(Certificate {
            subject: kelas,
            year: 2010,
        }),
        nrg: Some("101234567890".into()),
        hours: 28,
        tasks: vec![AdditionalTask {
            kind: TaskKind::WakilKepala,
            period: Period::new(d("2020-01-01"), d("2023-12-31")).unwrap(),
        }],
        teaching_since: None,
    });
    e
}

fn with_birth(e: &mut Employee, birth: &str) {
    let n = e.nip.as_str();
    e.nip = Nip::parse(&format!("{}{}", birth.replace('-', ""), &n[8..])).unwrap();
}

/// The district with the mover holding `at` since `since` (the other seats vacant).
fn district(mover: Employee, at: &str, since: &str) -> Dataset {
    let units = vec![
        unit("DISDIK", UnitKind::Opd, None, None),
        unit("SETDA", UnitKind::Opd, None, None),
        unit("SDN-A", UnitKind::SdNegeri, Some("DISDIK"), Some((12, 300))),
        unit("SDN-B", UnitKind::SdNegeri, Some("DISDIK"), Some((12, 300))),
        unit("SMPN-C", UnitKind::SmpNegeri, Some("DISDIK"), Some((3, 90))),
    ];
    let g = Some(Profession::Guru);
    let (sd, smp) = (SchoolLevel::Sd, SchoolLevel::Smp);
    let positions = vec![
        post("KEPSEK-SD", g, None, true),
        post("KEPSEK-SMP", g, None, true),
        post(
            "GURU-KELAS-SD",
            g,
            Some(subject(sd, Mapel::GuruKelas)),
            false,
        ),
        post("GURU-PAI-SD", g, Some(subject(sd, Mapel::Pai)), false),
        post("GURU-PAI-SMP", g, Some(subject(smp, Mapel::Pai)), false),
        post(
            "GURU-MTK-SMP",
            g,
            Some(subject(smp, Mapel::Matematika)),
            false,
        ),
        post("GURU-IPA-SMP", g, Some(subject(smp, Mapel::Ipa)), false),
        post("PENGAWAS", Some(Profession::PengawasSekolah), None, false),
        post("ANALIS", None, None, false),
    ];
    let seats = [
        ("SDN-A/KEPSEK", "SDN-A", "KEPSEK-SD"),
        ("SDN-B/KEPSEK", "SDN-B", "KEPSEK-SD"),
        ("SMPN-C/KEPSEK", "SMPN-C", "KEPSEK-SMP"),
        ("SDN-A/GURU-1", "SDN-A", "GURU-KELAS-SD"),
        ("SDN-A/GURU-2", "SDN-A", "GURU-KELAS-SD"),
        ("SDN-A/PAI-1", "SDN-A", "GURU-PAI-SD"),
        ("SDN-B/GURU-1", "SDN-B", "GURU-KELAS-SD"),
        ("SMPN-C/PAI-1", "SMPN-C", "GURU-PAI-SMP"),
        ("SMPN-C/MTK-1", "SMPN-C", "GURU-MTK-SMP"),
        ("SMPN-C/IPA-1", "SMPN-C", "GURU-IPA-SMP"),
        ("DISDIK/PENGAWAS-1", "DISDIK", "PENGAWAS"),
        ("SETDA/ANALIS-1", "SETDA", "ANALIS"),
    ];
    let since = d(since);
    let slots = seats
        .iter()
        .map(|&(id, u, p)| Slot {
            id: SlotId::new(id).unwrap(),
            unit: UnitId::new(u).unwrap(),
            position: PositionId::new(p).unwrap(),
            holder: (id == at).then(|| Holder {
                nip: Some(mover.nip.clone()),
                kind: HoldKind::Definitive,
                since,
            }),
        })
        .collect();
    let mut mover = mover;
    mover.current = Some(CurrentPost {
        slot: SlotId::new(at).unwrap(),
        since,
    });
    Dataset::new(DatasetParts {
        employees: vec![mover],
        units,
        positions,
        slots,
        needs: Vec::new(),
        rules: RuleSet::default(),
    })
    .unwrap()
}

struct Case {
    /// What the case shows.
    what: &'static str,
    tweak: fn(&mut Employee),
    at: &'static str,
    since: &'static str,
    to: &'static str,
    date: &'static str,
    rules: fn(&mut RuleSet),
    rule: RuleId,
    outcome: Outcome,
    /// The article, as the verdict's regulation names it.
    article: &'static str,
    id: &'static str,
    en: &'static str,
    unblocked: Option<&'static str>,
}

fn keep(_: &mut Employee) {}
fn same(_: &mut RuleSet) {}

/// A teacher at SDN-A (since 2015-07-01) moving to `to` on 2026-10-15.
fn t(to: &'static str, rule: RuleId, outcome: Outcome, article: &'static str) -> Case {
    Case {
        what: "",
        tweak: keep,
        at: "SDN-A/GURU-1",
        since: "2015-07-01",
        to,
        date: "2026-10-15",
        rules: same,
        rule,
        outcome,
        article,
        id: "",
        en: "",
        unblocked: None,
    }
}

/// A principal of SDN-A since `since`, moving to `to` on `date`.
fn p(
    since: &'static str,
    to: &'static str,
    date: &'static str,
    rule: RuleId,
    outcome: Outcome,
) -> Case {
    Case {
        at: "SDN-A/KEPSEK",
        since,
        date,
        ..t(to, rule, outcome, "Permendikdasmen 7/2025")
    }
}

fn run(c: &Case) {
    let mut e = teacher();
    (c.tweak)(&mut e);
    let mut ds = district(e, c.at, c.since);
    let mut rules = RuleSet::default();
    (c.rules)(&mut rules);
    ds.set_rules(rules.clone()).unwrap();
    let s = ds.slot_idx(&SlotId::new(c.to).unwrap()).unwrap();
    let v = eligibility(&ds, 0, s, d(c.date), &rules);
    let got = v
        .get(c.rule)
        .unwrap_or_else(|| panic!("{}: {:?} missing in {:#?}", c.what, c.rule, v.items));
    let ctx = format!(
        "{} ({:?} → {} on {}): {got:#?}",
        c.what, c.rule, c.to, c.date
    );
    assert_eq!(got.outcome, c.outcome, "{ctx}");
    assert!(got.regulation.contains(c.article), "{ctx}");
    assert!(got.reason.id.contains(c.id), "{ctx}");
    assert!(got.reason.en.contains(c.en), "{ctx}");
    assert_eq!(got.unblocked_on, c.unblocked.map(d), "{ctx}");
    if c.rule.is_hard() && c.outcome == Outcome::Fail {
        assert!(v.is_blocked(), "{ctx}");
        assert_eq!(got.severity, Severity::Hard, "{ctx}");
    }
}

/// A past assignment as principal of `unit`.
fn headed(unit: &str, from: &str, to: &str) -> PastPost {
    PastPost {
        title: "Kepala SD".into(),
        unit: UnitId::new(unit).unwrap(),
        kind: JabatanKind::AhliPertama,
        field: Field::Pendidikan,
        special: Some(SpecialRole::KepalaSekolah),
        profession: Some(Profession::Guru),
        period: Period::new(d(from), d(to)).unwrap(),
    }
}

fn untrained(e: &mut Employee) {
    e.diklat.clear();
}

#[test]
fn principal_periods_end_on_the_day_four_years_from_each_tmt() {
    use Outcome::*;
    use RuleId::*;
    let cases = [
        // Trained: two periods from the TMT 2019-01-02; the second's last day is 2027-01-01.
        Case {
            what: "the last day of the second period: a rotation may still start",
            id: "Periode ke-2 dari 2 (masa kepala sekolah 7 tahun 11 bulan); berakhir paling lambat 01-01-2027 (Permendikdasmen 7/2025 Pasal 23–24)",
            en: "Period 2 of 2",
            ..p("2019-01-02", "SDN-B/KEPSEK", "2027-01-01", PrincipalPeriods, Pass)
        },
        Case {
            what: "the day after: both periods used up",
            id: "8 tahun sebagai kepala sekolah sejak TMT penugasan: 2 periode × 4 tahun sudah habis 01-01-2027",
            en: "2 period(s) × 4y ran out on 2027-01-01",
            ..p("2019-01-02", "SDN-B/KEPSEK", "2027-01-02", PrincipalPeriods, Fail)
        },
        // Without the training certificate: one period only.
        Case {
            what: "untrained, last day of the first period",
            tweak: untrained,
            en: "Period 1 of 1",
            ..p("2019-01-02", "SDN-B/KEPSEK", "2023-01-01", PrincipalPeriods, Pass)
        },
        Case {
            what: "untrained, the day the period ends",
            tweak: untrained,
            article: "Pasal 23–24",
            id: "tanpa sertifikat pelatihan calon kepala sekolah sudah habis 01-01-2023 (Permendikdasmen 7/2025 Pasal 32 ayat (3))",
            en: "without the principal-training certificate ran out on 2023-01-01",
            ..p("2019-01-02", "SDN-B/KEPSEK", "2023-01-02", PrincipalPeriods, Fail)
        },
        // Periods count over every assignment: four years before at SDN-B, three now at SDN-A.
        Case {
            what: "an earlier assignment counts: 4 + 3 years, still in period 2",
            tweak: |e| e.history.push(headed("SDN-B", "2019-10-15", "2023-10-14")),
            id: "Periode ke-2 dari 2 (masa kepala sekolah 7 tahun)",
            en: "Period 2 of 2 (7y as principal)",
            ..p("2023-10-15", "SMPN-C/KEPSEK", "2026-10-15", PrincipalPeriods, Pass)
        },
        // At most two periods at one school (here one, by configuration).
        Case {
            what: "the periods at one school",
            tweak: |e| e.history.push(headed("SDN-B", "2018-10-15", "2022-10-14")),
            rules: |r| r.schools.periods_same_school = 1,
            id: "4 tahun sebagai kepala sekolah di sekolah ini, maksimal 1 periode di satu sekolah",
            en: "at most 1 periods at one school",
            ..t("SDN-B/KEPSEK", PrincipalPeriods, Fail, "Pasal 23–24")
        },
    ];
    for c in &cases {
        run(c);
    }
}

#[test]
fn a_principal_moves_schools_after_exactly_two_years_and_ends_only_on_a_ground() {
    use Outcome::*;
    use RuleId::*;
    let cases = [
        Case {
            what: "exactly two years at the school",
            id: "2 tahun di sekolah ini, minimal 2 tahun (Permendikdasmen 7/2025 Pasal 23–24)",
            en: "2y at this school, minimum 2y",
            ..p("2024-06-03", "SDN-B/KEPSEK", "2026-06-03", PrincipalAtSchool, Pass)
        },
        Case {
            what: "one day short of two years",
            id: "1 tahun 11 bulan di sekolah ini, minimal 2 tahun sebelum pindah ke sekolah lain; dapat dipindah mulai 03-06-2026",
            en: "movable from 2026-06-03",
            unblocked: Some("2026-06-03"),
            ..p("2024-06-03", "SDN-B/KEPSEK", "2026-06-02", PrincipalAtSchool, Fail)
        },
        Case {
            what: "mid-period: a rotation being due is no ground to return to teaching",
            article: "Pasal 28",
            id: "Kepala sekolah periode ke-2 dari 2 (masa 7 tahun 4 bulan), berakhir 01-01-2027; tidak ada alasan pemberhentian",
            en: "a rotation being due is none",
            unblocked: Some("2027-01-02"),
            ..p("2019-01-02", "SDN-A/GURU-2", "2026-06-01", PrincipalEnd, Fail)
        },
        Case {
            what: "the periods used up are a ground",
            article: "Pasal 28",
            id: "Masa penugasan habis: 2 periode berakhir 01-01-2027",
            en: "Assignment over: 2 period(s) ended 2027-01-01",
            ..p("2019-01-02", "SDN-A/GURU-2", "2027-01-02", PrincipalEnd, Pass)
        },
        Case {
            what: "an SKP below Baik during the assignment is a ground",
            tweak: |e| e.skp[0].predikat = Predikat::ButuhPerbaikan,
            article: "Pasal 28",
            id: "SKP 2025 Butuh Perbaikan selama penugasan, minimal Baik setiap tahun",
            en: "SKP 2025 Butuh Perbaikan during the assignment",
            ..p("2023-01-02", "SDN-A/GURU-2", "2026-06-01", PrincipalEnd, Pass)
        },
        Case {
            what: "leaving for another jabatan is ending the assignment too",
            article: "Pasal 28",
            unblocked: Some("2031-01-02"),
            ..p("2023-01-02", "DISDIK/PENGAWAS-1", "2026-06-01", PrincipalEnd, Fail)
        },
    ];
    for c in &cases {
        run(c);
    }
}

#[test]
fn a_principal_candidate_meets_pasal_7() {
    use Outcome::*;
    use RuleId::*;
    let a7 = "Pasal 7 ayat (1)";
    let cases = [
        Case {
            what: "56 years old on the TMT (the birthday itself)",
            tweak: |e| with_birth(e, "1970-05-10"),
            date: "2026-05-10",
            id: "Usia 56 tahun pada TMT; maksimal 56 tahun, sampai 10-05-2026",
            en: "at most 56, until 2026-05-10",
            ..t("SDN-B/KEPSEK", PrincipalAge, Pass, a7)
        },
        Case {
            what: "56 years and one day",
            tweak: |e| with_birth(e, "1970-05-10"),
            date: "2026-05-11",
            id: "lewat batas 56 tahun sejak 11-05-2026",
            en: "past the limit of 56 since 2026-05-11",
            ..t("SDN-B/KEPSEK", PrincipalAge, Fail, a7)
        },
        Case {
            what: "SKP Butuh Perbaikan one year back",
            tweak: |e| e.skp[0].predikat = Predikat::ButuhPerbaikan,
            id: "SKP 2025 Butuh Perbaikan, 2024 Sangat Baik; minimal Baik 2 tahun terakhir",
            en: "at least Baik in the latest 2 years",
            ..t("SDN-B/KEPSEK", PrincipalPerformance, Fail, a7)
        },
        Case {
            what: "SKP Butuh Perbaikan two years back",
            tweak: |e| e.skp[1].predikat = Predikat::ButuhPerbaikan,
            id: "2024 Butuh Perbaikan",
            ..t("SDN-B/KEPSEK", PrincipalPerformance, Fail, a7)
        },
        Case {
            what: "SKP Butuh Perbaikan three years back no longer counts",
            tweak: |e| {
                e.skp.push(SkpRecord {
                    year: 2023,
                    predikat: Predikat::ButuhPerbaikan, rater: None,
                })
            },
            id: "SKP 2025 Baik, 2024 Sangat Baik",
            ..t("SDN-B/KEPSEK", PrincipalPerformance, Pass, a7)
        },
        Case {
            what: "a PNS below III/c, with the date of the regular promotion",
            tweak: |e| {
                e.pangkat.golongan = Golongan::parse("III/b").unwrap();
                e.pangkat.tmt = d("2024-04-01");
            },
            id: "Golongan III/b, minimal III/c; kenaikan pangkat reguler paling cepat 01-04-2028",
            en: "Rank III/b, minimum III/c",
            unblocked: Some("2028-04-01"),
            ..t("SDN-B/KEPSEK", PrincipalRank, Fail, a7)
        },
        Case {
            what: "a PPPK with exactly 8 years of teaching",
            tweak: |e| {
                e.status = EmployeeStatus::Pppk;
                e.pangkat.golongan = Golongan::parse("III/a").unwrap();
                e.teacher.as_mut().unwrap().teaching_since = Some(d("2018-10-15"));
            },
            id: "PPPK Guru: 8 tahun mengajar sejak 15-10-2018, minimal 8 tahun",
            ..t("SDN-B/KEPSEK", PrincipalRank, Pass, a7)
        },
        Case {
            what: "a PPPK one day short of 8 years",
            tweak: |e| {
                e.status = EmployeeStatus::Pppk;
                e.pangkat.golongan = Golongan::parse("III/a").unwrap();
                e.teacher.as_mut().unwrap().teaching_since = Some(d("2018-10-16"));
            },
            en: "PPPK teacher: 7y 11m teaching since 2018-10-16, minimum 8y",
            unblocked: Some("2026-10-16"),
            ..t("SDN-B/KEPSEK", PrincipalRank, Fail, a7)
        },
        Case {
            what: "managerial experience of exactly two years",
            tweak: |e| {
                e.teacher.as_mut().unwrap().tasks[0].period =
                    Period::new(d("2024-10-15"), d("2026-10-14")).unwrap()
            },
            id: "Pengalaman manajerial di sekolah 2 tahun, minimal 2 tahun",
            ..t("SDN-B/KEPSEK", PrincipalManagerial, Pass, a7)
        },
        Case {
            what: "managerial experience short of two years",
            tweak: |e| {
                e.teacher.as_mut().unwrap().tasks[0].period =
                    Period::new(d("2025-01-01"), d("2026-06-30")).unwrap()
            },
            id: "Pengalaman manajerial di sekolah 1 tahun 5 bulan, minimal 2 tahun",
            ..t("SDN-B/KEPSEK", PrincipalManagerial, Fail, a7)
        },
        Case {
            what: "a moderate sanction years ago still counts",
            tweak: |e| {
                e.sanctions.push(Sanction {
                    level: SanctionLevel::Sedang,
                    description: "Pemotongan tunjangan 25% 6 bulan".into(),
                    period: Period::new(d("2019-01-01"), d("2019-06-30")).unwrap(),
                })
            },
            id: "Pernah dijatuhi hukuman disiplin sedang",
            en: "Had a sedang disciplinary sanction",
            ..t("SDN-B/KEPSEK", PrincipalDiscipline, Fail, a7)
        },
        Case {
            what: "a light sanction does not",
            tweak: |e| {
                e.sanctions.push(Sanction {
                    level: SanctionLevel::Ringan,
                    description: "Teguran tertulis".into(),
                    period: Period::new(d("2024-01-01"), d("2024-01-01")).unwrap(),
                })
            },
            id: "Tidak pernah dijatuhi hukuman disiplin sedang atau berat",
            ..t("SDN-B/KEPSEK", PrincipalDiscipline, Pass, a7)
        },
        Case {
            what: "no teaching certificate",
            tweak: |e| e.teacher.as_mut().unwrap().certificate = None,
            id: "Belum memiliki sertifikat pendidik",
            ..t("SDN-B/KEPSEK", PrincipalQualification, Fail, a7)
        },
        Case {
            what: "a school supervisor is not a teacher",
            at: "DISDIK/PENGAWAS-1",
            since: "2018-01-02",
            id: "Bukan jabatan guru: PENGAWAS",
            en: "principals are assigned from teachers",
            ..t("SDN-B/KEPSEK", PrincipalQualification, Fail, a7)
        },
        Case {
            what: "back in teaching after another jabatan: 4 years needed",
            tweak: |e| {
                e.history.push(PastPost {
                    title: "Pengelola Data".into(),
                    unit: UnitId::new("DISDIK").unwrap(),
                    kind: JabatanKind::Pelaksana,
                    field: Field::Pendidikan,
                    special: None,
                    profession: None,
                    period: Period::new(d("2019-01-01"), d("2023-06-30")).unwrap(),
                })
            },
            since: "2023-07-01",
            article: a7,
            id: "Kembali menjadi guru sejak 01-07-2023 (3 tahun 3 bulan) setelah jabatan lain, minimal 4 tahun (Permendikdasmen 7/2025 Pasal 23–24)",
            unblocked: Some("2027-07-01"),
            ..t("SDN-B/KEPSEK", PrincipalQualification, Fail, a7)
        },
        Case {
            what: "a qualified, certified teacher",
            id: "Sertifikat pendidik Guru Kelas SD (2010)",
            ..t("SDN-B/KEPSEK", PrincipalQualification, Pass, a7)
        },
        Case {
            what: "an SD teacher heads an SD",
            id: "Sertifikat pendidik Guru Kelas SD untuk jenjang SD",
            ..t("SDN-B/KEPSEK", PrincipalLevel, Pass, "kualifikasi akademik guru")
        },
        Case {
            what: "not an SMP",
            id: "Sertifikat pendidik Guru Kelas SD untuk jenjang SD, sekolah ini SMP",
            en: "is for SD, this school is SMP",
            ..t("SMPN-C/KEPSEK", PrincipalLevel, Fail, "kualifikasi akademik guru")
        },
    ];
    for c in &cases {
        run(c);
    }
}

fn math(e: &mut Employee) {
    let mtk = subject(SchoolLevel::Smp, Mapel::Matematika);
    let t = e.teacher.as_mut().unwrap();
    t.qualified = vec![mtk];
    t.certificate = Some(Certificate {
        subject: mtk,
        year: 2012,
    });
}

fn pai_sd(e: &mut Employee) {
    let t = e.teacher.as_mut().unwrap();
    t.qualified = [SchoolLevel::Sd, SchoolLevel::Smp]
        .map(|l| subject(l, Mapel::Pai))
        .to_vec();
    t.certificate = Some(Certificate {
        subject: subject(SchoolLevel::Sd, Mapel::Pai),
        year: 2012,
    });
}

#[test]
fn teachers_move_by_qualification_and_keep_their_allowance() {
    use Outcome::*;
    use RuleId::*;
    let q = "kualifikasi akademik guru";
    let tpg = "PP 74/2008 jo. PP 19/2017 Pasal 15 dan Pasal 52";
    let cases = [
        Case {
            what: "a mathematics teacher to a science post",
            tweak: math,
            id: "Mengajar IPA SMP tidak sesuai kualifikasi guru (Matematika SMP, Matematika SMP)",
            ..t("SMPN-C/IPA-1", TeacherSubject, Fail, q)
        },
        Case {
            what: "a mathematics teacher to a mathematics post",
            tweak: math,
            ..t("SMPN-C/MTK-1", TeacherSubject, Pass, q)
        },
        Case {
            what: "a class teacher to an SMP post",
            ..t("SMPN-C/MTK-1", TeacherSubject, Fail, q)
        },
        Case {
            what: "a PAI degree covers SD and SMP",
            tweak: pai_sd,
            at: "SDN-A/PAI-1",
            ..t("SMPN-C/PAI-1", TeacherSubject, Pass, q)
        },
        Case {
            what: "but a certificate for PAI SD does not pay the allowance in SMP",
            tweak: pai_sd,
            at: "SDN-A/PAI-1",
            id: "Sertifikat pendidik PAI SD tidak sesuai dengan PAI SMP: tunjangan profesi (TPG) tidak dibayar",
            en: "the professional allowance (TPG) stops",
            ..t("SMPN-C/PAI-1", TeachingCertificate, Fail, tpg)
        },
        Case {
            what: "a small SMP: too few hours of mathematics for the allowance",
            tweak: math,
            id: "Sekitar 15 JP/minggu Matematika SMP per guru di sekolah tujuan, minimal 24 JP",
            ..t("SMPN-C/MTK-1", TeachingHours, Warning, tpg)
        },
    ];
    for c in &cases {
        run(c);
    }
}

#[test]
fn retirement_selection_and_contracts() {
    use Outcome::*;
    use RuleId::*;
    let cases = [
        Case {
            what: "teachers retire at 60",
            tweak: |e| with_birth(e, "1966-11-03"),
            date: "2026-11-30",
            id: "Pensiun 01-12-2026 (BUP 60 tahun, UU 14/2005 tentang Guru dan Dosen Pasal 30 ayat (4))",
            ..t("SDN-B/GURU-1", Retirement, Pass, "PP 11/2017")
        },
        Case {
            what: "and not a day later",
            tweak: |e| with_birth(e, "1966-11-03"),
            date: "2026-12-01",
            en: "Retires 2026-12-01 (retirement age 60, UU 14/2005",
            ..t("SDN-B/GURU-1", Retirement, Fail, "PP 11/2017")
        },
        Case {
            what: "a school supervisor retires at 60 too",
            tweak: |e| with_birth(e, "1968-02-20"),
            at: "DISDIK/PENGAWAS-1",
            since: "2018-01-02",
            date: "2027-01-05",
            id: "BUP 60 tahun, PP 21/2014",
            ..t("SDN-B/GURU-1", Retirement, Pass, "PP 11/2017")
        },
        Case {
            what: "a selective OPD needs a selection (hard by default)",
            id: "Pindah ke Setda memerlukan seleksi",
            ..t("SETDA/ANALIS-1", SelectionRequired, Fail, "OPD selektif")
        },
        Case {
            what: "or soft when configured",
            rules: |r| r.selective_opd_hard = false,
            ..t("SETDA/ANALIS-1", SelectiveOpd, Fail, "OPD selektif")
        },
        Case {
            what: "a PPPK agreement that ends before the TMT",
            tweak: |e| {
                e.status = EmployeeStatus::Pppk;
                e.contract_end = Some(d("2026-09-30"));
            },
            id: "Perjanjian kerja PPPK berakhir 30-09-2026, sebelum TMT mutasi 15-10-2026",
            ..t("SDN-B/GURU-1", ContractEnd, Fail, "PP 49/2018 Pasal 37")
        },
        Case {
            what: "and one that runs on",
            tweak: |e| {
                e.status = EmployeeStatus::Pppk;
                e.contract_end = Some(d("2027-12-31"));
            },
            ..t("SDN-B/GURU-1", ContractEnd, Pass, "PP 49/2018 Pasal 37")
        },
    ];
    for c in &cases {
        run(c);
    }
    // The selection rule is one or the other, never both.
    let ds = district(teacher(), "SDN-A/GURU-1", "2015-07-01");
    let s = ds
        .slot_idx(&SlotId::new("SETDA/ANALIS-1").unwrap())
        .unwrap();
    let v = eligibility(&ds, 0, s, d("2026-10-15"), ds.rules());
    assert!(v.get(RuleId::SelectiveOpd).is_none());
}
