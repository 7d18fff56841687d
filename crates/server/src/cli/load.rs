//! `mutasi load` and `mutasi export`: a workbook (one CSV per sheet, or an Excel `.xlsx` whose
//! sheets have the same names; `docs/WORKBOOK.md`) into the database, and the database's data
//! (or the empty template) out as CSV files.
//!
//! ```text
//! mutasi export data/ekspor-2027-04                # unit.csv … pegawai.csv of the stored data
//! mutasi export data/templat --template            # headers, one example row, petunjuk.csv
//! mutasi load data/siasn-2027-04 --dry-run         # read, check, show the difference
//! mutasi load data/siasn-2027-04/pegawai.csv --departed pensiun
//! mutasi load data/organisasi.xlsx --dry-run       # the sheets of an Excel workbook
//! mutasi load siasn/pegawai.csv --mapping pemetaan.csv  # a raw export, its columns mapped
//! ```
//!
//! A load reads every file, checks it in `mutasi_core` (the same verdicts as the app), prints
//! the difference against the stored data (new, changed field by field, not in the file) and
//! the proposals in progress it touches, and writes it in one transaction, audited. A workbook
//! with any problem writes nothing: the first problems are printed, all of them go to the
//! report file. Sheets left out keep the stored data, so next month's `pegawai.csv` alone is a
//! normal load; employees it leaves out need `--departed REASON`, organisation records it
//! leaves out `--remove-missing`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use mutasi_core::io::diff::SheetDiff;
use mutasi_core::io::workbook::{self, report_csv};

use super::{runtime, DatabaseArg};
use crate::db::{Database, Store};
use crate::demo_seed::system_actor;
use crate::load::{apply, prepare, Decision, Departure, LoadError};

/// How many problems are printed; the report file has all.
const PRINTED: usize = 50;

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// A folder holding the sheets (`unit.csv`, `jabatan.csv`, `formasi.csv`,
    /// `kebutuhan.csv`, `pegawai.csv`), the sheet files themselves, or an Excel workbook
    /// (`.xlsx`) whose sheets are named so.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DatabaseArg,
    /// Read, check and show the difference; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Why the employees not in the file left: pensiun, pindah, meninggal or lainnya.
    #[arg(long)]
    pub departed: Option<Departure>,
    /// Remove the units, positions, slots and ABK rows not in the file.
    #[arg(long)]
    pub remove_missing: bool,
    /// Where to write every problem of a bad workbook (CSV).
    #[arg(long, default_value = "mutasi-load-report.csv")]
    pub report: PathBuf,
    /// The day dates are checked against (default: today).
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
    /// A column mapping (`SHEET,KOLOM_FILE,KOLOM_MUTASI`, like `pemetaan.csv` among the files):
    /// which column of a raw export is which of Mutasi's.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The folder to write the sheets into (created; existing sheets are not overwritten).
    pub dir: PathBuf,
    #[command(flatten)]
    pub db: DatabaseArg,
    /// Write the empty template (headers, one example row, petunjuk.csv) instead of the data.
    #[arg(long)]
    pub template: bool,
}

/// The files named: a folder's `.csv` files, or the files themselves.
fn gather(paths: &[PathBuf]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut names: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                .collect();
            names.sort();
            for f in names {
                out.push(read_file(&f)?);
            }
        } else {
            out.push(read_file(p)?);
        }
    }
    Ok(out)
}

fn read_file(p: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
    let name = p
        .file_name()
        .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into());
    Ok((name, bytes))
}

fn print_sheet(s: &SheetDiff) {
    println!(
        "  {:<10} baru/new {:>6}  berubah/changed {:>6}  tidak di berkas/not in file {:>6}  sama/same {:>6}",
        s.sheet,
        s.added.len(),
        s.changed.len(),
        s.missing.len(),
        s.unchanged
    );
    for c in s.changed.iter().take(5) {
        let fields: Vec<String> = c
            .fields
            .iter()
            .map(|f| format!("{}: {} → {}", f.field, f.old, f.new))
            .collect();
        println!("      ~ {} {}", c.id, fields.join("; "));
    }
    if s.changed.len() > 5 {
        println!("      … {} lagi / more", s.changed.len() - 5);
    }
    for id in s.missing.iter().take(5) {
        println!("      - {id}");
    }
}

