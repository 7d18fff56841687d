//! Plain numeric features of employees, positions and slots, computed once so that scoring a
//! pair is a handful of array lookups. Both the detailed [`super::fit`] and the city-wide index
//! use these, so the two always agree.

use super::jpm::JpmInput;
use crate::dataset::Map;
use crate::eligibility::facts::retirement_date;
use crate::model::*;
use crate::rules::RuleSet;
use crate::text::{add_months, months_between, Span};
use crate::Dataset;
use chrono::NaiveDate;

const NF: usize = Field::ALL.len();

/// What scoring needs to know about an employee on a date.
#[derive(Debug, Clone)]
pub struct EmployeeFeatures {
    /// Achieved managerial levels.
    pub managerial: [u8; 8],
    /// Achieved socio-cultural level.
    pub socio: u8,
    /// Technical level per field (0 when not assessed).
    pub technical: [u8; NF],
    /// Fields of the employee's majors.
    pub field_mask: u16,
    /// Fields related to any of the majors.
    pub related_mask: u16,
    /// Highest education level.
    pub education: EducationLevel,
    /// Golongan.
    pub golongan: Golongan,
    /// Status.
    pub status: EmployeeStatus,
    /// Months of experience per field (past posts and the current one up to the date).
    pub field_months: [u16; NF],
    /// Months of experience per OPD index.
    pub opd_months: Vec<(u32, u16)>,
    /// Mean score of recent SKP, if any.
    pub skp: Option<f64>,
    /// Home kecamatan.
    pub home: Kecamatan,
    /// Preferred unit indexes.
    pub pref_units: Vec<u32>,
    /// Preferred kecamatan (bit per [`Kecamatan::index`]).
    pub pref_kecamatan: u32,
    /// Preferred fields.
    pub pref_fields: u16,
    /// A hard rule that depends only on the employee blocks every move (sanction, CPNS, tenure,
    /// retirement, a PPPK agreement that has ended, own JPT protection).
    pub self_blocked: bool,
}

impl EmployeeFeatures {
    /// Features of employee `e` on `date`.
    pub fn new(ds: &Dataset, e: EmployeeIdx, date: NaiveDate, rules: &RuleSet) -> Self {
        let emp = &ds.employees()[e as usize];
        let mut technical = [0u8; NF];
        for t in &emp.competencies.technical {
            let i = t.field as usize;
            technical[i] = technical[i].max(t.level.get());
        }
        let field_mask = emp.field_mask();
        let related_mask = emp
            .education
            .iter()
            .fold(0, |m, ed| m | ed.field.related_mask());
        let mut field_months = [0u16; NF];
        let mut opd_months: Vec<(u32, u16)> = Vec::new();
        let mut add = |field: Field, opd: Option<u32>, months: i32| {
            let m = months.clamp(0, u16::MAX as i32) as u16;
            field_months[field as usize] = field_months[field as usize].saturating_add(m);
            if let Some(o) = opd {
                match opd_months.iter_mut().find(|x| x.0 == o) {
                    Some(x) => x.1 = x.1.saturating_add(m),
                    None => opd_months.push((o, m)),
                }
            }
        };
        for p in &emp.history {
            let opd = ds.unit_idx(&p.unit).map(|u| ds.opd_of_unit(u));
            add(
                p.field,
                opd,
                months_between(p.period.start(), p.period.end()),
            );
        }
        let own = ds.employee_slot(e);
        let kind = own.map_or(JabatanKind::Pelaksana, |s| ds.slot_position(s).kind);
        if let (Some(s), Some(c)) = (own, &emp.current) {
            add(
                ds.slot_position(s).field,
                Some(ds.opd_of_unit(ds.slot_unit_idx(s))),
                months_between(c.since, date),
            );
        }
        let recent = emp.recent_skp(rules.fit.skp_years as usize);
        let skp = (!recent.is_empty()).then(|| {
            recent
                .iter()
                .map(|r| rules.predikat_score.get(r.predikat))
                .sum::<f64>()
                / recent.len() as f64
        });

        // The same comparison as the MinTenure rule (a post taken after `date` counts as held
        // 0 months, which a minimum of 0 years admits).
        let tenure_short = emp.current.as_ref().is_some_and(|c| {
            Span::between(c.since, date) < Span::years(rules.tenure_min_years as i32)
        });
        let bup = rules.bup_for(own.map(|s| ds.slot_position(s))).age;
        let retired = retirement_date(emp.birth_date(), bup) <= date;
        let contract_over =
            emp.status == EmployeeStatus::Pppk && emp.contract_end.is_some_and(|end| end < date);
        let jpt_young = kind.is_jpt()
            && emp.current.as_ref().is_some_and(|c| {
                add_months(c.since, rules.jpt_protection_years as i32 * 12) > date
            });
        let self_blocked = emp.active_sanction(date).is_some()
            || emp.status == EmployeeStatus::Cpns
            || tenure_short
            || retired
            || contract_over
            || jpt_young;

        Self {
            managerial: emp.competencies.managerial.map(|l| l.get()),
            socio: emp.competencies.socio_cultural.get(),
            technical,
            field_mask,
            related_mask,
            education: emp.education_level(),
            golongan: emp.pangkat.golongan,
            status: emp.status,
            field_months,
            opd_months,
            skp,
            home: emp.home,
            pref_units: emp
                .preferences
                .units
                .iter()
                .filter_map(|u| ds.unit_idx(u))
                .collect(),
            pref_kecamatan: emp
                .preferences
                .kecamatan
                .iter()
                .fold(0, |m, k| m | 1 << k.index()),
            pref_fields: Field::mask(&emp.preferences.fields),
            self_blocked,
        }
    }

