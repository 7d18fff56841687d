//! `mutasi import`: reads employees from a CSV with SIASN-like columns (docs/CSV.md).
//!
//! ```text
//! mutasi import pegawai.csv --out pegawai.json                  # employees only (JSON array)
//! mutasi import pegawai.csv --base demo.json --out data.json    # the same employees, updated
//! mutasi import all.csv --base demo.json --replace-all --out data.json  # replace them all
//! ```
//!
//! The file may be UTF-8 (with or without a byte-order mark) or Windows-1252, with `;`, `,` or
//! tab between cells (what Excel saves in the Indonesian locale); ranks may be written `3c` and
//! PPPK `P3K`. Values that cannot all be true (a TMT before age 18 or in the future, a CPNS for
//! years, a dismissal on an active employee) are problems too. A file with any problem imports
//! nothing: every problem is printed with its row, column,
//! value and reason (Indonesian / English), and the command fails.

use std::path::PathBuf;

use anyhow::{bail, Context};
use mutasi_core::io::csv::{merge_into, read_employees_on};
use mutasi_core::io::text::decode;
use mutasi_core::rules::RuleSet;
use mutasi_core::Dataset;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CSV file to import.
    pub file: PathBuf,
    /// Output JSON file.
    #[arg(long)]
    pub out: PathBuf,
    /// A dataset JSON (e.g. from `mutasi demo`) whose employees are replaced; its slots
    /// receive the imported employees' posts. Without it the output is the employees array.
    #[arg(long)]
    pub base: Option<PathBuf>,
    /// With `--base`: drop the base's employees the file leaves out. Without it such a file is
    /// refused (a partial export would silently remove everyone else; next month's export goes
    /// through `mutasi load`, which asks why people left).
    #[arg(long)]
    pub replace_all: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let decoded = decode(&bytes);
    let how = decoded.describe();
    eprintln!(
        "{}: dibaca sebagai {} / read as {}",
        args.file.display(),
        how.id,
        how.en
    );
    // The base dataset first: its rules are the ones the plausibility checks read.
    let base: Option<Dataset> = match &args.base {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some(
                serde_json::from_str(&text)
                    .with_context(|| format!("parsing {}", path.display()))?,
            )
        }
        None => None,
    };
    let default_rules = RuleSet::default();
    let rules = base.as_ref().map_or(&default_rules, |ds| ds.rules());
    let employees = match read_employees_on(&decoded.text, super::today_utc(), rules) {
        Ok(e) => e,
        Err(errs) => {
            for e in &errs {
                eprintln!(
                    "baris/row {}, kolom/column {}, nilai/value {:?}: {} / {}",
                    e.row, e.column, e.value, e.reason.id, e.reason.en
                );
            }
            bail!(
                "{} masalah, tidak ada yang diimpor / {} problems, nothing imported",
                errs.len(),
                errs.len()
            );
        }
    };
    let n = employees.len();
    if let (Some(ds), false) = (&base, args.replace_all) {
        let kept: std::collections::HashSet<_> = employees.iter().map(|e| &e.nip).collect();
        let gone: Vec<String> = ds
            .employees()
            .iter()
            .filter(|e| !kept.contains(&e.nip))
            .map(|e| e.nip.to_string())
            .collect();
        if !gone.is_empty() {
            bail!(
                "{} pegawai data dasar tidak ada di berkas ini (mis. {}) dan akan hilang; untuk \
                 pembaruan bulanan pakai `mutasi load` (menanyakan alasan kepergian), atau \
                 --replace-all bila berkas ini memang pengganti seluruhnya / {} employees of the \
                 base are not in this file (e.g. {}) and would be dropped; use `mutasi load` for \
                 next month's export (it asks why people left), or --replace-all if this file \
                 replaces them all; nothing written",
                gone.len(),
                gone[0],
                gone.len(),
                gone[0]
            );
        }
    }
    let json = match base {
        Some(ds) => {
            let merged = merge_into(ds.into_parts(), employees)?;
            serde_json::to_string(&merged)?
        }
        None => serde_json::to_string(&employees)?,
    };
    std::fs::write(&args.out, json).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "{n} pegawai diimpor / employees imported → {}",
        args.out.display()
    );
    Ok(())
}
