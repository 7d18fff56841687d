//! `Default` for [`RuleSet`]: the values of DOMAIN.md ([verified] or [unverified] there).

use super::*;

fn g(s: &str) -> Golongan {
    // Only called with the literals below.
    Golongan::parse(s).unwrap_or(Golongan::MIN)
}

fn range(a: &str, b: &str) -> GolonganRange {
    GolonganRange {
        min: g(a),
        max: g(b),
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        use JabatanKind::*;
        let es = |eselon, a, b| EselonRange {
            eselon,
            min: g(a),
            max: g(b),
        };
        Self {
            tenure_min_years: 2,
            tenure_max_years: 5,
            cpns_probation_months: 12,
            implausible_ruang_above_post: 2,
            own_request_transfer_years: 10,
            bup: PerKind::from_fn(|k| match k {
                JptUtama | JptMadya | JptPratama | AhliMadya => 60,
                AhliUtama => 65,
                _ => 58,
            }),
            bup_profession: super::schools::default_profession_bup(),
            retirement_warning_months: 12,
            jpm_memenuhi: 80.0,
            jpm_masih_memenuhi: 68.0,
            jpm_technical_pct: PerKind::from_fn(|k| match k {
                JptUtama | JptMadya | JptPratama => 30.0,
                Administrator | AhliMadya | AhliUtama => 40.0,
                Pengawas | AhliMuda => 50.0,
                _ => 60.0,
            }),
            competency_level: PerKind::from_fn(|k| match k {
                JptUtama | JptMadya => 5,
                JptPratama | AhliUtama => 4,
                Administrator | AhliMadya => 3,
                Pengawas | AhliMuda | Mahir | Penyelia => 2,
                _ => 1,
            }),
            eselon_golongan: vec![
                es(Eselon::Ia, "IV/e", "IV/e"),
                es(Eselon::Ib, "IV/d", "IV/e"),
                es(Eselon::IIa, "IV/c", "IV/d"),
                es(Eselon::IIb, "IV/b", "IV/c"),
                es(Eselon::IIIa, "IV/a", "IV/b"),
                es(Eselon::IIIb, "III/d", "IV/a"),
                es(Eselon::IVa, "III/c", "III/d"),
                es(Eselon::IVb, "III/b", "III/c"),
            ],
            kind_golongan: PerKind::from_fn(|k| match k {
                JptUtama => range("IV/e", "IV/e"),
                JptMadya => range("IV/d", "IV/e"),
                JptPratama => range("IV/b", "IV/d"),
                Administrator => range("III/d", "IV/b"),
                Pengawas => range("III/b", "III/d"),
                Pelaksana => range("I/a", "III/d"),
                AhliPertama => range("III/a", "III/b"),
                AhliMuda => range("III/c", "III/d"),
                AhliMadya => range("IV/a", "IV/c"),
                AhliUtama => range("IV/d", "IV/e"),
                Pemula => range("II/a", "II/a"),
                Terampil => range("II/b", "II/d"),
                Mahir => range("III/a", "III/b"),
                Penyelia => range("III/c", "III/d"),
            }),
            kind_education: PerKind::from_fn(|k| match k {
                JptUtama | JptMadya => EducationLevel::S2,
                JptPratama | Administrator | AhliPertama | AhliMuda | AhliMadya | AhliUtama => {
                    EducationLevel::S1
                }
                Pengawas | Terampil | Mahir | Penyelia => EducationLevel::D3,
                Pelaksana | Pemula => EducationLevel::Sma,
            }),
            experience: vec![
                ExperienceRule {
                    kind: Pengawas,
                    from: vec![Pelaksana, Pemula, Terampil, Mahir, Penyelia, AhliPertama],
                    years: 4,
                },
                ExperienceRule {
                    kind: Administrator,
                    from: vec![Pengawas, AhliMuda],
                    years: 3,
                },
                ExperienceRule {
                    kind: JptPratama,
                    from: vec![Administrator, AhliMadya],
                    years: 2,
                },
                ExperienceRule {
                    kind: JptMadya,
                    from: vec![JptPratama],
                    years: 2,
                },
                ExperienceRule {
                    kind: AhliMuda,
                    from: vec![AhliPertama],
                    years: 4,
                },
                ExperienceRule {
                    kind: AhliMadya,
                    from: vec![AhliMuda],
                    years: 4,
                },
                ExperienceRule {
                    kind: AhliUtama,
                    from: vec![AhliMadya],
                    years: 4,
                },
                ExperienceRule {
                    kind: Terampil,
                    from: vec![Pemula],
                    years: 4,
                },
                ExperienceRule {
                    kind: Mahir,
                    from: vec![Terampil],
                    years: 4,
                },
                ExperienceRule {
                    kind: Penyelia,
                    from: vec![Mahir],
                    years: 4,
                },
            ],
            kind_diklat: vec![
                KindDiklat {
                    kind: Pengawas,
                    diklat: DiklatKind::Pkp,
                },
                KindDiklat {
                    kind: Administrator,
                    diklat: DiklatKind::Pka,
                },
                KindDiklat {
                    kind: JptPratama,
                    diklat: DiklatKind::Pkn2,
                },
                KindDiklat {
                    kind: JptMadya,
                    diklat: DiklatKind::Pkn1,
                },
            ],
            promotion_years: 4,
            predikat_score: PredikatScores::default(),
            fit: FitWeights::default(),
            nine_box: NineBoxRules::default(),
            jpt_protection_years: 2,
            jpt_term_years: 5,
            jpt_extension_years: 2,
            kepala_daerah_inaugurated: None,
            kepala_daerah_freeze_months: 6,
            election_freeze: Vec::new(),
            submission_months: vec![4, 10],
            reason_min_chars: 10,
            sk: SkRules::default(),
            selective_opd: [
                "Setda",
                "BKPSDM",
                "Bapenda",
                "Satpol PP",
                "DPMPTSP",
                "Damkar",
                "RSUD Gandus",
                "RSUD Palembang BARI",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            selective_opd_hard: true,
            abk_effective_hours: 1250.0,
            abk_class_bounds: [1.0, 0.90, 0.70, 0.50],
            talent_exclusion_years: 2,
            kepala_sekolah_max_periods: 2,
            schools: SchoolRules::default(),
            functional_major_is_hard: true,
            candidates_top_k: 50,
            evaluation: EvaluationRules::default(),
        }
    }
}
