//! The 18 kecamatan offices and 107 kelurahan offices of the demo city, with their staff.

use super::names::{KELURAHAN, KELURAHAN_PER_KECAMATAN};
use super::org::{pelaksana, structural, Org, Staff, GOV};
use super::rng::Rng;
use crate::model::*;

pub(super) fn build(org: &mut Org, rng: &mut Rng) -> Vec<usize> {
    use JabatanKind::*;
    let mut kel_i = 0;
    let mut kecs = Vec::new();
    for (ki, kec) in Kecamatan::ALL.iter().enumerate() {
        let u = org.add_unit(
            format!("KEC-{:02}", ki + 1),
            format!("Kecamatan {kec}"),
            format!("Kec. {kec}"),
            UnitKind::Kecamatan,
            None,
            *kec,
            Field::Pemerintahan,
        );
        kecs.push(u);
        let camat = org.position(structural(
            "CAMAT".into(),
            "Camat".into(),
            Administrator,
            Eselon::IIIa,
            Field::Pemerintahan,
            GOV,
            true,
        ));
        org.single(rng, u, camat, 0.03, 0.05);
        let sekcam = org.position(structural(
            "SEKCAM".into(),
            "Sekretaris Kecamatan".into(),
            Administrator,
            Eselon::IIIb,
            Field::Pemerintahan,
            GOV,
            false,
        ));
        org.single(rng, u, sekcam, 0.05, 0.05);
        let kasi = org.position(structural(
            "KASI-KEC".into(),
            "Kepala Seksi Kecamatan".into(),
            Pengawas,
            Eselon::IVa,
            Field::Pemerintahan,
            GOV,
            false,
        ));
        for _ in 0..4 {
            org.single(rng, u, kasi, 0.1, 0.05);
        }
        for i in 0..4 {
            let p = pelaksana(org, i);
            let need = [8.0, 3.0, 2.0, 4.0][i] * rng.normal(1.0, 0.2);
            org.add_formation(rng, u, p, need, 0.95, Staff::Office);
        }
        for _ in 0..KELURAHAN_PER_KECAMATAN[ki] {
            let name = KELURAHAN[kel_i % KELURAHAN.len()];
            kel_i += 1;
            let kel = org.add_unit(
                format!("KEL-{kel_i:03}"),
                format!("Kelurahan {name}"),
                format!("Kel. {name}"),
                UnitKind::Kelurahan,
                Some(u),
                *kec,
                Field::Pemerintahan,
            );
            let lurah = org.position(structural(
                "LURAH".into(),
                "Lurah".into(),
                Pengawas,
                Eselon::IVa,
                Field::Pemerintahan,
                GOV,
                false,
            ));
            org.single(rng, kel, lurah, 0.05, 0.06);
            let sekel = org.position(structural(
                "SEKEL".into(),
                "Sekretaris Kelurahan".into(),
                Pengawas,
                Eselon::IVb,
                Field::Pemerintahan,
                GOV,
                false,
            ));
            org.single(rng, kel, sekel, 0.1, 0.04);
            for i in [0, 3] {
                let p = pelaksana(org, i);
                let need = 3.5 * rng.normal(1.0, 0.25);
                org.add_formation(rng, kel, p, need, 0.95, Staff::Office);
            }
        }
    }
    kecs
}
