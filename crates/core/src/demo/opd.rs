//! One OPD of the demo city: head, secretary, bidang with their seksi, pelaksana and JF
//! formations sized from the catalogue.

use super::catalog::{Family, OpdSpec, FAMILIES};
use super::org::{accepted_for, id_of, jf, pelaksana, structural, Org, Staff, GOV, P};
use super::rng::Rng;
use crate::model::*;

pub(super) fn build(org: &mut Org, rng: &mut Rng, s: &OpdSpec, scale: f64) {
    use JabatanKind::*;
    let uid = id_of(s.short);
    let root = org.add_unit(
        uid.clone(),
        s.name.into(),
        s.short.into(),
        UnitKind::Opd,
        None,
        s.kecamatan,
        s.field,
    );
    let acc = accepted_for(s.field);
    let is_setda = s.short == "Setda";
    let head = if is_setda {
        P {
            range: None,
            ..structural(
                format!("{uid}-KEPALA"),
                "Sekretaris Daerah".into(),
                JptPratama,
                Eselon::IIa,
                s.field,
                GOV,
                true,
            )
        }
    } else {
        structural(
            format!("{uid}-KEPALA"),
            format!("Kepala {}", s.name),
            JptPratama,
            Eselon::IIb,
            s.field,
            acc,
            true,
        )
    };
    let hp = org.position(head);
    org.single(rng, root, hp, 0.05, 0.08);
    let sp = org.position(structural(
        format!("{uid}-SEKRETARIS"),
        format!("Sekretaris {}", s.name),
        Administrator,
        Eselon::IIIa,
        Field::Pemerintahan,
        GOV,
        true,
    ));
    org.single(rng, root, sp, 0.05, 0.05);
    let nbid = if is_setda {
        9
    } else {
        3 + rng.below(2) as usize
    };
    let mut subunits = vec![root];
    for b in 1..=nbid {
        let bid = org.add_unit(
            format!("{uid}-B{b}"),
            format!(
                "{} {b} {}",
                if is_setda { "Bagian" } else { "Bidang" },
                s.short
            ),
            format!("{} B{b}", s.short),
            UnitKind::Bidang,
            Some(root),
            s.kecamatan,
            s.field,
        );
        let kp = org.position(structural(
            format!("{uid}-KABID-{b}"),
            format!("Kepala Bidang {b} {}", s.name),
            Administrator,
            Eselon::IIIb,
            s.field,
            acc,
            true,
        ));
        org.single(rng, bid, kp, 0.07, 0.06);
        let sk = org.add_unit(
            format!("{uid}-B{b}-S1"),
            format!("Seksi {b}.1 {}", s.short),
            format!("{} S{b}", s.short),
            UnitKind::Seksi,
            Some(bid),
            s.kecamatan,
            s.field,
        );
        let ks = org.position(structural(
            format!("{uid}-KASI-{b}"),
            format!("Kepala Seksi {b}.1 {}", s.name),
            Pengawas,
            Eselon::IVa,
            s.field,
            acc,
            false,
        ));
        org.single(rng, sk, ks, 0.1, 0.05);
        subunits.push(bid);
    }
    let size = s.size as f64 * scale;
    let families: Vec<&Family> = s
        .families
        .iter()
        .filter_map(|id| FAMILIES.iter().find(|f| f.id == *id))
        .collect();
    let shares = [0.30, 0.10, 0.10, 0.10];
    for (i, share) in shares.iter().enumerate() {
        let p = pelaksana(org, i);
        let u = subunits[i % subunits.len()];
        org.add_formation(rng, u, p, size * share, 0.97, Staff::Office);
    }
    for (k, f) in families.iter().enumerate() {
        for (lvl, share) in [0.5, 0.35, 0.15].iter().enumerate() {
            let p = jf(org, f, lvl);
            let u = subunits[(k + lvl + 1) % subunits.len()];
            org.add_formation(
                rng,
                u,
                p,
                size * 0.4 * share / families.len() as f64,
                0.92,
                Staff::Office,
            );
        }
    }
}
