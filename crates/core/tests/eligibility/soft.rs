//! Table tests of the soft rules (overridable with a written reason), each case naming its
//! regulation.

use crate::common::*;
use mutasi_core::eligibility::{Outcome, RuleId};
use mutasi_core::fixture::nips::*;

/// The cases, one or more per rule (the coverage test reads the rules from here).
pub fn cases() -> Vec<Case> {
    use Outcome::*;
    use RuleId::*;
    vec![
        case(
            PEJABAT,
            "DISDIK-SD/KABID",
            MajorAccepted,
            Fail,
            "Peraturan BKN 9/2022",
            "Jurusan Administrasi Publik (Pemerintahan) tidak sesuai; diterima: Pendidikan",
            "not accepted",
        ),
        Case {
            rules: |r| r.functional_major_is_hard = false,
            ..case(
                GURU_PLT,
                "BKPSDM/ANALIS-1",
                MajorAccepted,
                Warning,
                "PP 11/2017",
                "serumpun",
                "related",
            )
        },
        case(
            KEPSEK,
            "DISDIK-SD/KABID",
            MajorAccepted,
            Pass,
            "PP 11/2017",
            "sesuai",
            "accepted",
        ),
        // Soft only when the rule set says so (hard by default: tests/eligibility_school.rs).
        Case {
            rules: soft_selection,
            ..case(
                PEJABAT,
                "BKPSDM/ANALIS-1",
                SelectiveOpd,
                Fail,
                "BKPSDM Kota Palembang",
                "Pindah ke BKPSDM memerlukan seleksi",
                "requires a selection",
            )
        },
        Case {
            rules: soft_selection,
            ..case(
                PELAKSANA_BARU,
                "BKPSDM/ANALIS-1",
                SelectiveOpd,
                Pass,
                "BKPSDM Kota Palembang",
                "tidak memerlukan seleksi",
                "needs no selection",
            )
        },
        case(
            PEJABAT,
            "DISDIK-SD/KABID",
            RequiredDiklat,
            Fail,
            "PP 11/2017",
            "Belum mengikuti diklat: PKA",
            "Missing training: PKA",
        ),
        case(
            GURU_PLT,
            "SDN-002/KEPSEK",
            RequiredDiklat,
            Pass,
            "PP 11/2017",
            "lengkap",
            "complete",
        ),
        Case {
            date: "2026-11-28",
            unblocked: Some("2027-04-01"),
            ..case(
                PPPK,
                "SDN-001/GURU-2",
                SubmissionWindow,
                Fail,
                "BKPSDM Kota Palembang",
                "Bulan 11 di luar jadwal usulan (bulan 4, 10)",
                "outside the submission months",
            )
        },
        Case {
            date: "2026-05-10",
            unblocked: Some("2026-10-01"),
            ..case(
                PPPK,
                "SDN-001/GURU-2",
                SubmissionWindow,
                Fail,
                "BKPSDM",
                "Bulan 5",
                "Month 5",
            )
        },
        case(
            PPPK,
            "SDN-001/GURU-2",
            SubmissionWindow,
            Pass,
            "BKPSDM",
            "Bulan 10 termasuk",
            "Month 10",
        ),
        case(
            PELAKSANA_BARU,
            "SETDA/ADM-1",
            Competency,
            Fail,
            "PermenPANRB 38/2017",
            "JPM 40,0% (Kurang Memenuhi Syarat), standar 80,0%",
            "JPM 40.0% (Below requirements)",
        ),
        case(
            KEPSEK,
            "DISDIK/KADIS",
            Competency,
            Warning,
            "PermenPANRB 38/2017",
            "JPM 75,0% (Masih Memenuhi Syarat)",
            "JPM 75.0% (Still meets",
        ),
        case(
            PEJABAT,
            "DISDIK-SD/KABID",
            Competency,
            Pass,
            "PermenPANRB 38/2017",
            "JPM 86,7% (Memenuhi Syarat)",
            "Meets",
        ),
        case(
            PPPK,
            "DISDIK-SD/KABID",
            Experience,
            Fail,
            "PP 11/2017",
            "0 bulan sebagai Pengawas/Ahli Muda, minimal 3 tahun",
            "0m as Pengawas/Ahli Muda, minimum 3y",
        ),
        // A III/c teacher is a Guru Ahli Muda whatever the teaching post's entry level.
        case(
            GURU_PLT,
            "DISDIK-SD/KABID",
            Experience,
            Pass,
            "PP 11/2017",
            "8 tahun 3 bulan sebagai Pengawas/Ahli Muda, minimal 3 tahun",
            "8y 3m as Pengawas/Ahli Muda",
        ),
        case(
            PEJABAT,
            "DISDIK-SD/KABID",
            Experience,
            Pass,
            "PP 11/2017",
            "8 tahun 11 bulan sebagai Pengawas",
            "8y 11m",
        ),
        case(
            KADIS,
            "DISDIK-SD/KABID",
            Experience,
            Pass,
            "PP 11/2017",
            "Sudah menduduki jabatan JPT Pratama (setara atau lebih tinggi dari Administrator)",
            "at or above Administrator",
        ),
        case(
            KEPSEK,
            "SDN-001/KEPSEK",
            RetirementSoon,
            Warning,
            "Pasal 239",
            "Pensiun 1 bulan lagi (01-12-2026)",
            "Retires in 1m",
        ),
        case(
            PEJABAT,
            "SDN-002/KEPSEK",
            SlotOccupied,
            Warning,
            "BKN 5/2019",
            "Dijabat definitif oleh Drs. Ahmad Fauzi",
            "Held definitively",
        ),
        case(
            PEJABAT,
            "SDN-001/KEPSEK",
            SlotOccupied,
            Pass,
            "BKN 5/2019",
            "Dijabat Plt oleh Siti Aminah",
            "acting (Plt)",
        ),
        case(
            PEJABAT,
            "DISDIK-SD/KABID",
            SlotOccupied,
            Pass,
            "BKN 5/2019",
            "Formasi kosong",
            "vacant",
        ),
    ]
}

fn soft_selection(r: &mut mutasi_core::RuleSet) {
    r.selective_opd_hard = false;
}
