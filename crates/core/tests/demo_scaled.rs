//! The scaled demo instansi (`demo::generate_scaled`): scale 1 is the city itself, scale 2 is
//! two regions of it, with unique ids, the city's proportions and a dataset that validates.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use mutasi_core::demo::{generate, generate_scaled, SD, SD_PLT, SMP, SMP_PLT};
use mutasi_core::model::*;
use mutasi_core::Dataset;

fn serialised(ds: &Dataset) -> String {
    serde_json::to_string(ds).expect("a dataset serialises")
}

fn count_units(ds: &Dataset, kind: UnitKind) -> usize {
    ds.units().iter().filter(|u| u.kind == kind).count()
}

fn count_employees(ds: &Dataset, status: EmployeeStatus) -> usize {
    ds.employees().iter().filter(|e| e.status == status).count()
}

fn acting_principals(ds: &Dataset) -> usize {
    (0..ds.slots().len() as u32)
        .filter(|&i| {
            ds.slot_position(i).special == Some(SpecialRole::KepalaSekolah)
                && matches!(&ds.slots()[i as usize].holder, Some(h) if h.kind == HoldKind::Plt)
        })
        .count()
}

/// `scaled / city` lies within `lo..=hi`.
fn assert_ratio(what: &str, scaled: usize, city: usize, lo: f64, hi: f64) {
    let r = scaled as f64 / city as f64;
    assert!(
        (lo..=hi).contains(&r),
        "{what}: {scaled} vs {city} (×{r:.3})"
    );
}

#[test]
fn scale_one_is_the_city_itself() {
    let city = serialised(&generate(1));
    assert_eq!(serialised(&generate_scaled(1, 1)), city);
    // Below 1 is taken as 1.
    assert_eq!(serialised(&generate_scaled(1, 0)), city);
}

#[test]
fn scale_two_is_two_regions_of_the_city_with_unique_ids() {
    let city = generate(1);
    let two = generate_scaled(1, 2);

    for status in [
        EmployeeStatus::Pns,
        EmployeeStatus::Pppk,
        EmployeeStatus::Cpns,
    ] {
        let (a, b) = (
            count_employees(&two, status),
            count_employees(&city, status),
        );
        assert_ratio(&format!("{status:?}"), a, b, 1.8, 2.2);
    }
    assert_ratio(
        "employees",
        two.employees().len(),
        city.employees().len(),
        1.9,
        2.1,
    );
    assert_ratio("slots", two.slots().len(), city.slots().len(), 1.9, 2.1);
    assert_ratio("ABK rows", two.needs().len(), city.needs().len(), 1.9, 2.1);
    let open = |ds: &Dataset| ds.slots().iter().filter(|s| s.is_open()).count();
    assert_ratio("open slots", open(&two), open(&city), 1.8, 2.2);
    for kind in [
        UnitKind::Opd,
        UnitKind::Kecamatan,
        UnitKind::Kelurahan,
        UnitKind::Puskesmas,
    ] {
        assert_eq!(
            count_units(&two, kind),
            2 * count_units(&city, kind),
            "{kind:?}"
        );
    }
    assert_eq!(count_units(&two, UnitKind::SdNegeri), 2 * SD);
    assert_eq!(count_units(&two, UnitKind::SmpNegeri), 2 * SMP);
    assert_eq!(acting_principals(&two), 2 * (SD_PLT + SMP_PLT));
    // Jabatan are shared between the regions, not copied (a few more appear: a fourth bidang,
    // a subject's teaching post that one region's schools need).
    assert_ratio(
        "positions",
        two.positions().len(),
        city.positions().len(),
        1.0,
        1.1,
    );

    let units: HashSet<&str> = two.units().iter().map(|u| u.id.as_str()).collect();
    assert_eq!(units.len(), two.units().len(), "unit ids are unique");
    let slots: HashSet<&str> = two.slots().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(slots.len(), two.slots().len(), "slot ids are unique");
    let nips: HashSet<&str> = two.employees().iter().map(|e| e.nip.as_str()).collect();
    assert_eq!(nips.len(), two.employees().len(), "NIPs are unique");
    assert!(two.units().iter().any(|u| u.id.as_str() == "W2-DISDIK"
        && u.short == "Disdik W2"
        && u.name == "Dinas Pendidikan Wilayah 2"));

    // The second region's selective OPD are selective too.
    let selective = &two.rules().selective_opd;
    assert_eq!(selective.len(), 2 * city.rules().selective_opd.len());
    assert!(selective.iter().any(|s| s == "BKPSDM W2"));

    // The dataset's indexes agree with a scan of its slots and ABK rows.
    for u in 0..two.units().len() as u32 {
        let scanned: Vec<u32> = (0..two.slots().len() as u32)
            .filter(|&s| two.slot_unit_idx(s) == u)
            .collect();
        assert_eq!(two.unit_slots(u), &scanned[..], "unit {u}");
    }
    for n in two.needs() {
        let (u, p) = (
            two.unit_idx(&n.unit).unwrap(),
            two.position_idx(&n.position).unwrap(),
        );
        let first = two
            .needs()
            .iter()
            .find(|m| m.unit == n.unit && m.position == n.position);
        assert_eq!(
            two.need(u, p).map(|m| m as *const _),
            first.map(|m| m as *const _)
        );
    }

    // The whole passes the dataset's validation again, as it is read from a file.
    let text = serialised(&two);
    let read: Dataset = serde_json::from_str(&text).expect("the scaled instansi validates");
    assert_eq!(read.employees().len(), two.employees().len());
}
