//! Builds the demo city's organisation: units, positions, and seats with how each is filled.

use super::catalog::{Family, OPD};
use super::rng::Rng;
use crate::model::*;
use crate::rules::RuleSet;
use std::collections::HashMap;

/// How a seat is to be filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fill {
    Definitive,
    Vacant,
    Plt,
}

/// Staffing category, which sets the share of PPPK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Staff {
    Teacher,
    Health,
    Office,
}

pub(super) struct Seat {
    pub unit: usize,
    pub position: usize,
    pub fill: Fill,
    pub staff: Staff,
}

pub(super) struct Org {
    pub units: Vec<Unit>,
    pub positions: Vec<Position>,
    pub seats: Vec<Seat>,
    pub needs: Vec<AbkNeed>,
    pos_index: HashMap<String, usize>,
    /// `(unit, position)` → its row in `needs`.
    need_index: HashMap<(usize, usize), usize>,
    /// The region being built: its units' names and where they start in `units`.
    region: Region,
    rules: RuleSet,
}

pub(super) fn id_of(s: &str) -> String {
    s.to_uppercase().replace([' ', '/'], "-")
}

fn lv(v: u8) -> Level {
    Level::new(v.clamp(1, 5)).unwrap_or(Level::new(1).expect("1 is a level"))
}

/// A position template.
pub(super) struct P<'a> {
    pub id: String,
    pub name: String,
    pub kind: JabatanKind,
    pub eselon: Option<Eselon>,
    pub edu: EducationLevel,
    pub accepted: &'a [Field],
    pub diklat: &'a [DiklatKind],
    pub key: bool,
    pub special: Option<SpecialRole>,
    pub field: Field,
    pub range: Option<(Golongan, Golongan)>,
}

