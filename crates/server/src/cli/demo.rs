//! `mutasi demo`: writes the deterministic demo city of Kota Palembang as a dataset JSON.
//!
//! ```text
//! mutasi demo --seed 1 --out demo.json                 # ≈ 19,400 employees, 41 OPD
//! mutasi demo --seed 1 --out demo.json --csv pegawai.csv   # also the employees as CSV
//! mutasi demo --out demo.json --workbook data/demo         # also the workbook (docs/WORKBOOK.md)
//! mutasi demo --scale 5 --out big.json                     # ≈ 97,000 employees in 5 regions
//! ```

use std::path::PathBuf;

use anyhow::Context;
use mutasi_core::model::EmployeeStatus;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed: the same seed always gives the same city.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Regions of the instansi: 1 is the city; N draws N regions of the city's structure and
    /// proportions (unique ids, region k's units named "… Wilayah k"), e.g. 5 for an instansi
    /// of about 100,000 ASN (benchmarks, docs/BENCHMARKS.md).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=mutasi_core::demo::MAX_SCALE as i64))]
    pub scale: u32,
    /// Output dataset JSON file.
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the employees as CSV (SIASN-like columns, see docs/CSV.md).
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Also write the city as a workbook (one CSV per sheet, docs/WORKBOOK.md) into this folder,
    /// ready for `mutasi load`.
    #[arg(long)]
    pub workbook: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let ds = mutasi_core::demo::generate_scaled(args.seed, args.scale);
    let json = serde_json::to_string(&ds)?;
    std::fs::write(&args.out, json).with_context(|| format!("writing {}", args.out.display()))?;
    if let Some(csv) = &args.csv {
        let text = mutasi_core::io::csv::write_employees(ds.employees());
        std::fs::write(csv, text).with_context(|| format!("writing {}", csv.display()))?;
    }
    if let Some(dir) = &args.workbook {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        for (name, text) in mutasi_core::io::workbook::export(&ds) {
            let path = dir.join(name);
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    let pppk = ds
        .employees()
        .iter()
        .filter(|e| e.status == EmployeeStatus::Pppk)
        .count();
    let open = ds.slots().iter().filter(|s| s.is_open()).count();
    println!(
        "Kota Palembang{} (seed {}): {} pegawai ({} PNS/CPNS, {pppk} PPPK), {} unit, {} jabatan, {} slot ({open} terbuka) → {}",
        match args.scale {
            1 => String::new(),
            n => format!(" ×{n}"),
        },
        args.seed,
        ds.employees().len(),
        ds.employees().len() - pppk,
        ds.units().len(),
        ds.positions().len(),
        ds.slots().len(),
        args.out.display()
    );
    Ok(())
}
