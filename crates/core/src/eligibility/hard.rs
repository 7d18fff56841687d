//! Hard rules (never overridable): sanction, CPNS, tenure, retirement, PPPK contract, rank,
//! education, PPPK posts, functional qualification (and the soft major rule it shares code with), JPT protection,
//! new regional head, election freeze.

use super::checks::{day_after, Ctx, Out};
use super::facts::{employee_bup, retirement_date};
use super::verdict::{Outcome, RuleId};
use crate::model::*;
use crate::text::{add_months, fmt_date, Span};
pub(super) fn sanction(c: &Ctx, o: &mut Out) {
    match c.emp.active_sanction(c.date) {
        Some(s) => {
            let end = c
                .emp
                .sanctions
                .iter()
                .filter(|x| x.period.contains(c.date))
                .map(|x| x.period.end())
                .max()
                .unwrap_or(s.period.end());
            o.push(
                RuleId::ActiveSanction,
                Outcome::Fail,
                format!(
                    "Sedang menjalani hukuman disiplin {} ({}) s.d. {}",
                    s.level,
                    s.description,
                    fmt_date(end)
                ),
                format!(
                    "Serving a {} disciplinary sanction ({}) until {end}",
                    s.level, s.description
                ),
                Some(day_after(end)),
            );
        }
        None => o.pass(
            RuleId::ActiveSanction,
            "Tidak ada hukuman disiplin aktif".into(),
            "No active disciplinary sanction".into(),
        ),
    }
}

pub(super) fn cpns(c: &Ctx, o: &mut Out) {
    if c.emp.status != EmployeeStatus::Cpns {
        return o.pass(
            RuleId::CpnsProbation,
            format!("Berstatus {}", c.emp.status),
            format!("Status is {}", c.emp.status),
        );
    }
    let start = c.emp.nip.cpns_month();
    let n = c.rules.cpns_probation_months as i32;
    let end = add_months(start, n);
    let (id, en, until) = if end > c.date {
        (
            format!(
                "Masih CPNS sejak {}, masa percobaan {n} bulan berakhir {}",
                fmt_date(start),
                fmt_date(end)
            ),
            format!("Still a CPNS since {start}, {n}-month probation ends {end}"),
            Some(end),
        )
    } else {
        (
            format!(
                "Masa percobaan {n} bulan sejak {} selesai, tetapi belum diangkat PNS",
                fmt_date(start)
            ),
            format!("{n}-month probation since {start} is over but not yet appointed PNS"),
            None,
        )
    };
    o.push(RuleId::CpnsProbation, Outcome::Fail, id, en, until);
}

pub(super) fn tenure(c: &Ctx, o: &mut Out) {
    let Some(cur) = &c.emp.current else {
        return o.pass(
            RuleId::MinTenure,
            "Tidak memegang jabatan definitif".into(),
            "Holds no definitive post".into(),
        );
    };
    let held = Span::between(cur.since, c.date);
    let min = Span::years(c.rules.tenure_min_years as i32);
    if held < min {
        let from = add_months(cur.since, min.months);
        o.push(
            RuleId::MinTenure,
            Outcome::Fail,
            format!(
                "{} di jabatan ini, minimal {}; dapat dipindah mulai {}",
                held.id(),
                min.id(),
                fmt_date(from)
            ),
            format!(
                "in post {}, minimum {}; movable from {from}",
                held.en(),
                min.en()
            ),
            Some(from),
        );
    } else {
        o.pass(
            RuleId::MinTenure,
            format!("{} di jabatan ini, minimal {}", held.id(), min.id()),
            format!("in post {}, minimum {}", held.en(), min.en()),
        );
    }
}

pub(super) fn retirement(c: &Ctx, o: &mut Out) {
    let b = employee_bup(c.ds, c.e, c.rules);
    let (bup, src) = (b.age, b.source);
    let r = retirement_date(c.emp.birth_date(), bup);
    if r <= c.date {
        o.push(
            RuleId::Retirement,
            Outcome::Fail,
            format!(
                "Pensiun {} (BUP {bup} tahun, {src}), sebelum TMT mutasi {}",
                fmt_date(r),
                fmt_date(c.date)
            ),
            format!(
                "Retires {r} (retirement age {bup}, {src}), before the move takes effect on {}",
                c.date
            ),
            None,
        );
        return;
    }
    o.pass(
        RuleId::Retirement,
        format!("Pensiun {} (BUP {bup} tahun, {src})", fmt_date(r)),
        format!("Retires {r} (retirement age {bup}, {src})"),
    );
    let left = Span::between(c.date, r);
    if left.months < c.rules.retirement_warning_months as i32 {
        o.push(
            RuleId::RetirementSoon,
            Outcome::Warning,
            format!(
                "Pensiun {} lagi ({}), kurang dari {} bulan setelah mutasi",
                left.id(),
                fmt_date(r),
                c.rules.retirement_warning_months
            ),
            format!(
                "Retires in {} ({r}), less than {} months after the move",
                left.en(),
                c.rules.retirement_warning_months
            ),
            None,
        );
    }
}

