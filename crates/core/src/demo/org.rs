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
            id: UnitId::new(id).expect("demo unit id"),
            name,
            short,
            kind,
            parent,
            kecamatan: kec,
            field,
            school: None,
        });
        self.units.len() - 1
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
        let (unit, position) = (&self.units[unit].id, &self.positions[position].id);
        let hours = (need * self.rules.abk_effective_hours * 100.0).round() / 100.0;
        // One ABK row per unit and position: a position staffed twice in one unit (two
        // sections' clerks) adds its workload to the row already there.
        match self
            .needs
            .iter_mut()
            .find(|n| &n.unit == unit && &n.position == position)
        {
            Some(n) => n.workload_hours = ((n.workload_hours + hours) * 100.0).round() / 100.0,
            None => self.needs.push(AbkNeed {
                unit: unit.clone(),
                position: position.clone(),
                workload_hours: hours,
            }),
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

pub(super) fn build(rng: &mut Rng) -> Org {
    let mut org = Org::new();
    for s in OPD {
        super::opd::build(&mut org, rng, s, 1.8);
    }
    super::region::build(&mut org, rng);
    let disdik = org
        .units
        .iter()
        .position(|u| u.short == "Disdik")
        .expect("Disdik exists");
    let dinkes = org
        .units
        .iter()
        .position(|u| u.short == "Dinkes")
        .expect("Dinkes exists");
    super::schools::build(&mut org, rng, disdik, dinkes);
    org
}
