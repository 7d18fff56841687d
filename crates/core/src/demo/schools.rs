//! Schools (249 SD Negeri, 61 SMP Negeri), puskesmas and hospital staffing of the demo city.

use super::catalog::Family;
use super::names::KELURAHAN;
use super::org::{jf, pelaksana, Fill, Org, Seat, Staff, P};
use super::rng::Rng;
use crate::model::*;

/// SD Negeri count (DOMAIN.md §8).
pub const SD: usize = 249;
/// SMP Negeri count.
pub const SMP: usize = 61;
/// Acting (Plt) SD principals in July 2025.
pub const SD_PLT: usize = 130;
/// Acting (Plt) SMP principals.
pub const SMP_PLT: usize = 19;
/// Puskesmas count.
pub const PUSKESMAS: usize = 41;

const MED: &[Field] = &[Field::Kedokteran];
const HEALTH_LEAD: &[Field] = &[
    Field::KesehatanMasyarakat,
    Field::Kedokteran,
    Field::Keperawatan,
    Field::Kebidanan,
    Field::Farmasi,
];

fn kec(rng: &mut Rng) -> Kecamatan {
    *rng.pick(Kecamatan::ALL)
}

fn plt_flags(rng: &mut Rng, n: usize, plt: usize) -> Vec<bool> {
    let mut v: Vec<bool> = (0..n).map(|i| i < plt).collect();
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        v.swap(i, j);
    }
    v
}

fn school(org: &mut Org, rng: &mut Rng, parent: usize, n: usize, smp: bool, plt: bool) {
    let (tag, label) = if smp {
        ("SMPN", "SMP Negeri")
    } else {
        ("SDN", "SD Negeri")
    };
    let u = org.add_unit(
        format!("{tag}-{n:03}"),
        format!("{label} {n} Palembang"),
        format!("{tag} {n}"),
        if smp {
            UnitKind::SmpNegeri
        } else {
            UnitKind::SdNegeri
        },
        Some(parent),
        kec(rng),
        Field::Pendidikan,
    );
    let level = if smp {
        SchoolLevel::Smp
    } else {
        SchoolLevel::Sd
    };
    super::teachers::staff_school(org, rng, u, level, plt);
    let tu = pelaksana(org, 0);
    org.add_formation(rng, u, tu, if smp { 3.2 } else { 1.3 }, 0.9, Staff::Office);
}

fn health_family(
    id: &'static str,
    name: &'static str,
    field: Field,
    keahlian: bool,
    accepted: &'static [Field],
) -> Family {
    Family {
        id,
        name,
        field,
        accepted,
        keahlian,
    }
}

const NURSE: &[Field] = &[Field::Keperawatan];
const MIDWIFE: &[Field] = &[Field::Kebidanan];
const PHARM: &[Field] = &[Field::Farmasi];
const PUBLIC_HEALTH: &[Field] = &[Field::KesehatanMasyarakat];

/// Medical staff for a unit, `size` people in all.
fn medical(org: &mut Org, rng: &mut Rng, u: usize, size: f64) {
    let fams = [
        (
            health_family("DOKTER", "Dokter", Field::Kedokteran, true, MED),
            0.12,
            [0.5, 0.35, 0.15],
        ),
        (
            health_family("PERAWAT", "Perawat", Field::Keperawatan, false, NURSE),
            0.42,
            [0.5, 0.35, 0.15],
        ),
        (
            health_family("BIDAN", "Bidan", Field::Kebidanan, false, MIDWIFE),
            0.18,
            [0.6, 0.3, 0.1],
        ),
        (
            health_family("APOTEKER", "Apoteker", Field::Farmasi, true, PHARM),
            0.05,
            [0.7, 0.3, 0.0],
        ),
        (
            health_family(
                "SANITARIAN",
                "Sanitarian",
                Field::KesehatanMasyarakat,
                false,
                PUBLIC_HEALTH,
            ),
            0.05,
            [0.7, 0.3, 0.0],
        ),
        (
            health_family(
                "NUTRISIONIS",
                "Nutrisionis",
                Field::KesehatanMasyarakat,
                false,
                PUBLIC_HEALTH,
            ),
            0.05,
            [0.7, 0.3, 0.0],
        ),
    ];
    for (f, share, levels) in fams.iter() {
        for (lvl, ls) in levels.iter().enumerate() {
            let p = jf(org, f, lvl);
            org.add_formation(rng, u, p, size * share * ls, 0.9, Staff::Health);
        }
    }
    let adm = pelaksana(org, 0);
    org.add_formation(rng, u, adm, size * 0.13, 0.95, Staff::Office);
}

pub(super) fn build(org: &mut Org, rng: &mut Rng, disdik: usize, dinkes: usize) -> Vec<usize> {
    let sd_plt = plt_flags(rng, SD, SD_PLT);
    for (i, plt) in sd_plt.iter().enumerate() {
        school(org, rng, disdik, i + 1, false, *plt);
    }
    let smp_plt = plt_flags(rng, SMP, SMP_PLT);
    for (i, plt) in smp_plt.iter().enumerate() {
        school(org, rng, disdik, i + 1, true, *plt);
    }
    let mut pkms = Vec::new();
    for i in 0..PUSKESMAS {
        let name = KELURAHAN[(i * 7 + 3) % KELURAHAN.len()];
        let u = org.add_unit(
            format!("PKM-{:02}", i + 1),
            format!("Puskesmas {name}"),
            format!("PKM {name}"),
            UnitKind::Puskesmas,
            Some(dinkes),
            kec(rng),
            Field::KesehatanMasyarakat,
        );
        let kp = org.position(P {
            id: "KAPUS".into(),
            name: "Kepala Puskesmas".into(),
            kind: JabatanKind::AhliMuda,
            eselon: None,
            edu: EducationLevel::S1,
            accepted: HEALTH_LEAD,
            diklat: &[],
            key: true,
            special: Some(SpecialRole::KepalaPuskesmas),
            field: Field::KesehatanMasyarakat,
            range: Some((
                Golongan::parse("III/c").unwrap_or(Golongan::MIN),
                Golongan::parse("IV/b").unwrap_or(Golongan::MAX),
            )),
        });
        let fill = if rng.chance(0.12) {
            Fill::Plt
        } else {
            Fill::Definitive
        };
        org.seats.push(Seat {
            unit: u,
            position: kp,
            fill,
            staff: Staff::Health,
        });
        let size = rng.normal(52.0, 10.0);
        medical(org, rng, u, size);
        pkms.push(u);
    }
    for (short, size) in [("RSUD Palembang BARI", 1050.0), ("RSUD Gandus", 380.0)] {
        if let Some(u) = org.unit_by_short(short) {
            medical(org, rng, u, size);
        }
    }
    pkms
}
