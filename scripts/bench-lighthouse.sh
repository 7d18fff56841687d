#!/usr/bin/env bash
# Lighthouse (mobile) after login, per kind of user: installs Lighthouse from the npm registry
# into e2e/bench/lighthouse/node_modules (idempotent, from its lockfile) and runs
# e2e/bench/lighthouse/run.mjs against the release build (dist/ and target/release/mutasi).
#
#   scripts/bench-lighthouse.sh [USERS]     (default: perencana-kota,pegawai)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$here/../e2e/bench/lighthouse"
if [ ! -d "$dir/node_modules/lighthouse" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
fi
(cd "$here/../e2e" && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund)
cd "$dir" && node run.mjs "$@"
