#!/usr/bin/env bash
# Sets up the tools (idempotently), builds the app in release mode and starts `mutasi serve` on an
# embedded SQLite database (data/mutasi.db, created on first start and seeded with the demo city;
# one demo account per role is printed, with a fresh password at each start) at
# http://127.0.0.1:8080.
# Extra arguments are passed to `mutasi serve` (e.g. --addr 127.0.0.1:9000).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
trunk build --release
cargo build --release -p mutasi-server --locked
exec "${CARGO_TARGET_DIR:-target}/release/mutasi" serve --demo --demo-reset-passwords --database data/mutasi.db --dist dist "$@"
