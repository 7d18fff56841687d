"""Time scipy.optimize.linear_sum_assignment against the Rust `lap` example on the same matrices.

Run through scripts/bench-scipy.sh, which prepares the virtualenv and the .npy files. For each
file: scipy solves it REPEAT times (fastest time kept), the Rust example solves it REPEAT times in
a subprocess (fastest time kept, validation included), the optima must agree, and the ratio
scipy_time / rust_time is printed (> 1 means the Rust solver is faster).
"""

import argparse
import platform
import subprocess
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment


def time_scipy(costs, repeat):
    best = float("inf")
    total = None
    for _ in range(repeat):
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(costs)
        best = min(best, time.perf_counter() - start)
        total = costs[rows, cols].sum()
    return total, best * 1e3


def time_rust(lap, path, repeat):
    out = subprocess.run(
        [lap, path, "--repeat", str(repeat)], check=True, capture_output=True, text=True
    ).stdout
    fields = dict(line.split(" ", 1) for line in out.strip().splitlines())
    if fields.get("certificate") != "ok":
        sys.exit(f"the Rust solver's certificate was not confirmed for {path}:\n{out}")
    return fields["optimum"], float(fields["solve_ms"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lap", required=True, help="path to the built `lap` example")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    print(f"python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}")
    print(f"{'matrix':<28} {'optimum':>22} {'scipy ms':>10} {'rust ms':>10} {'scipy/rust':>10}")
    failed = False
    for path in args.files:
        costs = np.load(path)
        s_total, s_ms = time_scipy(costs, args.repeat)
        r_total, r_ms = time_rust(args.lap, path, args.repeat)
        if np.issubdtype(costs.dtype, np.integer):
            agree = int(s_total) == int(r_total)
        else:
            agree = abs(float(s_total) - float(r_total)) <= 1e-9 * max(1.0, abs(float(s_total)))
        name = path.rsplit("/", 1)[-1]
        print(f"{name:<28} {str(s_total):>22} {s_ms:>10.1f} {r_ms:>10.1f} {s_ms / r_ms:>10.2f}")
        if not agree:
            print(f"  optima differ: scipy {s_total}, rust {r_total}")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
