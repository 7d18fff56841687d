#!/usr/bin/env bash
# Installs every tool the project needs, only when missing or at the wrong version.
# Idempotent: a second run takes seconds. Downloads only from package registries
# (crates.io, npm, Debian). See ../shared/TOOLCHAIN.md for the recipe.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
BINARYEN_VERSION=132
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup] %s\n' "$*"; }

# The wasm-bindgen CLI must equal the crate version in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for comp in clippy rustfmt; do
  rustup component list --installed | grep -q "^$comp" || rustup component add "$comp"
done

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (takes ~8 min the first time)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The wasm splitter (scripts/build-app.sh): cuts the lazily loaded pages out of the main wasm.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

WB=$(wasm_bindgen_version)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB" ]; then
  log "installing wasm-bindgen-cli $WB"
  # Without --locked: its lock file names a crate version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WB" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  log "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm"
  npm install -g "binaryen@$BINARYEN_VERSION" >/dev/null
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
if [ "${MUTASI_NEED_POSTGRES:-0}" = 1 ]; then
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_apt+=(postgresql)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing from Debian: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f e2e/package.json ]; then
  if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    log "installing e2e node packages"
    (cd e2e && npm ci --no-audit --no-fund >/dev/null)
  fi
fi
log "tools ready: $(trunk --version), wasm-bindgen $WB, $(wasm-opt --version | head -1), $(/usr/bin/chromium --version)"
