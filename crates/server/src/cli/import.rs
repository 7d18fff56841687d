//! `mutasi import`: reads employees from a CSV with SIASN-like columns (docs/CSV.md).
//!
//! ```text
//! mutasi import pegawai.csv --out pegawai.json                  # employees only (JSON array)
//! mutasi import pegawai.csv --base demo.json --out data.json    # replace a dataset's employees
//! ```
//!
//! A file with any problem imports nothing: every problem is printed with its row, column,
//! value and reason (Indonesian / English), and the command fails.

use std::path::PathBuf;

use anyhow::{bail, Context};
use mutasi_core::io::csv::{merge_into, read_employees};
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
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let employees = match read_employees(&text) {
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
    let json = match &args.base {
        Some(base) => {
            let base_text = std::fs::read_to_string(base)
                .with_context(|| format!("reading {}", base.display()))?;
            let ds: Dataset = serde_json::from_str(&base_text)
                .with_context(|| format!("parsing {}", base.display()))?;
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
