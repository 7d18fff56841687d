//! Soft rules (overridable with a written reason): selective OPD (hard when the rule set says
//! so), required diklat, submission window, competency (JPM), experience, occupied slot.

use super::checks::{Ctx, Out};
use super::facts::{current_kind, months_in_kinds, pct_en, pct_id};
use super::verdict::{Outcome, RuleId};
use crate::fit::jpm;
use crate::model::*;
use crate::text::{add_months, fmt_date, months_between, Span};
use chrono::Datelike;
pub(super) fn selective(c: &Ctx, o: &mut Out) {
    let opd = c.ds.slot_opd(c.s);
    let listed = c
        .rules
        .selective_opd
        .iter()
        .any(|n| n.eq_ignore_ascii_case(&opd.short));
    let same =
        c.ds.employee_slot(c.e)
            .is_some_and(|own| c.ds.slot_opd(own).id == opd.id);
    // The rule set decides whether the selection is a hard rule or an overridable soft one.
    let rule = if c.rules.selective_opd_hard {
        RuleId::SelectionRequired
    } else {
        RuleId::SelectiveOpd
    };
    if listed && !same {
        o.push(
            rule,
            Outcome::Fail,
            format!("Pindah ke {} memerlukan seleksi", opd.short),
            format!("Moving into {} requires a selection", opd.short),
            None,
        );
    } else {
        o.pass(
            rule,
            format!("{} tidak memerlukan seleksi", opd.short),
            format!("{} needs no selection", opd.short),
        );
    }
}

pub(super) fn diklat(c: &Ctx, o: &mut Out) {
    let missing: Vec<&str> = c
        .pos
        .required_diklat
        .iter()
        .filter(|d| !c.emp.has_diklat(**d))
        .map(|d| d.label())
        .collect();
    if missing.is_empty() {
        o.pass(
            RuleId::RequiredDiklat,
            "Diklat yang disyaratkan lengkap".into(),
            "Required training complete".into(),
        );
    } else {
        let l = missing.join(", ");
        o.push(
            RuleId::RequiredDiklat,
            Outcome::Fail,
            format!("Belum mengikuti diklat: {l}"),
            format!("Missing training: {l}"),
            None,
        );
    }
}

pub(super) fn window(c: &Ctx, o: &mut Out) {
    let months = &c.rules.submission_months;
    let m = c.date.month() as u8;
    if months.is_empty() || months.contains(&m) {
        return o.pass(
            RuleId::SubmissionWindow,
            format!("Bulan {m} termasuk jadwal usulan"),
            format!("Month {m} is a submission month"),
        );
    }
    let next = Some(crate::workflow::next_window(c.date, c.rules));
    let list = months
        .iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    o.push(
        RuleId::SubmissionWindow,
        Outcome::Fail,
        format!("Bulan {m} di luar jadwal usulan (bulan {list})"),
        format!("Month {m} is outside the submission months ({list})"),
        next,
    );
}

pub(super) fn competency(c: &Ctx, o: &mut Out) {
    let j = jpm::jpm(&c.emp.competencies, c.pos, c.rules);
    let cat = jpm::category(j.percent, c.rules).label();
    let (id, en) = (
        format!(
            "JPM {}% ({}), standar {}%",
            pct_id(j.percent),
            cat.id,
            pct_id(c.rules.jpm_memenuhi)
        ),
        format!(
            "JPM {}% ({}), standard {}%",
            pct_en(j.percent),
            cat.en,
            pct_en(c.rules.jpm_memenuhi)
        ),
    );
    let outcome = if j.percent < c.rules.jpm_masih_memenuhi {
        Outcome::Fail
    } else if j.percent < c.rules.jpm_memenuhi {
        Outcome::Warning
    } else {
        Outcome::Pass
    };
    o.push(RuleId::Competency, outcome, id, en, None);
}

pub(super) fn experience(c: &Ctx, o: &mut Out) {
    let target = c.pos.kind;
    let Some(rule) = c.rules.experience_for(target) else {
        return;
    };
    let now = current_kind(c.ds, c.e, c.rules);
    // Holding (or having held) the target kind or one above it on the same ladder counts.
    let held = |k: JabatanKind| k == now || c.emp.history.iter().any(|p| p.kind == k);
    if let Some(k) = std::iter::successors(Some(target), |k| k.next_up()).find(|k| held(*k)) {
        return o.pass(
            RuleId::Experience,
            format!("Sudah menduduki jabatan {k} (setara atau lebih tinggi dari {target})"),
            format!("Has held a {k} post (at or above {target})"),
        );
    }
    let have = Span::months(months_in_kinds(c.ds, c.e, &rule.from, c.date, c.rules));
    let need = Span::years(rule.years as i32);
    let kinds = rule
        .from
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join("/");
    if have >= need {
        return o.pass(
            RuleId::Experience,
            format!("{} sebagai {kinds}, minimal {}", have.id(), need.id()),
            format!("{} as {kinds}, minimum {}", have.en(), need.en()),
        );
    }
    let at = rule
        .from
        .contains(&now)
        .then(|| add_months(c.date, need.months - have.months));
    o.push(
        RuleId::Experience,
        Outcome::Fail,
        format!("{} sebagai {kinds}, minimal {}", have.id(), need.id()),
        format!("{} as {kinds}, minimum {}", have.en(), need.en()),
        at,
    );
}

pub(super) fn occupied(c: &Ctx, o: &mut Out) {
    match &c.ds.slots()[c.s as usize].holder {
        None => o.pass(
            RuleId::SlotOccupied,
            "Formasi kosong".into(),
            "Post vacant".into(),
        ),
        Some(h) => {
            let name = h
                .nip
                .as_ref()
                .and_then(|n| c.ds.employee(n))
                .map_or("-", |e| e.name.as_str());
            let since = months_between(h.since, c.date).max(0);
            match h.kind {
                HoldKind::Plt => o.pass(
                    RuleId::SlotOccupied,
                    format!(
                        "Dijabat Plt oleh {name} sejak {} ({})",
                        fmt_date(h.since),
                        Span::months(since).id()
                    ),
                    format!(
                        "Held by acting (Plt) {name} since {} ({})",
                        h.since,
                        Span::months(since).en()
                    ),
                ),
                HoldKind::Definitive
                    if h.nip
                        .as_ref()
                        .and_then(|n| c.ds.employee_idx(n))
                        .is_some_and(|x| {
                            super::facts::employee_retirement(c.ds, x, c.rules) <= c.date
                        }) =>
                {
                    o.pass(
                        RuleId::SlotOccupied,
                        format!("Dijabat {name}, yang pensiun sebelum TMT"),
                        format!("Held by {name}, who retires before the TMT"),
                    )
                }
                HoldKind::Definitive => o.push(
                    RuleId::SlotOccupied,
                    Outcome::Warning,
                    format!("Dijabat definitif oleh {name}; pemegang harus dipindah lebih dulu"),
                    format!("Held definitively by {name}; the holder must move first"),
                    None,
                ),
            }
        }
    }
}