pub(super) fn contract(c: &Ctx, o: &mut Out) {
    let Some(end) = c
        .emp
        .contract_end
        .filter(|_| c.emp.status == EmployeeStatus::Pppk)
    else {
        return;
    };
    let art = crate::school::PPPK_CONTRACT;
    if end < c.date {
        o.push(
            RuleId::ContractEnd,
            Outcome::Fail,
            format!(
                "Perjanjian kerja PPPK berakhir {}, sebelum TMT mutasi {}; perpanjang dulu ({art})",
                fmt_date(end),
                fmt_date(c.date)
            ),
            format!(
                "The PPPK work agreement ends {end}, before the move takes effect on {}; extend it first ({art})",
                c.date
            ),
            None,
        );
    } else {
        o.pass(
            RuleId::ContractEnd,
            format!("Perjanjian kerja PPPK berlaku s.d. {}", fmt_date(end)),
            format!("The PPPK work agreement runs until {end}"),
        );
    }
}

pub(super) fn rank(c: &Ctx, o: &mut Out) {
    let (g, min, max) = (
        c.emp.pangkat.golongan,
        c.pos.golongan_min,
        c.pos.golongan_max,
    );
    if g < min && c.emp.status == EmployeeStatus::Pppk {
        // A PPPK has no regular promotion of pangkat: no date can be forecast.
        o.push(
            RuleId::RankRange,
            Outcome::Fail,
            format!("Golongan {g} di bawah rentang {min}–{max}; PPPK tidak naik pangkat reguler"),
            format!("Rank {g} below the range {min}–{max}; a PPPK has no regular promotion"),
            None,
        );
    } else if g < min {
        let steps = (min.index() - g.index()) as i32;
        let at = add_months(
            c.emp.pangkat.tmt,
            steps * 12 * c.rules.promotion_years as i32,
        );
        o.push(
            RuleId::RankRange,
            Outcome::Fail,
            format!("Golongan {g} di bawah rentang {min}–{max}; kenaikan pangkat reguler paling cepat {}", fmt_date(at)),
            format!("Rank {g} below the range {min}–{max}; earliest by regular promotion {at}"),
            Some(at),
        );
    } else if g > max {
        o.push(
            RuleId::RankRange,
            Outcome::Fail,
            format!("Golongan {g} di atas rentang {min}–{max}"),
            format!("Rank {g} above the range {min}–{max}"),
            None,
        );
    } else {
        o.pass(
            RuleId::RankRange,
            format!("Golongan {g} dalam rentang {min}–{max}"),
            format!("Rank {g} within {min}–{max}"),
        );
    }
}

pub(super) fn education(c: &Ctx, o: &mut Out) {
    let (lvl, min) = (c.emp.education_level(), c.pos.education_min);
    if lvl < min {
        o.push(
            RuleId::EducationLevel,
            Outcome::Fail,
            format!("Pendidikan {lvl}, minimal {min}"),
            format!("Education {lvl}, minimum {min}"),
            None,
        );
    } else {
        o.pass(
            RuleId::EducationLevel,
            format!("Pendidikan {lvl}, minimal {min}"),
            format!("Education {lvl}, minimum {min}"),
        );
    }
}

pub(super) fn pppk(c: &Ctx, o: &mut Out) {
    let k = c.pos.kind;
    if c.emp.status == EmployeeStatus::Pppk && k.is_structural() {
        o.push(
            RuleId::PppkPosition,
            Outcome::Fail,
            format!("PPPK tidak dapat menduduki jabatan {k}"),
            format!("A PPPK cannot hold a {k} post"),
            None,
        );
    } else {
        o.pass(
            RuleId::PppkPosition,
            format!("Jabatan {k} dapat diisi {}", c.emp.status),
            format!("A {k} post is open to {}", c.emp.status),
        );
    }
}

