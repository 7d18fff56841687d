//! Writes a seeded random dense cost matrix as a NumPy `.npy` file, for comparing the assignment
//! solver with other implementations on exactly the same input (see `scripts/bench-scipy.sh`).
//!
//! ```text
//! cargo run -p mutasi-core --release --example lap_matrix -- int 2000 42 target/lap/int-2000.npy
//! cargo run -p mutasi-core --release --example lap_matrix -- float 2000 42 target/lap/float-2000.npy
//! ```
//!
//! `int`: integers uniform in `0..1_000_000` (`<i8`); `float`: uniform in `[0, 1)` (`<f8`).
//! The generator is `mutasi_core::demo::Rng`, drawn exactly as the `lap` benchmark draws it.

use mutasi_core::demo::Rng;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn npy_header(descr: &str, n: usize) -> Vec<u8> {
    let dict = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({n}, {n}), }}");
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

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, n, seed, out] = args.as_slice() else {
        return Err("usage: lap_matrix int|float N SEED OUT.npy".into());
    };
    let n: usize = n.parse()?;
    let mut rng = Rng::new(seed.parse()?);
    let mut bytes = match kind.as_str() {
        "int" => npy_header("<i8", n),
        "float" => npy_header("<f8", n),
        _ => return Err(format!("unknown kind {kind}: use int or float").into()),
    };
    for _ in 0..n * n {
        if kind == "int" {
            bytes.extend_from_slice(&(rng.below(1_000_000) as i64).to_le_bytes());
        } else {
            bytes.extend_from_slice(&rng.unit().to_le_bytes());
        }
    }
    if let Some(dir) = std::path::Path::new(out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, bytes)?;
    Ok(())
}