impl Org {
    fn new() -> Self {
        Self {
            units: Vec::new(),
            positions: Vec::new(),
            seats: Vec::new(),
            needs: Vec::new(),
            pos_index: HashMap::new(),
            need_index: HashMap::new(),
            region: Region::FIRST,
            rules: RuleSet::default(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn add_unit(
        &mut self,
        id: String,
        name: String,
        short: String,
        kind: UnitKind,
        parent: Option<usize>,
        kec: Kecamatan,
        field: Field,
    ) -> usize {
        let parent = parent.map(|p| self.units[p].id.clone());
        self.units.push(Unit {
            id: UnitId::new(self.region.id(&id)).expect("demo unit id"),
            name: self.region.name(&name),
            short: self.region.short(&short),
            kind,
            parent,
            kecamatan: kec,
            field,
            school: None,
        });
        self.units.len() - 1
    }

    /// The unit of the region being built whose short name (before the region's suffix) is
    /// `short`.
    pub fn unit_by_short(&self, short: &str) -> Option<usize> {
        let short = self.region.short(short);
        let start = self.region.first_unit;
        (start..self.units.len()).find(|&i| self.units[i].short == short)
    }

    pub fn position(&mut self, p: P) -> usize {
        if let Some(&i) = self.pos_index.get(&p.id) {
            return i;
        }
        let (min, max) = p.range.unwrap_or_else(|| {
            let r = p
                .eselon
                .and_then(|e| self.rules.eselon_range(e))
                .unwrap_or(self.rules.kind_golongan.get(p.kind));
            (r.min, r.max)
        });
        let lvl = self.rules.competency_level.get(p.kind);
        let kelas = match p.kind {
            JabatanKind::JptUtama | JabatanKind::JptMadya => 15,
            JabatanKind::JptPratama => 14,
            JabatanKind::Administrator | JabatanKind::AhliMadya => 11,
            JabatanKind::Pengawas | JabatanKind::AhliMuda | JabatanKind::Penyelia => 9,
            JabatanKind::AhliPertama | JabatanKind::Mahir => 8,
            JabatanKind::Terampil => 7,
            _ => 5,
        };
        self.positions.push(Position {
            id: PositionId::new(p.id.clone()).expect("demo position id"),
            name: p.name,
            kind: p.kind,
            eselon: p.eselon,
            golongan_min: min,
            golongan_max: max,
            education_min: p.edu,
            accepted_fields: p.accepted.to_vec(),
            required_diklat: p.diklat.to_vec(),
            competency: CompetencyStandard {
                managerial: lv(lvl),
                socio_cultural: lv(lvl),
                technical: lv(lvl + 1),
            },
            kelas,
            key: p.key,
            special: p.special,
            field: p.field,
            profession: None,
            subject: None,
        });
        self.pos_index.insert(p.id, self.positions.len() - 1);
        self.positions.len() - 1
    }

    /// One seat of a leadership post: vacant or Plt with the given chances.
    pub fn single(&mut self, rng: &mut Rng, unit: usize, position: usize, vacant: f64, plt: f64) {
        let x = rng.unit();
        let fill = if x < vacant {
            Fill::Vacant
        } else if x < vacant + plt {
            Fill::Plt
        } else {
            Fill::Definitive
        };
        self.seats.push(Seat {
            unit,
            position,
            fill,
            staff: Staff::Office,
        });
    }

    /// A formation with ABK need `need`; headcount is need × a random fill factor around `fill`.
    pub fn add_formation(
        &mut self,
        rng: &mut Rng,
        unit: usize,
        position: usize,
        need: f64,
        fill: f64,
        staff: Staff,
    ) {
        if need <= 0.05 {
            return;
        }
        let bez = (need * rng.normal(fill, 0.14).max(0.3)).round().max(0.0) as u32;
        let seats = bez.max(need.ceil() as u32);
        for i in 0..seats {
            let fill = if i < bez {
                Fill::Definitive
            } else {
                Fill::Vacant
            };
            self.seats.push(Seat {
                unit,
                position,
                fill,
                staff,
            });
        }
        let hours = (need * self.rules.abk_effective_hours * 100.0).round() / 100.0;
        // One ABK row per unit and position: a position staffed twice in one unit (two
        // sections' clerks) adds its workload to the row already there.
        match self.need_index.get(&(unit, position)) {
            Some(&n) => {
                let n = &mut self.needs[n];
                n.workload_hours = ((n.workload_hours + hours) * 100.0).round() / 100.0;
            }
            None => {
                self.need_index.insert((unit, position), self.needs.len());
                self.needs.push(AbkNeed {
                    unit: self.units[unit].id.clone(),
                    position: self.positions[position].id.clone(),
                    workload_hours: hours,
                });
            }
        }
    }
}

pub(super) fn structural(
    id: String,
    name: String,
    kind: JabatanKind,
    eselon: Eselon,
    field: Field,
    accepted: &'static [Field],
    key: bool,
) -> P<'static> {
    let diklat: &'static [DiklatKind] = match kind {
        JabatanKind::JptPratama => &[DiklatKind::Pkn2],
        JabatanKind::Administrator => &[DiklatKind::Pka],
        _ => &[DiklatKind::Pkp],
    };
    let edu = if kind == JabatanKind::Pengawas {
        EducationLevel::D3
    } else {
        EducationLevel::S1
    };
    P {
        id,
        name,
        kind,
        eselon: Some(eselon),
        edu,
        accepted,
        diklat,
        key,
        special: None,
        field,
        range: None,
    }
}

pub(super) const GOV: &[Field] = &[
    Field::Pemerintahan,
    Field::Hukum,
    Field::Ekonomi,
    Field::Sosial,
];

pub(super) fn accepted_for(f: Field) -> &'static [Field] {
    use Field::*;
    match f {
        Pendidikan => &[Pendidikan, Pemerintahan, Sosial],
        Kedokteran | KesehatanMasyarakat => {
            &[Kedokteran, KesehatanMasyarakat, Keperawatan, Farmasi]
        }
        Ekonomi => &[Ekonomi, Pemerintahan, Hukum],
        TeknikSipil => &[TeknikSipil, Lingkungan, Pemerintahan],
        Informatika => &[Informatika, Pemerintahan],
        Pertanian => &[Pertanian, Pemerintahan],
        Lingkungan => &[Lingkungan, TeknikSipil, KesehatanMasyarakat],
        Hukum => &[Hukum, Pemerintahan],
        _ => GOV,
    }
}

