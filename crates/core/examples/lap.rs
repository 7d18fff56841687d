//! Solves one dense assignment problem from a file and prints the optimal total cost and the
//! solve time.
//!
//! ```text
//! cargo run -p mutasi-core --release --example lap -- ../shared/data/orlib-assign/assign800.txt
//! cargo run -p mutasi-core --release --example lap -- target/lap/int-2000.npy --repeat 5
//! ```
//!
//! Input: an OR-Library assignment file (the number n, then n×n integer costs, row-major,
//! whitespace separated), or a 2-D NumPy `.npy` file of `<i8` or `<f8`, as written by the
//! `lap_matrix` example: in C order it becomes [`DenseProblem::new`], in Fortran (column-major)
//! order [`DenseProblem::new_column_major`]. With `--repeat K` the problem is solved K times and the fastest time
//! is reported; `--warmup W` solves it W times before, untimed (a warm process, like a server
//! that has solved before, or a Python process timing a peer). The time covers validation (building the problem) and solving, what a caller of
//! the API pays; the certificate is checked afterwards, outside the timing. Output, one line
//! each: `optimum <total>`, `solve_ms <milliseconds>` (validation and solve),
//! `validate_ms <milliseconds>` (the validation part alone, fastest run), `certificate ok`.

use std::time::Instant;

use mutasi_core::lap::{verify, Cost, DenseProblem};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// A matrix as read: rows, columns, whether the values are column-major, the values.
enum Matrix {
    Int(usize, usize, bool, Vec<i64>),
    Float(usize, usize, bool, Vec<f64>),
}

fn read_orlib(text: &str) -> Result<Matrix> {
    let mut nums = text.split_ascii_whitespace().map(str::parse::<i64>);
    let n = nums.next().ok_or("empty file")?? as usize;
    let costs = nums.collect::<std::result::Result<Vec<i64>, _>>()?;
    if costs.len() != n * n {
        return Err(format!(
            "expected {} costs after n = {n}, found {}",
            n * n,
            costs.len()
        )
        .into());
    }
    Ok(Matrix::Int(n, n, false, costs))
}

fn read_npy(bytes: &[u8]) -> Result<Matrix> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("not an .npy file".into());
    }
    let (header_len, start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        _ => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
    };
    let header = std::str::from_utf8(&bytes[start..start + header_len])?;
    let column_major = header.contains("'fortran_order': True");
    let shape = header
        .split("'shape': (")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .ok_or("no shape in header")?;
    let dims: Vec<usize> = shape
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<std::result::Result<_, _>>()?;
    let [rows, cols] = dims[..] else {
        return Err("expected a 2-D array".into());
    };
    let data = &bytes[start + header_len..];
    let words = data
        .chunks_exact(8)
        .map(|c| <[u8; 8]>::try_from(c).expect("8 bytes"));
    if data.len() != rows * cols * 8 {
        return Err("data length does not match the shape".into());
    }
    if header.contains("'<i8'") {
        Ok(Matrix::Int(
            rows,
            cols,
            column_major,
            words.map(i64::from_le_bytes).collect(),
        ))
    } else if header.contains("'<f8'") {
        Ok(Matrix::Float(
            rows,
            cols,
            column_major,
            words.map(f64::from_le_bytes).collect(),
        ))
    } else {
        Err("only <i8 and <f8 arrays are supported".into())
    }
}

fn run<C: Cost>(
    rows: usize,
    cols: usize,
    column_major: bool,
    costs: Vec<C>,
    warmup: usize,
    repeat: usize,
) -> Result<()> {
    let build = |costs: Vec<C>| {
        if column_major {
            DenseProblem::new_column_major(rows, cols, costs)
        } else {
            DenseProblem::new(rows, cols, costs)
        }
    };
    for _ in 0..warmup {
        build(costs.clone())?.solve();
    }
    let (mut best, mut best_validate) = (f64::INFINITY, f64::INFINITY);
    let mut result = None;
    for _ in 0..repeat {
        let input = costs.clone();
        let start = Instant::now();
        let problem = build(input)?;
        let validated = start.elapsed();
        let a = problem.solve();
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        best_validate = best_validate.min(validated.as_secs_f64() * 1e3);
        result = Some((problem, a));
    }
    let (problem, a) = result.ok_or("--repeat must be at least 1")?;
    println!("optimum {}", a.total);
    println!("solve_ms {best:.3}");
    println!("validate_ms {best_validate:.3}");
    verify(&problem, &a)?;
    println!("certificate ok");
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = None;
    let (mut warmup, mut repeat) = (0, 1);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--repeat" => repeat = it.next().ok_or("--repeat needs a number")?.parse()?,
            "--warmup" => warmup = it.next().ok_or("--warmup needs a number")?.parse()?,
            _ => path = Some(a.clone()),
        }
    }
    let path =
        path.ok_or("usage: lap FILE [--warmup W] [--repeat K]   (OR-Library text or .npy)")?;
    let bytes = std::fs::read(&path)?;
    let matrix = if bytes.starts_with(b"\x93NUMPY") {
        read_npy(&bytes)?
    } else {
        read_orlib(std::str::from_utf8(&bytes)?)?
    };
    match matrix {
        Matrix::Int(r, c, f, v) => run(r, c, f, v, warmup, repeat),
        Matrix::Float(r, c, f, v) => run(r, c, f, v, warmup, repeat),
    }
}
