//! No school left without a head: for every principal post in scope that the plan leaves with
//! neither a definitive principal nor an acting one (its principal moves on or retires, or its
//! Plt moves away), name an acting principal (Plt) from the teachers who stay at that school
//! ([`heads`]). When nobody can act, the chain that empties the post is refused: its mover is
//! kept in place and the plan solved again (`solve`).

use super::graph::{Fixed, Model, NONE};
use super::request::Scope;
use crate::eligibility::facts::employee_retirement;
use crate::model::{EmployeeIdx, EmployeeStatus, HoldKind, SlotIdx};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// An acting principal named by the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActingHead {
    /// The principal post.
    pub slot: crate::model::SlotId,
    /// The school.
    pub unit: crate::model::UnitId,
    /// The school's name.
    pub unit_name: String,
    /// Who acts (Plt).
    pub nip: crate::model::Nip,
    /// Their name.
    pub name: String,
    /// Why the school needs one, in Indonesian and English.
    pub reason: Text,
}

/// What [`heads`] finds: the acting heads to name, or the rows to keep in place because a
/// school they would leave has nobody to act.
pub(crate) enum Heads {
    /// Every school the plan leaves without a head has a named Plt.
    Named(Vec<ActingHead>),
    /// Keep these rows in place (each empties a school nobody can head).
    Refuse(Vec<u32>),
}

/// Who may act as principal of a school: a teacher who stays there (or arrives), not a CPNS,
/// without an active sanction and not acting elsewhere already.
fn may_act(m: &Model, e: EmployeeIdx, named: &[EmployeeIdx]) -> bool {
    let emp = &m.ds.employees()[e as usize];
    emp.status != EmployeeStatus::Cpns
        && emp.active_sanction(m.req.date).is_none()
        && m.ds.employee_plt(e).is_empty()
        && !named.contains(&e)
}

/// The acting heads the plan `cols` needs (see the module docs).
pub(crate) fn heads(m: &Model, cols: &[u32]) -> Heads {
    let ds = m.ds;
    let mut into = vec![NONE; m.cols.len()];
    for (r, &c) in cols.iter().enumerate() {
        into[c as usize] = r as u32;
    }
    let mut named: Vec<EmployeeIdx> = Vec::new();
    let mut out = Vec::new();
    let mut refuse = Vec::new();
    for (c, &s) in m.cols.iter().enumerate() {
        if !ds.slot_position(s).is_principal() || into[c] != NONE {
            continue;
        }
        let holder = ds.slots()[s as usize].holder.as_ref();
        let unit = ds.slot_unit_idx(s);
        // Who empties the post, and why it needs a Plt.
        let (culprit, why): (Option<u32>, Text) = match holder {
            Some(h) if h.kind == HoldKind::Definitive => {
                let row = m.holder_row[c];
                let name = h
                    .nip
                    .as_ref()
                    .and_then(|n| ds.employee(n))
                    .map_or("-", |e| e.name.as_str());
                let why = if row == NONE {
                    Text::new(
                        format!("Kepala sekolah {name} pensiun sebelum TMT"),
                        format!("Principal {name} retires before the TMT"),
                    )
                } else {
                    Text::new(
                        format!("Kepala sekolah {name} pindah dalam rencana ini"),
                        format!("Principal {name} moves in this plan"),
                    )
                };
                ((row != NONE).then_some(row), why)
            }
            Some(h) => {
                let Some(e) = h.nip.as_ref().and_then(|n| ds.employee_idx(n)) else {
                    continue;
                };
                match m.rows.binary_search(&e) {
                    Ok(r) if cols[r] != m.own[r] => (
                        Some(r as u32),
                        Text::new(
                            format!(
                                "Plt {} pindah dari sekolah ini dalam rencana ini",
                                ds.employees()[e as usize].name
                            ),
                            format!(
                                "The acting principal {} leaves the school in this plan",
                                ds.employees()[e as usize].name
                            ),
                        ),
                    ),
                    _ => continue,
                }
            }
            None => continue,
        };
        // Teachers at the school after the plan: rows that end there.
        let mut pool: Vec<EmployeeIdx> = Vec::new();
        for (c2, &s2) in m.cols.iter().enumerate() {
            if ds.slot_unit_idx(s2) == unit
                && ds.slot_position(s2).is_guru()
                && !ds.slot_position(s2).is_principal()
                && into[c2] != NONE
            {
                pool.push(m.rows[into[c2] as usize]);
            }
        }
        // Teachers whose posts the scope leaves alone stay too. Only a principals' scope leaves
        // part of a school out (every other scope takes whole units), so only it pays the scan.
        let partial = matches!(m.req.scope, Scope::Principals { .. });
        for s2 in (0..ds.slots().len() as SlotIdx).filter(|_| partial) {
            let p2 = ds.slot_position(s2);
            if ds.slot_unit_idx(s2) == unit
                && p2.is_guru()
                && !p2.is_principal()
                && m.cols.binary_search(&s2).is_err()
            {
                if let Some(e) = ds.slot_holder(s2) {
                    if employee_retirement(ds, e, ds.rules()) > m.req.date {
                        pool.push(e);
                    }
                }
            }
        }
        pool.retain(|&e| may_act(m, e, &named));
        let pick = pool.into_iter().max_by_key(|&e| {
            let emp = &ds.employees()[e as usize];
            (
                emp.status == EmployeeStatus::Pns,
                emp.pangkat.golongan,
                std::cmp::Reverse(emp.current.as_ref().map(|c| c.since)),
                std::cmp::Reverse(emp.nip.clone()),
            )
        });
        match (pick, culprit) {
            (Some(e), _) => {
                named.push(e);
                let emp = &ds.employees()[e as usize];
                let u = ds.slot_unit(s);
                out.push(ActingHead {
                    slot: ds.slots()[s as usize].id.clone(),
                    unit: u.id.clone(),
                    unit_name: u.name.clone(),
                    nip: emp.nip.clone(),
                    name: emp.name.clone(),
                    reason: why,
                });
            }
            (None, Some(r)) if !matches!(m.fixed[r as usize], Fixed::Forced(_)) => refuse.push(r),
            // A forced move or a retirement empties a school nobody there can head: the plan
            // shows the post without a head (`Figures::heads_missing`).
            (None, _) => {}
        }
    }
    if refuse.is_empty() {
        Heads::Named(out)
    } else {
        Heads::Refuse(refuse)
    }
}