    /// JPM inputs for a position in `field`.
    pub fn jpm_input(&self, field: Field) -> JpmInput {
        JpmInput {
            managerial: self.managerial,
            socio: self.socio,
            technical: self.technical[field as usize],
        }
    }

    /// Whether any preference was stated.
    #[inline]
    pub fn has_preferences(&self) -> bool {
        self.pref_kecamatan != 0 || self.pref_fields != 0 || !self.pref_units.is_empty()
    }

    /// Months in the given OPD.
    pub fn months_in_opd(&self, opd: u32) -> u16 {
        self.opd_months
            .iter()
            .find(|x| x.0 == opd)
            .map_or(0, |x| x.1)
    }
}

/// What scoring and the hard-rule filter need to know about a position.
#[derive(Debug, Clone, Copy)]
pub struct PositionFeatures {
    /// Kind.
    pub kind: JabatanKind,
    /// Field.
    pub field: Field,
    /// Accepted fields mask (0: any).
    pub accepted: u16,
    /// Rank range.
    pub golongan_min: Golongan,
    /// Rank range.
    pub golongan_max: Golongan,
    /// Minimum education.
    pub education_min: EducationLevel,
    /// Required managerial, socio-cultural and technical levels.
    pub required: (u8, u8, u8),
    /// Technical weight 0–1.
    pub technical_weight: f64,
    /// A Pilkada or new-head freeze covers this position on the date.
    pub frozen: bool,
    /// The major rule is hard here (jabatan fungsional).
    pub major_hard: bool,
}

impl PositionFeatures {
    /// Features of a position on `date`.
    pub fn new(p: &Position, date: NaiveDate, rules: &RuleSet) -> Self {
        let official = p.kind.is_structural() || p.special.is_some();
        let election = rules.election_freeze.iter().any(|r| r.contains(date));
        let head = rules.kepala_daerah_inaugurated.is_some_and(|d0| {
            d0 <= date && date < add_months(d0, rules.kepala_daerah_freeze_months as i32)
        });
        Self {
            kind: p.kind,
            field: p.field,
            accepted: Field::mask(&p.accepted_fields),
            golongan_min: p.golongan_min,
            golongan_max: p.golongan_max,
            education_min: p.education_min,
            required: (
                p.competency.managerial.get(),
                p.competency.socio_cultural.get(),
                p.competency.technical.get(),
            ),
            technical_weight: rules.jpm_technical_pct.get(p.kind) / 100.0,
            frozen: official && (election || head),
            major_hard: p.kind.is_functional() && rules.functional_major_is_hard,
        }
    }

    /// Hard rules that depend on the employee and the position only (rank, education, PPPK,
    /// functional qualification).
    pub fn admits(&self, e: &EmployeeFeatures) -> bool {
        e.golongan >= self.golongan_min
            && e.golongan <= self.golongan_max
            && e.education >= self.education_min
            && !(e.status == EmployeeStatus::Pppk && self.kind.is_structural())
            && !(self.major_hard && self.accepted != 0 && e.field_mask & self.accepted == 0)
    }
}

/// Headcount against need for one (unit, position) formation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Formation {
    /// Need from ABK (or the number of seats when no ABK exists).
    pub kebutuhan: f64,
    /// Definitive holders.
    pub bezetting: u32,
    /// Seats (slots) in the formation.
    pub seats: u32,
    /// Where `kebutuhan` comes from.
    pub source: NeedSource,
}

/// Where a formation's need (kebutuhan) comes from, so a screen can say how many needs are only
/// the seat count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedSource {
    /// No ABK row: the number of seats stands in for the need.
    #[default]
    Seats,
    /// The ABK row: workload hours / effective hours per person.
    Abk,
    /// A school's teaching post: computed from its rombel ([`crate::school::need`]).
    School,
}

