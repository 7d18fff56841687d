//! Deterministic demo data for a realistic Kota Palembang ([`generate`]).
//!
//! About 9,200 PNS and 10,300 PPPK in 41 OPD, 18 kecamatan with 107 kelurahan, 249 SD Negeri and
//! 61 SMP Negeri (130 and 19 principals acting, Plt), 41 puskesmas and two RSUD. ABK needs are
//! drawn so that real shortages and excesses appear; schools have rombel and pupils, and their
//! teaching formations follow the teacher need computed from them (`teachers`). The same seed
//! always gives the same city. [`outcomes`] adds the schools' and puskesmas' outcome histories
//! with a known planted effect, for the impact evaluation. [`generate_scaled`] draws an instansi
//! of several such regions (a province-sized one for benchmarks); scale 1 is the city.

mod catalog;
mod names;
mod opd;
mod org;
mod outcomes;
mod people;
mod raters;
mod region;
mod rng;
mod scaled;
mod schools;
mod teachers;

pub use outcomes::{outcomes, planted_effect, OUTCOME_YEARS};
pub use rng::Rng;
pub use scaled::{generate_scaled, generate_scaled_at, MAX_SCALE};
pub use schools::{PUSKESMAS, SD, SD_PLT, SMP, SMP_PLT};

use crate::model::*;
use crate::rules::{RuleSet, SkSigner};
use crate::text::add_months;
use crate::{Dataset, DatasetParts};
use chrono::NaiveDate;
use org::Fill;
use people::PersonCtx;
use std::collections::{HashMap, HashSet};

/// The date the demo city is described on (2026-11-28).
pub fn reference_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default()
}

/// The demo city's signing official: the Wali Kota under a **fictional** name (no real
/// person's). A real instansi names its own official in its rule set (`[sk.signer]`); the
/// defaults name nobody, so a decree is not drafted until it does.
pub fn sk_signer() -> SkSigner {
    SkSigner {
        jabatan: "WALI KOTA PALEMBANG".into(),
        name: "H. Contoh Wiradinata, S.H., M.Si.".into(),
        golongan: None,
        nip: None,
    }
}

/// The demo's rule set: the defaults, with the demo's signing official ([`sk_signer`]).
pub fn rules() -> RuleSet {
    let mut rules = RuleSet::default();
    rules.sk.signer = sk_signer();
    rules
}

/// The demo city for `seed`, described on [`reference_date`].
pub fn generate(seed: u64) -> Dataset {
    generate_at(seed, reference_date())
}

fn previous_kind(k: JabatanKind) -> JabatanKind {
    use JabatanKind::*;
    match k {
        JptUtama | JptMadya | JptPratama => Administrator,
        Administrator => Pengawas,
        Pengawas => Pelaksana,
        other => other,
    }
}

/// Months in the current post, drawn from bands: `(cumulative share, lowest, highest)`.
fn months_in_post(rng: &mut Rng, bands: [(f64, i64, i64); 3]) -> i64 {
    let x = rng.unit();
    let (_, lo, hi) = bands.into_iter().find(|b| x < b.0).unwrap_or(bands[2]);
    rng.range(lo, hi)
}

/// The demo city for `seed`, described on `date`.
pub fn generate_at(seed: u64, date: NaiveDate) -> Dataset {
    build(seed, 1, date)
}

