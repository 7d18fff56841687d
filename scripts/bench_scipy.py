"""Time the Rust dense assignment solver against scipy, `lap` and `lapjv` on the same matrices.

Run through scripts/bench-scipy.sh, which prepares the virtualenv and the .npy files. Each file
name starts with its family (`int-2000-42.npy`). For each file, REPEAT rounds run every solver
once, interleaved (so a busy machine slows all of them alike); the fastest time of each is kept.

What is timed, for everyone: solving a matrix that is already in memory.
- Rust: the `lap` example, `DenseProblem::new` (validation) + `solve` (including the transposed
  copy of a tall matrix), i.e. what a caller of the API pays; the matrix is read before timing.
  One untimed solve first (`--warmup 1`): the peers run in one warm Python process, whose
  allocator already holds the memory a large copy needs; a fresh process would pay the kernel's
  page faults for it instead.
- scipy: `linear_sum_assignment(costs)`.
- lap: `lap.lapjv(costs, extend_cost=True)` (`extend_cost` pads a rectangular matrix to square;
  on a square one it is a no-op).
- lapjv: `lapjv.lapjv(costs, force_doubles=True)`; square matrices only. Its default computes in
  float32, which does not reproduce the exact optimum of these matrices.
The peers get the matrix as float64 (converted once, outside the timing): that is the type they
compute in, so no peer pays a conversion; the Rust solver gets `i64` or `f64` as stored.

A file stored column-major (Fortran order; family `intF`, the tall matrix again) is solved by the
Rust solver as it is (`DenseProblem::new_column_major`: a tall matrix's column-major storage is
its transpose row-major, so nothing is copied). Each peer gets the layout it takes best, in C
order: scipy makes any input C-contiguous float64 first and then copies a tall matrix's transpose
itself, so a Fortran-order input would cost it one copy more; lap pads to square either way.

Every solver's assignment is summed on the original matrix; the sums must equal the Rust
optimum (exactly for integers, to 1e-9 relative for floats) or the script fails. The ratios are
peer time / Rust time: above 1 means the Rust solver is faster.
"""

import argparse
import importlib.metadata
import os
import platform
import subprocess
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

try:
    import lap
except ImportError as e:  # recorded in the table as "n/a"
    lap = None
    print(f"lap unavailable: {e}")
try:
    import lapjv
except ImportError as e:
    lapjv = None
    print(f"lapjv unavailable: {e}")


def timed(solve):
    """Run `solve()`, return (rows, cols, seconds)."""
    start = time.perf_counter()
    rows, cols = solve()
    return rows, cols, time.perf_counter() - start


def scipy_solve(f):
    return linear_sum_assignment(f)


def lap_solve(f):
    _, x, _ = lap.lapjv(f, extend_cost=f.shape[0] != f.shape[1])
    rows = np.flatnonzero(x >= 0)
    return rows, x[rows]


def lapjv_solve(f):
    x, _, _ = lapjv.lapjv(f, force_doubles=True)
    return np.arange(f.shape[0]), x


def peers(shape):
    """The peers that accept a matrix of this shape: (name, solve)."""
    out = [("scipy", scipy_solve)]
    if lap is not None:
        out.append(("lap", lap_solve))
    if lapjv is not None and shape[0] == shape[1]:
        out.append(("lapjv", lapjv_solve))
    return out


def rust_run(binary, path):
    out = subprocess.run(
        [binary, path, "--warmup", "1", "--repeat", "1"], check=True, capture_output=True, text=True
    ).stdout
    fields = dict(line.split(" ", 1) for line in out.strip().splitlines())
    if fields.get("certificate") != "ok":
        sys.exit(f"the Rust solver's certificate was not confirmed for {path}:\n{out}")
    return fields["optimum"], float(fields["solve_ms"])


def same_optimum(costs, total, reference):
    if np.issubdtype(costs.dtype, np.integer):
        return int(total) == int(reference)
    return abs(float(total) - float(reference)) <= 1e-9 * max(1.0, abs(float(reference)))


def bench(binary, path, repeat):
    """One table row: family, shape, times in ms by solver; exits on a disagreeing optimum."""
    costs = np.load(path)
    # C order whatever the file's order (see the module's note on column-major files).
    as_float = np.ascontiguousarray(costs, dtype=np.float64)
    solvers = peers(costs.shape)
    best = {"rust": float("inf"), **{name: float("inf") for name, _ in solvers}}
    optimum = None
    for _ in range(repeat):
        r_total, r_ms = rust_run(binary, path)
        optimum = int(r_total) if np.issubdtype(costs.dtype, np.integer) else float(r_total)
        best["rust"] = min(best["rust"], r_ms)
        for name, solve in solvers:
            rows, cols, secs = timed(lambda: solve(as_float))
            best[name] = min(best[name], secs * 1e3)
            total = costs[rows, cols].sum()
            if len(rows) != min(costs.shape) or not same_optimum(costs, total, optimum):
                sys.exit(f"{path}: {name} found {total} over {len(rows)} rows, rust {optimum}")
    return optimum, best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lap", required=True, help="path to the built `lap` example")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    versions = [f"python {platform.python_version()}", f"numpy {np.__version__}",
                f"scipy {scipy.__version__}"]
    for name, module in (("lap", lap), ("lapjv", lapjv)):
        if module is not None:
            versions.append(f"{name} {importlib.metadata.version(name)}")
    print(", ".join(versions))
    print(f"{'family':<8} {'n':>10} {'optimum':>18} {'rust ms':>9} {'scipy ms':>9} "
          f"{'lap ms':>9} {'lapjv ms':>9} {'vs fastest':>10} {'vs scipy':>9}")
    for path in args.files:
        family = os.path.basename(path).split("-", 1)[0]
        shape = "x".join(map(str, np.load(path, mmap_mode="r").shape))
        optimum, best = bench(args.lap, path, args.repeat)
        fastest = min(ms for name, ms in best.items() if name != "rust")
        cell = lambda name: f"{best[name]:>9.1f}" if name in best else f"{'n/a':>9}"
        print(f"{family:<8} {shape:>10} {optimum:>18} {best['rust']:>9.1f} {cell('scipy')} "
              f"{cell('lap')} {cell('lapjv')} {fastest / best['rust']:>9.2f}x "
              f"{best['scipy'] / best['rust']:>8.2f}x", flush=True)


if __name__ == "__main__":
    main()
