#!/usr/bin/env bash
# Compares the Rust dense assignment solver with scipy.optimize.linear_sum_assignment, `lap`
# (lap.lapjv) and `lapjv` on the very same seeded matrices, in the same run, and prints one table
# with the time ratios (see scripts/bench_scipy.py for what is timed).
#
#   scripts/bench-scipy.sh [N] [SEED] [REPEAT]     (defaults: 2000 42 5)
#
# Families: `int` (uniform 0..1e6), `float` (uniform [0, 1)), `lowint` (uniform 0..100, many
# ties) and `machol` (Machol–Wien, c = i·j), N×N; and `int` rectangular, N/2 × 3N/2 and its
# transpose, the tall one also stored column-major (`intF`). Machol–Wien is solved at N/2: it is
# the slow family for every solver.
#
# Installs scipy, numpy, lap and lapjv from PyPI into a virtualenv under the cargo target
# directory when missing (a package that fails to install is reported and left out of the
# table), builds the `lap_matrix` and `lap` examples in release mode and writes the matrices
# (.npy). LAP_BIN=path times another build of the `lap` example (e.g. one of main, for a
# before/after comparison).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
n="${1:-2000}"
seed="${2:-42}"
repeat="${3:-5}"

venv="$target/bench-scipy-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
for pkg in numpy scipy lap lapjv; do
    if ! "$venv/bin/python" -c "import $pkg" 2>/dev/null; then
        echo "installing $pkg from PyPI into $venv" >&2
        "$venv/bin/pip" install --quiet "$pkg" ||
            echo "warning: $pkg did not install (see pip's message above); it is left out" >&2
    fi
done
"$venv/bin/python" -c 'import scipy, numpy' # the reference peer is required

(cd "$root" && cargo build --quiet --release -p mutasi-core --example lap --example lap_matrix)
examples="$target/release/examples"
data="$target/bench-scipy-data"
mkdir -p "$data"
half=$((n / 2))
files=()
for spec in "int $n" "float $n" "lowint $n" "machol $half" \
    "int ${half}x$((3 * half))" "int $((3 * half))x$half"; do
    read -r kind shape <<<"$spec"
    file="$data/$kind-$shape-$seed.npy"
    [ -f "$file" ] || "$examples/lap_matrix" "$kind" "$shape" "$seed" "$file"
    files+=("$file")
done
# The tall matrix again, stored column-major (Fortran order): the Rust solver then works on it as
# it is (`DenseProblem::new_column_major`, no transposed copy); the peers get the layout each
# takes best (see bench_scipy.py).
tall="$data/int-$((3 * half))x$half-$seed.npy"
colmajor="$data/intF-$((3 * half))x$half-$seed.npy"
[ -f "$colmajor" ] || "$venv/bin/python" -c \
    'import sys, numpy as np; np.save(sys.argv[2], np.asfortranarray(np.load(sys.argv[1])))' \
    "$tall" "$colmajor"
files+=("$colmajor")

"$venv/bin/python" "$here/bench_scipy.py" --lap "${LAP_BIN:-$examples/lap}" --repeat "$repeat" \
    "${files[@]}"