fn field_list(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn major(c: &Ctx, o: &mut Out) {
    let accepted = &c.pos.accepted_fields;
    let mask = Field::mask(accepted);
    let own = c.emp.field_mask();
    let major = c
        .emp
        .highest_education()
        .map_or_else(|| "-".to_string(), |e| format!("{} ({})", e.major, e.field));
    let hard = c.pos.kind.is_functional() && c.rules.functional_major_is_hard;
    let rule = if hard {
        RuleId::FunctionalQualification
    } else {
        RuleId::MajorAccepted
    };
    if accepted.is_empty() {
        return o.pass(
            rule,
            "Semua jurusan diterima".into(),
            "Any major accepted".into(),
        );
    }
    let list = field_list(accepted);
    if own & mask != 0 {
        return o.pass(
            rule,
            format!("Jurusan {major} sesuai ({list})"),
            format!("Major {major} accepted ({list})"),
        );
    }
    let related = c
        .emp
        .education
        .iter()
        .any(|e| e.field.related_mask() & mask != 0);
    if related && !hard {
        o.push(
            rule,
            Outcome::Warning,
            format!("Jurusan {major} serumpun, bukan yang diterima ({list})"),
            format!("Major {major} is related but not among the accepted ({list})"),
            None,
        );
    } else {
        o.push(
            rule,
            Outcome::Fail,
            format!("Jurusan {major} tidak sesuai; diterima: {list}"),
            format!("Major {major} not accepted; accepted: {list}"),
            None,
        );
    }
}

pub(super) fn jpt_protection(c: &Ctx, o: &mut Out) {
    let years = c.rules.jpt_protection_years as i32;
    if let (Some(cur), Some(own)) = (&c.emp.current, c.ds.employee_slot(c.e)) {
        let until = add_months(cur.since, years * 12);
        if c.ds.slot_position(own).kind.is_jpt() && until > c.date {
            let held = Span::between(cur.since, c.date);
            return o.push(
                RuleId::JptProtection,
                Outcome::Fail,
                format!(
                    "Dilantik sebagai JPT {} ({}), belum {years} tahun",
                    fmt_date(cur.since),
                    held.id()
                ),
                format!(
                    "Inaugurated as JPT on {} ({}), under {years}y",
                    cur.since,
                    held.en()
                ),
                Some(until),
            );
        }
    }
    if let Some(h) = &c.ds.slots()[c.s as usize].holder {
        let until = add_months(h.since, years * 12);
        if h.kind == HoldKind::Definitive && c.pos.kind.is_jpt() && until > c.date {
            let held = Span::between(h.since, c.date);
            return o.push(
                RuleId::JptProtection,
                Outcome::Fail,
                format!(
                    "Pejabat JPT saat ini dilantik {} ({}), belum {years} tahun",
                    fmt_date(h.since),
                    held.id()
                ),
                format!(
                    "The current JPT was inaugurated on {} ({}), under {years}y",
                    h.since,
                    held.en()
                ),
                Some(until),
            );
        }
    }
    o.pass(
        RuleId::JptProtection,
        "Tidak mengganti JPT yang dilantik < 2 tahun".into(),
        "Replaces no JPT inaugurated < 2y ago".into(),
    );
}

fn official(p: &Position) -> bool {
    p.kind.is_structural() || p.special.is_some()
}

pub(super) fn regional_head(c: &Ctx, o: &mut Out) {
    if let Some(d0) = c.rules.kepala_daerah_inaugurated {
        let n = c.rules.kepala_daerah_freeze_months as i32;
        let until = add_months(d0, n);
        if official(c.pos) && d0 <= c.date && c.date < until {
            return o.push(
                RuleId::NewRegionalHead,
                Outcome::Fail,
                format!("Kepala daerah dilantik {}; tidak ada penggantian pejabat {n} bulan, s.d. {}", fmt_date(d0), fmt_date(until)),
                format!("Regional head inaugurated {d0}; no replacement of officials for {n} months, until {until}"),
                Some(until),
            );
        }
    }
    o.pass(
        RuleId::NewRegionalHead,
        "Di luar 6 bulan pertama kepala daerah".into(),
        "Outside a new regional head's first 6 months".into(),
    );
}

pub(super) fn election(c: &Ctx, o: &mut Out) {
    if official(c.pos) {
        if let Some(p) = c.rules.election_freeze.iter().find(|p| p.contains(c.date)) {
            return o.push(
                RuleId::ElectionFreeze,
                Outcome::Fail,
                format!("Masa larangan penggantian pejabat Pilkada {} s.d. {} (kecuali izin tertulis Mendagri)", fmt_date(p.start()), fmt_date(p.end())),
                format!("Election freeze {} to {} (unless the Minister of Home Affairs approves in writing)", p.start(), p.end()),
                Some(day_after(p.end())),
            );
        }
    }
    o.pass(
        RuleId::ElectionFreeze,
        "Di luar masa larangan Pilkada".into(),
        "Outside any election freeze".into(),
    );
}
