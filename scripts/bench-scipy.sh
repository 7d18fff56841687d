#!/usr/bin/env bash
# Compares the Rust dense assignment solver with scipy.optimize.linear_sum_assignment on the very
# same seeded matrices, in the same run, and prints the time ratio.
#
#   scripts/bench-scipy.sh [N] [SEED] [REPEAT]     (defaults: 2000 42 5)
#
# Installs scipy and numpy from PyPI into a virtualenv under the cargo target directory if they
# are missing, builds the `lap_matrix` and `lap` examples in release mode, writes an integer and a
# float N×N matrix (.npy), and hands them to scripts/bench_scipy.py.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
n="${1:-2000}"
seed="${2:-42}"
repeat="${3:-5}"

venv="$target/bench-scipy-venv"
if ! "$venv/bin/python" -c 'import scipy, numpy' 2>/dev/null; then
    echo "setting up $venv (scipy, numpy from PyPI)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet scipy numpy
fi

(cd "$root" && cargo build --quiet --release -p mutasi-core --example lap --example lap_matrix)
examples="$target/release/examples"
data="$target/bench-scipy-data"
mkdir -p "$data"
for kind in int float; do
    file="$data/$kind-$n-$seed.npy"
    [ -f "$file" ] || "$examples/lap_matrix" "$kind" "$n" "$seed" "$file"
done

"$venv/bin/python" "$here/bench_scipy.py" --lap "$examples/lap" --repeat "$repeat" \
    "$data/int-$n-$seed.npy" "$data/float-$n-$seed.npy"