/// The instansi of `regions` regions (1: the city) for `seed`, described on `date`.
fn build(seed: u64, regions: u32, date: NaiveDate) -> Dataset {
    let mut rng = Rng::new(seed);
    let org = org::build(&mut rng, regions);
    let rules = scaled::rules(regions);
    let roots: Vec<usize> = (0..org.units.len())
        .map(|mut i| {
            while let Some(p) = &org.units[i].parent {
                i = org.units.iter().position(|u| &u.id == p).unwrap_or(i);
                if org.units[i].parent.is_none() {
                    break;
                }
            }
            i
        })
        .collect();
    let opd_ids: Vec<UnitId> = org
        .units
        .iter()
        .filter(|u| u.parent.is_none())
        .map(|u| u.id.clone())
        .collect();
    let mut cx = PersonCtx {
        date,
        rules: &rules,
        opd_ids: &opd_ids,
        nips: HashSet::new(),
        serial: 0,
    };

    let mut employees: Vec<Employee> = Vec::new();
    let mut slots: Vec<Slot> = Vec::with_capacity(org.seats.len());
    let mut counters: HashMap<(usize, usize), u32> = HashMap::new();
    let mut by_unit: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut plt_seats = Vec::new();
    let schools_of = |kind: UnitKind| -> Vec<UnitId> {
        org.units
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| u.id.clone())
            .collect()
    };
    let (sd_ids, smp_ids) = (
        schools_of(UnitKind::SdNegeri),
        schools_of(UnitKind::SmpNegeri),
    );
    let disdik = org
        .units
        .iter()
        .find(|u| u.short == "Disdik")
        .map(|u| u.id.clone())
        .expect("Disdik exists");
    for seat in &org.seats {
        let (unit, pos) = (&org.units[seat.unit], &org.positions[seat.position]);
        let n = counters.entry((seat.unit, seat.position)).or_insert(0);
        *n += 1;
        let id = SlotId::new(format!("{}/{}-{}", unit.id, pos.id, n)).expect("demo slot id");
        let mut holder = None;
        match seat.fill {
            Fill::Vacant => {}
            Fill::Plt => plt_seats.push(slots.len()),
            Fill::Definitive => {
                let root = roots[seat.unit];
                let mut emp = people::make(
                    &mut rng,
                    &mut cx,
                    pos,
                    unit,
                    &org.units[root].id,
                    seat.staff,
                );
                let start = emp.nip.cpns_month();
                let served = crate::text::months_between(start, date).max(1) as i64;
                let months = if emp.status == EmployeeStatus::Cpns {
                    served
                } else if pos.is_principal() {
                    // Principals in their first and second periods; a few past both.
                    months_in_post(&mut rng, [(0.55, 1, 47), (0.9, 48, 95), (1.0, 96, 112)])
                        .min(served)
                } else {
                    months_in_post(&mut rng, [(0.22, 1, 23), (0.72, 24, 59), (1.0, 60, 140)])
                        .min(served)
                };
                let since = add_months(date, -(months as i32));
                if pos.is_guru() {
                    let level = pos.subject.map(|s| s.level).unwrap_or(
                        if unit.kind == UnitKind::SmpNegeri {
                            SchoolLevel::Smp
                        } else {
                            SchoolLevel::Sd
                        },
                    );
                    let schools = match level {
                        SchoolLevel::Sd => &sd_ids,
                        SchoolLevel::Smp => &smp_ids,
                    };
                    let subject = pos.subject.unwrap_or_else(|| {
                        let subjects: &[Mapel] = match level {
                            SchoolLevel::Sd => &[Mapel::GuruKelas, Mapel::GuruKelas, Mapel::Pai],
                            SchoolLevel::Smp => &teachers::SMP_SUBJECTS,
                        };
                        Subject::new(level, *rng.pick(subjects))
                    });
                    teachers::history(&mut rng, &mut emp, pos, unit, since, date, schools, &disdik);
                    let senior = emp.status == EmployeeStatus::Pns
                        && emp.pangkat.golongan.index() >= 12
                        && !pos.is_principal();
                    if senior && rng.chance(0.05) {
                        teachers::former_principal(&mut rng, &mut emp, since, schools, level);
                    }
                    teachers::record(&mut rng, &mut emp, subject, since, date, pos.is_principal());
                } else if crate::text::months_between(start, since) >= 24 && rng.chance(0.7) {
                    let same = rng.chance(0.6);
                    let past_unit = if same {
                        org.units[root].id.clone()
                    } else {
                        rng.pick(&opd_ids).clone()
                    };
                    let kind = previous_kind(pos.kind);
                    let field = if rng.chance(0.75) {
                        pos.field
                    } else {
                        org.units[roots[seat.unit]].field
                    };
                    let special = (pos.special == Some(SpecialRole::KepalaSekolah)
                        && rng.chance(0.25))
                    .then_some(SpecialRole::KepalaSekolah);
                    let end = since.pred_opt().unwrap_or(since);
                    if let Ok(period) = Period::new(start, end) {
                        let title = if kind == pos.kind {
                            pos.name.clone()
                        } else {
                            format!("{kind} ({})", org.units[root].short)
                        };
                        emp.history.push(PastPost {
                            title,
                            unit: past_unit,
                            kind,
                            field,
                            special,
                            profession: pos.profession,
                            period,
                        });
                    }
                }
                emp.current = Some(CurrentPost {
                    slot: id.clone(),
                    since,
                });
                holder = Some(Holder {
                    nip: Some(emp.nip.clone()),
                    kind: HoldKind::Definitive,
                    since,
                });
                by_unit.entry(seat.unit).or_default().push(employees.len());
                by_root.entry(root).or_default().push(employees.len());
                employees.push(emp);
            }
        }
        slots.push(Slot {
            id,
            unit: unit.id.clone(),
            position: pos.id.clone(),
            holder,
        });
    }
    // Acting holders: a senior colleague in the same unit, else in the same OPD.
    let mut acting: HashSet<usize> = HashSet::new();
    for si in plt_seats {
        let seat = &org.seats[si];
        let senior = |e: &usize| {
            employees[*e].pangkat.golongan.index() >= 9
                && !acting.contains(e)
                && employees[*e].status != EmployeeStatus::Cpns
        };
        let pick = by_unit
            .get(&seat.unit)
            .and_then(|v| {
                v.iter()
                    .copied()
                    .filter(senior)
                    .max_by_key(|e| (employees[*e].pangkat.golongan, *e))
            })
            .or_else(|| {
                let pool = by_root.get(&roots[seat.unit])?;
                let c: Vec<usize> = pool.iter().copied().filter(senior).collect();
                (!c.is_empty()).then(|| c[rng.below(c.len() as u64) as usize])
            });
        if let Some(e) = pick {
            acting.insert(e);
            let since = add_months(date, -(rng.range(1, 20) as i32));
            slots[si].holder = Some(Holder {
                nip: Some(employees[e].nip.clone()),
                kind: HoldKind::Plt,
                since,
            });
        }
    }
    let mut parts = DatasetParts {
        employees,
        units: org.units,
        positions: org.positions,
        slots,
        needs: org.needs,
        rules,
    };
    teachers::set_hours(&mut parts);
    teachers::masters_in_education(&mut parts, seed);
    raters::assign(&mut parts);
    Dataset::new(parts).expect("the demo generator builds a consistent dataset")
}
