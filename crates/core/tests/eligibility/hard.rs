//! Table tests of the hard rules (never overridable), each case naming its regulation.

use crate::common::*;
use mutasi_core::eligibility::{Outcome, RuleId};
use mutasi_core::fixture::nips::*;

/// The cases, one or more per rule (the coverage test reads the rules from here).
pub fn cases() -> Vec<Case> {
    use Outcome::*;
    use RuleId::*;
    vec![
        Case {
            unblocked: Some("2027-03-01"),
            ..case(
                DISANKSI,
                "BKPSDM/ANALIS-1",
                ActiveSanction,
                Fail,
                "PP 94/2021",
                "hukuman disiplin sedang",
                "sedang disciplinary sanction",
            )
        },
        case(
            PEJABAT,
            "BKPSDM/ANALIS-1",
            ActiveSanction,
            Pass,
            "PP 94/2021",
            "Tidak ada",
            "No active",
        ),
        Case {
            date: "2026-04-15",
            unblocked: Some("2026-07-01"),
            ..case(
                CPNS,
                "SDN-001/GURU-2",
                CpnsProbation,
                Fail,
                "PP 11/2017",
                "Masih CPNS",
                "Still a CPNS",
            )
        },
        case(
            CPNS,
            "SDN-001/GURU-2",
            CpnsProbation,
            Fail,
            "PP 11/2017",
            "belum diangkat PNS",
            "not yet appointed",
        ),
        case(
            PPPK,
            "SDN-001/GURU-2",
            CpnsProbation,
            Pass,
            "PP 11/2017",
            "PPPK",
            "PPPK",
        ),
        Case {
            unblocked: Some("2027-06-01"),
            ..case(
                PELAKSANA_BARU,
                "SETDA/ADM-1",
                MinTenure,
                Fail,
                "Peraturan BKN 5/2019",
                "1 tahun 4 bulan di jabatan ini, minimal 2 tahun",
                "in post 1y 4m, minimum 2y",
            )
        },
        case(
            GURU_PLT,
            "SDN-001/GURU-2",
            MinTenure,
            Pass,
            "BKN 5/2019",
            "8 tahun 3 bulan di jabatan ini, minimal 2 tahun",
            "in post 8y 3m",
        ),
        Case {
            date: "2027-04-15",
            ..case(
                KEPSEK,
                "SDN-001/KEPSEK",
                Retirement,
                Fail,
                "PP 11/2017",
                "Pensiun 01-12-2026 (BUP 60 tahun, UU 14/2005",
                "retirement age 60, UU 14/2005",
            )
        },
        case(
            KEPSEK,
            "SDN-001/KEPSEK",
            Retirement,
            Pass,
            "Pasal 239",
            "Pensiun 01-12-2026",
            "Retires 2026-12-01",
        ),
        Case {
            unblocked: Some("2027-04-01"),
            ..case(
                PELAKSANA_BARU,
                "BKPSDM/ANALIS-1",
                RankRange,
                Fail,
                "PP 100/2000",
                "Golongan II/c di bawah rentang III/a–III/b",
                "Rank II/c below",
            )
        },
        case(
            KADIS,
            "SDN-001/GURU-2",
            RankRange,
            Fail,
            "PP 100/2000",
            "Golongan IV/c di atas rentang III/a–III/d",
            "above the range",
        ),
        case(
            GURU_PLT,
            "SDN-001/KEPSEK",
            RankRange,
            Pass,
            "PP 100/2000",
            "dalam rentang III/c–IV/b",
            "within",
        ),
        case(
            PELAKSANA_BARU,
            "BKPSDM/ANALIS-1",
            EducationLevel,
            Fail,
            "PP 11/2017",
            "Pendidikan SMA/SMK, minimal D-IV/S1",
            "Education SMA/SMK, minimum D-IV/S1",
        ),
        case(
            PEJABAT,
            "BKPSDM/ANALIS-1",
            EducationLevel,
            Pass,
            "PP 11/2017",
            "Pendidikan S2",
            "Education S2",
        ),
        case(
            PPPK,
            "DISDIK-SD/KABID",
            PppkPosition,
            Fail,
            "UU 20/2023",
            "PPPK tidak dapat menduduki jabatan Administrator",
            "cannot hold",
        ),
        case(
            PPPK,
            "SDN-001/KEPSEK",
            PppkPosition,
            Pass,
            "UU 20/2023",
            "dapat diisi PPPK",
            "open to PPPK",
        ),
        case(
            GURU_PLT,
            "BKPSDM/ANALIS-1",
            FunctionalQualification,
            Fail,
            "PermenPANRB 1/2023",
            "tidak sesuai",
            "not accepted",
        ),
        case(
            PPPK,
            "SDN-001/GURU-2",
            FunctionalQualification,
            Pass,
            "PermenPANRB 1/2023",
            "sesuai",
            "accepted",
        ),
        Case {
            unblocked: Some("2027-03-01"),
            ..case(
                PEJABAT,
                "DISDIK/KADIS",
                JptProtection,
                Fail,
                "UU 20/2023",
                "dilantik 01-03-2025 (1 tahun 7 bulan), belum 2 tahun",
                "under 2y",
            )
        },
        Case {
            unblocked: Some("2027-03-01"),
            ..case(
                KADIS,
                "DISDIK-SD/KABID",
                JptProtection,
                Fail,
                "UU 20/2023",
                "Dilantik sebagai JPT",
                "Inaugurated as JPT",
            )
        },
        Case {
            date: "2027-04-15",
            ..case(
                PEJABAT,
                "DISDIK/KADIS",
                JptProtection,
                Pass,
                "UU 20/2023",
                "Tidak mengganti",
                "Replaces no JPT",
            )
        },
        Case {
            rules: |r| r.kepala_daerah_inaugurated = Some("2026-08-01".parse().unwrap()),
            unblocked: Some("2027-02-01"),
            ..case(
                PEJABAT,
                "DISDIK-SD/KABID",
                NewRegionalHead,
                Fail,
                "UU 10/2016 Pasal 162",
                "tidak ada penggantian pejabat 6 bulan",
                "for 6 months",
            )
        },
        Case {
            rules: |r| r.kepala_daerah_inaugurated = Some("2026-08-01".parse().unwrap()),
            ..case(
                PPPK,
                "SDN-001/GURU-2",
                NewRegionalHead,
                Pass,
                "UU 10/2016",
                "Di luar",
                "Outside",
            )
        },
        Case {
            rules: freeze,
            unblocked: Some("2027-02-01"),
            ..case(
                GURU_PLT,
                "SDN-001/KEPSEK",
                ElectionFreeze,
                Fail,
                "UU 10/2016 Pasal 71",
                "Masa larangan penggantian pejabat Pilkada 01-09-2026 s.d. 31-01-2027",
                "Election freeze",
            )
        },
        Case {
            rules: freeze,
            ..case(
                GURU_PLT,
                "SDN-001/GURU-2",
                ElectionFreeze,
                Pass,
                "UU 10/2016",
                "Di luar masa larangan",
                "Outside any election freeze",
            )
        },
    ]
}