/// The need of the formation (`unit`, `position`) with `seats` seats, given its ABK row if any:
/// the school's computed need for a teaching post, else the ABK's, else the seats.
fn need_of(
    ds: &Dataset,
    unit: u32,
    position: u32,
    seats: u32,
    abk: Option<&AbkNeed>,
    rules: &RuleSet,
) -> (f64, NeedSource) {
    if let Some(k) = school_need(ds, unit, position, rules) {
        (k, NeedSource::School)
    } else if let Some(n) = abk {
        (
            n.workload_hours / rules.abk_effective_hours,
            NeedSource::Abk,
        )
    } else {
        (seats as f64, NeedSource::Seats)
    }
}

impl Formation {
    /// Shortage ratio 0–1 ((kebutuhan − bezetting) / kebutuhan, clamped).
    pub fn shortage(&self) -> f64 {
        if self.kebutuhan <= 0.0 {
            return 0.0;
        }
        ((self.kebutuhan - self.bezetting as f64) / self.kebutuhan).clamp(0.0, 1.0)
    }
}

/// Formations of the whole dataset, keyed by (unit index, position index). The need
/// (kebutuhan) is the ABK's, or the number of seats without one; a school's teaching posts take
/// the need computed from the school instead.
pub fn formations(ds: &Dataset, rules: &RuleSet) -> Map<(u32, u32), Formation> {
    let mut m: Map<(u32, u32), Formation> = Map::default();
    for (i, s) in ds.slots().iter().enumerate() {
        let key = (
            ds.slot_unit_idx(i as SlotIdx),
            ds.slot_position_idx(i as SlotIdx),
        );
        let f = m.entry(key).or_default();
        f.seats += 1;
        if matches!(&s.holder, Some(h) if h.kind == HoldKind::Definitive) {
            f.bezetting += 1;
        }
    }
    let mut abk: Map<(u32, u32), &AbkNeed> = Map::default();
    for n in ds.needs() {
        if let (Some(u), Some(p)) = (ds.unit_idx(&n.unit), ds.position_idx(&n.position)) {
            // A repeated (unit, position) row counts once, the first, as in `formation_of`.
            abk.entry((u, p)).or_insert(n);
            m.entry((u, p)).or_default();
        }
    }
    for (&(u, p), f) in m.iter_mut() {
        (f.kebutuhan, f.source) = need_of(ds, u, p, f.seats, abk.get(&(u, p)).copied(), rules);
    }
    m
}

/// A teaching post's need at a school that records its size: computed from the school
/// ([`crate::school::need::teacher_need`]), which replaces any ABK figure.
fn school_need(ds: &Dataset, unit: u32, position: u32, rules: &RuleSet) -> Option<f64> {
    let subject = ds.positions()[position as usize].subject?;
    crate::school::need::teacher_need(&ds.units()[unit as usize], subject, rules)
}

/// The formation of one slot (reads its unit's slots; use [`formations`] for many).
pub fn formation_of(ds: &Dataset, s: SlotIdx, rules: &RuleSet) -> Formation {
    let (u, p) = (ds.slot_unit_idx(s), ds.slot_position_idx(s));
    let mut f = Formation::default();
    for &i in ds.unit_slots(u) {
        if ds.slot_position_idx(i) == p {
            f.seats += 1;
            let slot = &ds.slots()[i as usize];
            if matches!(&slot.holder, Some(h) if h.kind == HoldKind::Definitive) {
                f.bezetting += 1;
            }
        }
    }
    (f.kebutuhan, f.source) = need_of(ds, u, p, f.seats, ds.need(u, p), rules);
    f
}

/// What scoring needs to know about a slot.
#[derive(Debug, Clone, Copy)]
pub struct SlotFeatures {
    /// Position index.
    pub position: u32,
    /// Unit index.
    pub unit: u32,
    /// OPD index.
    pub opd: u32,
    /// Kecamatan of the unit.
    pub kecamatan: Kecamatan,
    /// Shortage ratio 0–1 of the formation.
    pub shortage: f64,
    /// A definitive JPT holder inaugurated under the protection period sits here.
    pub protected: bool,
}

impl SlotFeatures {
    /// Features of slot `s` given its formation.
    pub fn new(
        ds: &Dataset,
        s: SlotIdx,
        formation: &Formation,
        date: NaiveDate,
        rules: &RuleSet,
    ) -> Self {
        let unit = ds.slot_unit_idx(s);
        let pos = ds.slot_position(s);
        let protected = match &ds.slots()[s as usize].holder {
            Some(h) => {
                h.kind == HoldKind::Definitive
                    && pos.kind.is_jpt()
                    && add_months(h.since, rules.jpt_protection_years as i32 * 12) > date
            }
            None => false,
        };
        Self {
            position: ds.slot_position_idx(s),
            unit,
            opd: ds.opd_of_unit(unit),
            kecamatan: ds.units()[unit as usize].kecamatan,
            shortage: formation.shortage(),
            protected,
        }
    }
}