pub fn load(args: LoadArgs) -> anyhow::Result<()> {
    let mut files = gather(&args.files)?;
    if let Some(path) = &args.mapping {
        let (_, bytes) = read_file(path)?;
        files.push((workbook::MAPPING_FILE.into(), bytes));
    }
    let today = args.today.unwrap_or_else(super::today_utc);
    runtime()?.block_on(async move {
        let database = Database::parse(&args.db.database);
        let store = Store::open(database.clone())
            .await
            .with_context(|| format!("opening {database}"))?;
        let prepared = match prepare(&store, &files, today).await {
            Ok(p) => p,
            Err(LoadError::Invalid(errs)) => {
                for e in errs.iter().take(PRINTED) {
                    eprintln!("{e}");
                }
                if errs.len() > PRINTED {
                    eprintln!("… {} lagi / more", errs.len() - PRINTED);
                }
                std::fs::write(&args.report, report_csv(&errs))
                    .with_context(|| format!("writing {}", args.report.display()))?;
                bail!(
                    "{} masalah, tidak ada yang dimuat; semua masalah di {} / {} problems, nothing loaded; every problem is in {}",
                    errs.len(),
                    args.report.display(),
                    errs.len(),
                    args.report.display()
                );
            }
            Err(e) => return Err(e.into()),
        };
        for r in &prepared.loaded.read {
            println!(
                "{}: {} baris/rows, dibaca sebagai {} / read as {}",
                r.sheet, r.rows, r.how.id, r.how.en
            );
        }
        for k in &prepared.loaded.kept {
            println!("{k}: tidak ada di berkas, data tersimpan dipertahankan / not in the workbook, stored data kept");
        }
        println!("Perbedaan / difference:");
        for s in &prepared.diff.sheets {
            print_sheet(s);
        }
        for f in &prepared.flags {
            println!(
                "  ! usulan/proposal {} ({} → {}): pegawai/employee {:?}, formasi/post {:?}: periksa ulang / review it",
                f.proposal, f.nip, f.slot, f.employee, f.post
            );
        }
        if prepared.diff.is_empty() {
            println!("Tidak ada perubahan / nothing changes");
            return Ok(());
        }
        if args.dry_run {
            println!("Uji coba: tidak ada yang ditulis / dry run: nothing written");
            return Ok(());
        }
        let decision = Decision {
            departed: args.departed,
            remove_org: args.remove_missing,
        };
        let changed = apply(&store, &prepared, decision, &system_actor("cli"))
            .await
            .map_err(anyhow::Error::from)?;
        println!("{changed} data ditulis / records written");
        Ok(())
    })
}

pub fn export(args: ExportArgs) -> anyhow::Result<()> {
    runtime()?.block_on(async move {
        let sheets = if args.template {
            workbook::template()
        } else {
            let database = Database::parse(&args.db.database);
            if let Database::Sqlite(path) = &database {
                anyhow::ensure!(path.is_file(), "no database at {}", path.display());
            }
            let store = Store::open(database.clone())
                .await
                .with_context(|| format!("opening {database}"))?;
            let ds = crate::sync::load_dataset(&store).await?;
            let outcomes = crate::sync::stored_outcomes(&store).await?;
            workbook::export_with_outcomes(&ds, &outcomes)
        };
        std::fs::create_dir_all(&args.dir)
            .with_context(|| format!("creating {}", args.dir.display()))?;
        for (name, _) in &sheets {
            let path = args.dir.join(name);
            anyhow::ensure!(
                !path.exists(),
                "{} sudah ada, tidak ditimpa / already exists, not overwritten",
                path.display()
            );
        }
        for (name, text) in &sheets {
            write_private(&args.dir.join(name), text.as_bytes())?;
        }
        println!(
            "{} lembar ditulis ke / sheets written to {}",
            sheets.len(),
            args.dir.display()
        );
        Ok(())
    })
}

/// Writes personnel data readable by its owner only (on Unix).
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    f.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))
}