/// JF family position at a level index (0 first level).
pub(super) fn jf(org: &mut Org, f: &Family, level: usize) -> usize {
    use JabatanKind::*;
    let (kind, tag) = if f.keahlian {
        [(AhliPertama, "AP"), (AhliMuda, "AM"), (AhliMadya, "AMD")][level]
    } else {
        [(Terampil, "TRP"), (Mahir, "MHR"), (Penyelia, "PNY")][level]
    };
    let edu = if f.keahlian {
        EducationLevel::S1
    } else if f.accepted.is_empty() {
        EducationLevel::Sma
    } else {
        EducationLevel::D3
    };
    let p = P {
        id: format!("{}-{tag}", f.id),
        name: format!("{} {}", f.name, kind),
        kind,
        eselon: None,
        edu,
        accepted: f.accepted,
        diklat: &[],
        key: false,
        special: None,
        field: f.field,
        range: None,
    };
    let i = org.position(p);
    if f.id == "PENGAWAS-SEKOLAH" {
        // A JF of its own (retirement 60), not a teacher: never a principal without first
        // returning to teaching.
        org.positions[i].profession = Some(Profession::PengawasSekolah);
    }
    i
}

/// Pelaksana positions: (id, name, education, accepted, field).
const PELAKSANA: &[(&str, &str, EducationLevel, &[Field], Field)] = &[
    (
        "PENGADMIN",
        "Pengadministrasi Umum",
        EducationLevel::Sma,
        &[],
        Field::Pemerintahan,
    ),
    (
        "PENGELOLA-DATA",
        "Pengelola Data dan Informasi",
        EducationLevel::D3,
        &[Field::Informatika, Field::Pemerintahan, Field::Ekonomi],
        Field::Informatika,
    ),
    (
        "PENGELOLA-KEU",
        "Pengelola Keuangan",
        EducationLevel::D3,
        &[Field::Ekonomi],
        Field::Ekonomi,
    ),
    (
        "OPERATOR",
        "Operator Layanan Operasional",
        EducationLevel::Sma,
        &[],
        Field::Umum,
    ),
];

pub(super) fn pelaksana(org: &mut Org, i: usize) -> usize {
    let (id, name, edu, accepted, field) = PELAKSANA[i];
    org.position(P {
        id: id.into(),
        name: name.into(),
        kind: JabatanKind::Pelaksana,
        eselon: None,
        edu,
        accepted,
        diklat: &[],
        key: false,
        special: None,
        field,
        range: None,
    })
}

/// The organisation of `regions` regions: the first is the city as it has always been drawn,
/// each further one a copy of its structure (its own OPD, kecamatan, schools and puskesmas) drawn
/// with the draws that follow (see [`Region`]).
pub(super) fn build(rng: &mut Rng, regions: u32) -> Org {
    let mut org = Org::new();
    for number in 1..=regions.max(1) {
        org.region = Region {
            number,
            first_unit: org.units.len(),
        };
        build_region(&mut org, rng);
    }
    org
}

fn build_region(org: &mut Org, rng: &mut Rng) {
    for s in OPD {
        super::opd::build(org, rng, s, 1.8);
    }
    super::region::build(org, rng);
    let disdik = org.unit_by_short("Disdik").expect("Disdik exists");
    let dinkes = org.unit_by_short("Dinkes").expect("Dinkes exists");
    super::schools::build(org, rng, disdik, dinkes);
}

/// One region of a scaled instansi. The first keeps the city's ids and names; region `k > 1`
/// prefixes its units' ids with `W{k}-` and suffixes their names with "Wilayah {k}" and their
/// short names with "W{k}", so every id stays unique. Positions (jabatan) are shared: a
/// region's Camat is the same jabatan as the city's.
#[derive(Debug, Clone, Copy)]
pub(super) struct Region {
    /// 1 for the city itself.
    pub number: u32,
    /// The region's first unit in `Org::units`.
    pub first_unit: usize,
}

impl Region {
    const FIRST: Region = Region {
        number: 1,
        first_unit: 0,
    };

    fn id(&self, id: &str) -> String {
        match self.number {
            1 => id.to_string(),
            k => format!("W{k}-{id}"),
        }
    }

    fn name(&self, name: &str) -> String {
        match self.number {
            1 => name.to_string(),
            k => format!("{name} Wilayah {k}"),
        }
    }

    /// A unit's short name in this region (rules such as the selective OPD list name OPD by
    /// it).
    pub fn short(&self, short: &str) -> String {
        region_short(self.number, short)
    }
}

/// The short name of the unit `short` of region `number` (1: the city's own).
pub(super) fn region_short(number: u32, short: &str) -> String {
    match number {
        1 => short.to_string(),
        k => format!("{short} W{k}"),
    }
}
