//! Writes a dense cost matrix of one benchmark family as a NumPy `.npy` file, for comparing the
//! assignment solver with other implementations on exactly the same input (see
//! `scripts/bench-scipy.sh`).
//!
//! ```text
//! cargo run -p mutasi-core --release --example lap_matrix -- int 2000 42 target/lap/int-2000.npy
//! cargo run -p mutasi-core --release --example lap_matrix -- int 1000x3000 42 target/lap/wide.npy
//! ```
//!
//! `SHAPE` is `N` (square) or `ROWSxCOLS`. Families:
//!
//! - `int`: integers uniform in `0..1_000_000` (`<i8`);
//! - `float`: uniform in `[0, 1)` (`<f8`);
//! - `lowint`: integers uniform in `0..100` (`<i8`), many ties;
//! - `machol`: the Machol–Wien matrix `c_ij = i·j` (`<i8`, 0-based, the seed is ignored), hard
//!   for shortest-augmenting-path methods.
//!
//! The random families draw from `mutasi_core::demo::Rng` in row-major order, `int` and `float`
//! exactly as the `lap` benchmark draws them.

use mutasi_core::demo::Rng;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn npy_header(descr: &str, rows: usize, cols: usize) -> Vec<u8> {
    let dict =
        format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {cols}), }}");
    // Magic (6) + version (2) + length (2) + dict + padding + newline, a multiple of 64.
    let unpadded = 10 + dict.len() + 1;
    let pad = (64 - unpadded % 64) % 64;
    let mut h = b"\x93NUMPY\x01\x00".to_vec();
    let len = (dict.len() + pad + 1) as u16;
    h.extend_from_slice(&len.to_le_bytes());
    h.extend_from_slice(dict.as_bytes());
    h.extend(std::iter::repeat_n(b' ', pad));
    h.push(b'\n');
    h
}

/// `N` or `ROWSxCOLS`.
fn parse_shape(shape: &str) -> Result<(usize, usize)> {
    Ok(match shape.split_once('x') {
        Some((rows, cols)) => (rows.parse()?, cols.parse()?),
        None => (shape.parse()?, shape.parse()?),
    })
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, shape, seed, out] = args.as_slice() else {
        return Err("usage: lap_matrix int|float|lowint|machol N|ROWSxCOLS SEED OUT.npy".into());
    };
    let (rows, cols) = parse_shape(shape)?;
    let mut rng = Rng::new(seed.parse()?);
    let descr = if kind == "float" { "<f8" } else { "<i8" };
    let mut bytes = npy_header(descr, rows, cols);
    for i in 0..rows {
        for j in 0..cols {
            let word = match kind.as_str() {
                "int" => (rng.below(1_000_000) as i64).to_le_bytes(),
                "lowint" => (rng.below(100) as i64).to_le_bytes(),
                "machol" => ((i * j) as i64).to_le_bytes(),
                "float" => rng.unit().to_le_bytes(),
                _ => return Err(format!("unknown kind {kind}").into()),
            };
            bytes.extend_from_slice(&word);
        }
    }
    if let Some(dir) = std::path::Path::new(out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, bytes)?;
    Ok(())
}
