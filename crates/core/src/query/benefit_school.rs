//! What a move does for a teacher, spelled out with the numbers: the teaching certificate and
//! the professional allowance (TPG: a matching certificate with an NRG and 24 JP a week),
//! teaching hours, and the principal's path (an assignment's periods, a return to teaching, a
//! school without a definitive principal); and for a PPPK, the end of the work agreement.

use super::benefit::Benefit;
use crate::model::{EmployeeIdx, EmployeeStatus, HoldKind, SlotIdx};
use crate::rules::RuleSet;
use crate::school::assignment::{principal_change, Change};
use crate::school::tpg::{allowance_in, Allowance};
use crate::text::{add_months, fmt_date, Text};
use crate::Dataset;
use chrono::NaiveDate;

fn point(good: bool, id: String, en: String) -> Benefit {
    Benefit {
        good,
        text: Text::new(id, en),
    }
}

fn hours_id(h: Option<f64>) -> String {
    h.map_or("?".into(), |h| format!("{h:.0}"))
}

/// The points of the education service for moving employee `e` into slot `s` on `date`.
pub(super) fn points(
    ds: &Dataset,
    e: EmployeeIdx,
    s: SlotIdx,
    date: NaiveDate,
    rules: &RuleSet,
) -> Vec<Benefit> {
    let emp = &ds.employees()[e as usize];
    let mut out = Vec::new();
    let target = ds.slot_position(s);
    if let (Some(own), true) = (ds.employee_slot(e), target.is_guru()) {
        if ds.slot_position(own).is_guru() {
            let now = allowance_in(ds, e, own, false);
            let then = allowance_in(ds, e, s, true);
            out.extend(allowance_points(&now, &then, rules));
            out.extend(principal_points(ds, e, own, s, date));
        }
    }
    if emp.status == EmployeeStatus::Pppk {
        if let Some(end) = emp.contract_end {
            let soon = add_months(date, rules.retirement_warning_months as i32);
            if end <= soon {
                out.push(point(
                    false,
                    format!(
                        "Perjanjian kerja PPPK Anda berakhir {}; pindah tidak memperpanjangnya ({})",
                        fmt_date(end),
                        crate::school::PPPK_CONTRACT
                    ),
                    format!(
                        "Your PPPK work agreement ends {end}; a move does not extend it ({})",
                        crate::school::PPPK_CONTRACT
                    ),
                ));
            }
        }
    }
    out
}

/// The certificate, the allowance and the hours, now and in the new post.
fn allowance_points(now: &Allowance, then: &Allowance, rules: &RuleSet) -> Vec<Benefit> {
    let min = rules.schools.tpg_min_hours;
    let Some(cert) = now.certificate else {
        return vec![point(
            false,
            format!(
                "Anda belum bersertifikat pendidik (dengan NRG): tunjangan profesi (TPG) belum dibayar di jabatan mana pun ({})",
                crate::school::TPG
            ),
            format!(
                "You have no teaching certificate with an NRG: no professional allowance (TPG) in any post ({})",
                crate::school::TPG
            ),
        )];
    };
    let mut out = Vec::new();
    let (h0, h1) = (hours_id(now.hours), hours_id(then.hours));
    if then.principal {
        out.push(point(
            true,
            format!("TPG tetap dibayar: sebagai kepala sekolah, tugas kepala sekolah memenuhi beban kerja (sertifikat {cert})"),
            format!("The allowance (TPG) continues: as principal, the assignment is the workload (certificate {cert})"),
        ));
    } else if !then.matches() {
        let teaches = then.teaches.map_or("-".into(), |t| t.to_string());
        out.push(point(
            false,
            format!(
                "TPG hilang: sertifikat pendidik Anda untuk {cert}, jabatan ini mengajar {teaches}; TPG hanya dibayar bila mengajar sesuai sertifikat ({})",
                crate::school::TPG
            ),
            format!(
                "The allowance (TPG) stops: your certificate is for {cert}, this post teaches {teaches}; it is paid only for teaching that matches the certificate ({})",
                crate::school::TPG
            ),
        ));
    } else if then.eligible {
        out.push(point(
            true,
            format!("TPG tetap: sertifikat {cert} sesuai, sekitar {h1} JP/minggu (minimal {min} JP)"),
            format!("The allowance (TPG) continues: certificate {cert} matches, about {h1} JP a week (minimum {min})"),
        ));
    } else {
        out.push(point(
            false,
            format!(
                "TPG berisiko: sekitar {h1} JP/minggu per guru di sekolah tujuan, minimal {min} JP ({})",
                crate::school::TPG
            ),
            format!(
                "The allowance (TPG) is at risk: about {h1} JP a week per teacher there, {min} needed ({})",
                crate::school::TPG
            ),
        ));
    }
    if !then.principal && (now.hours, then.hours) != (None, None) && h0 != h1 {
        let up = then.hours.unwrap_or(0.0) > now.hours.unwrap_or(0.0);
        out.push(point(
            up || then.hours.is_some_and(|h| h >= min as f64),
            format!("Jam mengajar: {h0} → {h1} JP/minggu"),
            format!("Teaching hours: {h0} → {h1} JP a week"),
        ));
    }
    out
}

/// A principal's assignment, a return to teaching, or a school waiting for a principal.
fn principal_points(
    ds: &Dataset,
    e: EmployeeIdx,
    own: SlotIdx,
    s: SlotIdx,
    date: NaiveDate,
) -> Vec<Benefit> {
    let rules = ds.rules();
    let mut out = Vec::new();
    let unit = ds.slot_unit(s);
    let change = principal_change(ds, e, own, s, date, rules);
    if let Some((change, f)) = change {
        let (id, en) = match change {
            Change::Starts => (
                format!("Kepala sekolah {}: ", unit.name),
                format!("Principal of {}: ", unit.name),
            ),
            Change::Rotates => (
                format!("Rotasi ke {}: ", unit.name),
                format!("Rotation to {}: ", unit.name),
            ),
            Change::Ends if f.ok => (
                "Kembali mengajar sebagai guru: ".to_string(),
                "Back to teaching: ".to_string(),
            ),
            Change::Ends => (String::new(), String::new()),
        };
        out.push(point(
            f.ok,
            format!("{id}{}", f.text.id),
            format!("{en}{}", f.text.en),
        ));
    } else {
        // A school whose principal post waits for a definitive principal.
        let head = (0..ds.slots().len() as SlotIdx).find(|&x| {
            ds.slot_unit_idx(x) == ds.slot_unit_idx(s) && ds.slot_position(x).is_principal()
        });
        if let Some(h) = head.and_then(|x| ds.slots()[x as usize].holder.as_ref()) {
            if h.kind == HoldKind::Plt {
                out.push(point(
                    true,
                    format!(
                        "{} dipimpin Plt sejak {}: sekolah ini menunggu kepala sekolah definitif",
                        unit.name,
                        fmt_date(h.since)
                    ),
                    format!(
                        "{} has had an acting principal since {}: it waits for a definitive principal",
                        unit.name, h.since
                    ),
                ));
            }
        }
    }
    out
}
