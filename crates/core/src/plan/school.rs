//! The education service in the plan: which posts each row may be proposed for
//! ([`SchoolGate`]: moves stay within the profession, teachers by qualification, principals by
//! the rules of Permendikdasmen 7/2025, no certificate lost, no selective OPD entered without a
//! selection), which serving principals have used up their periods (they return to teaching:
//! `ended`), and the reasons that explain such moves.

use crate::eligibility::facts::employee_retirement;
use crate::model::{EmployeeIdx, HoldKind, JabatanKind, Profession, SchoolLevel};
use crate::school::assignment::{principal_change, Change};
use crate::school::gate::{
    admits, admits_somewhere, loses_certificate_match, EduFacts, EduPost, Selective,
};
use crate::school::service::PrincipalService;
use crate::text::{fmt_date, Text};
use crate::Dataset;
use chrono::NaiveDate;

/// The education rules and the selective-OPD rule, precomputed for the rows of a plan.
pub(crate) struct SchoolGate {
    edu: Vec<EduFacts>,
    posts: Vec<EduPost>,
    profession: Vec<Option<Profession>>,
    own_opd: Vec<Option<u32>>,
    selective: Selective,
    unit_level: Vec<Option<SchoolLevel>>,
    /// Serving principals whose periods are used up on the plan date.
    pub ended: Vec<bool>,
}

impl SchoolGate {
    /// The gate for `rows` on `date`.
    pub(crate) fn new(ds: &Dataset, rows: &[EmployeeIdx], date: NaiveDate) -> Self {
        let rules = ds.rules();
        let edu: Vec<EduFacts> = rows
            .iter()
            .map(|&e| EduFacts::new(ds, e, date, rules))
            .collect();
        let ended = rows
            .iter()
            .zip(&edu)
            .map(|(&e, f)| f.serving && PrincipalService::of(ds, e, date, rules).used_up())
            .collect();
        Self {
            edu,
            posts: ds.positions().iter().map(EduPost::new).collect(),
            profession: ds.positions().iter().map(|p| p.profession).collect(),
            own_opd: rows
                .iter()
                .map(|&e| {
                    ds.employee_slot(e)
                        .map(|s| ds.opd_of_unit(ds.slot_unit_idx(s)))
                })
                .collect(),
            selective: Selective::new(ds, rules),
            unit_level: ds
                .units()
                .iter()
                .map(|u| SchoolLevel::of_unit(u.kind))
                .collect(),
            ended,
        }
    }

    /// Whether row `r`, holding a post of position `own` and kind `own_kind`, may be proposed
    /// for position `p` of kind `kind`: a guru stays in guru posts (teaching or principal) at
    /// any level; everyone else moves laterally (same kind) within their profession; and no
    /// move costs a teacher the allowance through a certificate for another subject.
    pub(crate) fn position(
        &self,
        r: usize,
        own: u32,
        own_kind: JabatanKind,
        p: u32,
        kind: JabatanKind,
    ) -> bool {
        let (mine, theirs) = (self.profession[own as usize], self.profession[p as usize]);
        let family = match mine {
            Some(Profession::Guru) => theirs == Some(Profession::Guru),
            _ => kind == own_kind && theirs == mine,
        };
        family && !loses_certificate_match(&self.edu[r], &self.posts[p as usize])
    }

    /// Whether some slot of position `p` may admit row `r` ([`SchoolGate::slot`] without the
    /// unit's part): when not, the plan skips the position's slots without looking at each.
    pub(crate) fn some_slot(&self, r: usize, p: u32) -> bool {
        admits_somewhere(&self.edu[r], &self.posts[p as usize])
    }

    /// Whether row `r` may go to a slot of position `p` in unit `unit` of OPD `opd` (the hard
    /// education rules and the selective OPD).
    pub(crate) fn slot(&self, r: usize, p: u32, unit: u32, opd: u32) -> bool {
        admits(
            &self.edu[r],
            &self.posts[p as usize],
            unit,
            self.unit_level[unit as usize],
        ) && !self.selective.blocks(self.own_opd[r], opd)
    }
}

/// Reasons of the education service for employee `e` moving from slot `from` to slot `to`:
/// a principal's assignment ending on its ground, a principal rotating after two years, a
/// teacher assigned as principal, a post left by a retirement or held by a Plt.
pub(crate) fn reasons(
    ds: &Dataset,
    e: EmployeeIdx,
    from: crate::model::SlotIdx,
    to: crate::model::SlotIdx,
    date: NaiveDate,
) -> Vec<Text> {
    let rules = ds.rules();
    let mut out = Vec::new();
    let will = ds.slot_position(to).is_principal();
    match principal_change(ds, e, from, to, date, rules) {
        Some((Change::Ends, f)) if f.ok => out.push(Text::new(
            format!("Kembali mengajar: {}", f.text.id),
            format!("Back to teaching: {}", f.text.en),
        )),
        Some((Change::Rotates, f)) => out.push(Text::new(
            format!("Rotasi kepala sekolah: {}", f.text.id),
            format!("Principal rotation: {}", f.text.en),
        )),
        Some((Change::Starts, f)) => out.push(Text::new(
            format!(
                "Ditugaskan sebagai kepala sekolah; memenuhi syarat calon ({}): {}",
                crate::school::PASAL_7,
                f.text.id
            ),
            format!(
                "Assigned as principal; meets the candidate requirements ({}): {}",
                crate::school::PASAL_7,
                f.text.en
            ),
        )),
        _ => {}
    }
    if let Some(h) = &ds.slots()[to as usize].holder {
        let name = h
            .nip
            .as_ref()
            .and_then(|n| ds.employee(n))
            .map_or("-", |x| x.name.as_str());
        match h.kind {
            HoldKind::Plt if will => out.push(Text::new(
                format!(
                    "Mengisi jabatan kepala sekolah yang dijabat Plt {name} sejak {}",
                    fmt_date(h.since)
                ),
                format!(
                    "Fills a principal post held by the acting {name} since {}",
                    h.since
                ),
            )),
            HoldKind::Definitive => {
                if let Some(x) = h.nip.as_ref().and_then(|n| ds.employee_idx(n)) {
                    let at = employee_retirement(ds, x, rules);
                    if at <= date {
                        out.push(Text::new(
                            format!("Menggantikan {name} yang pensiun {}", fmt_date(at)),
                            format!("Replaces {name}, who retires on {at}"),
                        ));
                    }
                }
            }
            HoldKind::Plt => {}
        }
    }
    out
}
