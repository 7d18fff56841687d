//! `mutasi explain`: every rule's verdict and the fit breakdown for moving one employee into
//! one slot, in Indonesian and English.
//!
//! ```text
//! mutasi explain --data demo.json --nip 198002142005012002 --slot SDN-001/KEPSEK-SD-1
//! mutasi explain --data demo.json --nip ... --slot ... --date 2027-04-01 --rules rules.toml
//! ```

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{bail, Context};
use chrono::NaiveDate;
use mutasi_core::eligibility::{eligibility, Outcome, Severity};
use mutasi_core::fit::fit;
use mutasi_core::model::{Nip, SlotId};
use mutasi_core::text::fmt_date;
use mutasi_core::{Dataset, RuleSet};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset JSON (e.g. from `mutasi demo`).
    #[arg(long)]
    pub data: PathBuf,
    /// NIP of the employee.
    #[arg(long)]
    pub nip: String,
    /// Id of the target slot.
    #[arg(long)]
    pub slot: String,
    /// Planned TMT of the move (YYYY-MM-DD); today when omitted.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Rule set (TOML or JSON) instead of the one stored in the dataset.
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.data)
        .with_context(|| format!("reading {}", args.data.display()))?;
    let ds: Dataset =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", args.data.display()))?;
    let rules = match &args.rules {
        None => ds.rules().clone(),
        Some(p) => {
            let t =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            if p.extension().is_some_and(|e| e == "json") {
                RuleSet::from_json(&t)?
            } else {
                RuleSet::from_toml(&t)?
            }
        }
    };
    let date = args.date.unwrap_or_else(super::today_utc);
    print!("{}", explain(&ds, &args.nip, &args.slot, date, &rules)?);
    Ok(())
}

/// The readable report.
pub fn explain(
    ds: &Dataset,
    nip: &str,
    slot: &str,
    date: NaiveDate,
    rules: &RuleSet,
) -> anyhow::Result<String> {
    let nip = Nip::parse(nip)?;
    let Some(e) = ds.employee_idx(&nip) else {
        bail!("NIP {nip} tidak ada dalam data / not in the dataset")
    };
    let slot_id = SlotId::new(slot)?;
    let Some(s) = ds.slot_idx(&slot_id) else {
        bail!("slot {slot} tidak ada dalam data / not in the dataset")
    };
    let emp = &ds.employees()[e as usize];
    let mut o = String::new();
    writeln!(
        o,
        "Pegawai / Employee : {} ({}) — {} {}",
        emp.name, emp.nip, emp.status, emp.pangkat.golongan
    )?;
    match (ds.employee_slot(e), &emp.current) {
        (Some(own), Some(c)) => writeln!(
            o,
            "Sekarang / Now     : {} — {}, {} (sejak / since {})",
            ds.slots()[own as usize].id,
            ds.slot_position(own).name,
            ds.slot_unit(own).name,
            fmt_date(c.since)
        )?,
        _ => writeln!(
            o,
            "Sekarang / Now     : tanpa jabatan definitif / no definitive post"
        )?,
    }
    writeln!(
        o,
        "Tujuan / Target    : {} — {}, {}",
        slot_id,
        ds.slot_position(s).name,
        ds.slot_unit(s).name
    )?;
    writeln!(o, "TMT / Effective    : {}", fmt_date(date))?;
    let v = eligibility(ds, e, s, date, rules);
    if v.stay {
        writeln!(
            o,
            "\nIni jabatannya sendiri: bukan mutasi / This is the employee's own post: not a move"
        )?;
    } else {
        writeln!(o, "\nAturan / Rules")?;
        for x in &v.items {
            let tag = match x.outcome {
                Outcome::Pass => "LULUS/PASS ",
                Outcome::Warning => "PERHATIAN/WARN",
                Outcome::Fail => "GAGAL/FAIL ",
            };
            let sev = if x.severity == Severity::Hard {
                "wajib/hard"
            } else {
                "lunak/soft"
            };
            let title = x.rule.title();
            writeln!(o, "  [{tag}] {sev:10} {} / {}", title.id, title.en)?;
            writeln!(o, "      {}", x.reason.id)?;
            writeln!(o, "      {}", x.reason.en)?;
            if let Some(d) = x.unblocked_on {
                writeln!(o, "      bisa mulai / possible from {}", fmt_date(d))?;
            }
            writeln!(o, "      dasar / basis: {}", x.regulation)?;
        }
        let d = v.decide(&[]);
        let verdict = if !d.hard.is_empty() {
            format!(
                "DIBLOKIR / BLOCKED ({})",
                d.hard
                    .iter()
                    .map(|r| r.title().en)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else if !d.open.is_empty() {
            format!(
                "PERLU ALASAN TERTULIS / NEEDS A WRITTEN OVERRIDE ({})",
                d.open
                    .iter()
                    .map(|r| r.title().en)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            "BOLEH / ALLOWED".to_string()
        };
        writeln!(o, "\nKeputusan / Decision: {verdict}")?;
        if let Some(d) = v.unblocked_on() {
            writeln!(o, "Paling cepat / Earliest: {}", fmt_date(d))?;
        }
    }
    let f = fit(ds, e, s, date, rules);
    writeln!(o, "\nKecocokan / Fit: {:.1} / 100", f.score)?;
    writeln!(
        o,
        "  {:<11} {:>6} {:>6}  penjelasan / explanation",
        "komponen", "bobot", "nilai"
    )?;
    for c in &f.components {
        writeln!(
            o,
            "  {:<11} {:>6.0} {:>6.1}  {}",
            format!("{:?}", c.component),
            c.weight,
            c.value,
            c.explanation.id
        )?;
        writeln!(o, "  {:<11} {:>6} {:>6}  {}", "", "", "", c.explanation.en)?;
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mutasi_core::fixture::{nips, small};

    #[test]
    fn explains_a_blocked_and_an_allowed_move() {
        let ds = small();
        let date = "2026-10-15".parse().unwrap();
        let r = RuleSet::default();
        let blocked = explain(&ds, nips::PELAKSANA_BARU, "SETDA/ADM-1", date, &r).unwrap();
        assert!(blocked.contains("DIBLOKIR / BLOCKED"), "{blocked}");
        assert!(blocked.contains("1 tahun 4 bulan di jabatan ini, minimal 2 tahun"));
        assert!(blocked.contains("in post 1y 4m, minimum 2y"));
        assert!(blocked.contains("Kecocokan / Fit"));
        let ok = explain(&ds, nips::PPPK, "SDN-001/GURU-2", date, &r).unwrap();
        assert!(ok.contains("BOLEH / ALLOWED"), "{ok}");
        assert!(explain(&ds, nips::PPPK, "NOPE", date, &r).is_err());
    }
}
