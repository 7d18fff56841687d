#!/usr/bin/env bash
# Trunk build hook: builds the main app (bin `mutasi-web`) as a main wasm plus lazily loaded
# page chunks, into `<dist>/app/`. Trunk itself builds only the plan worker: it has no stage
# between `cargo build` and wasm-bindgen, which is where the split must happen.
#
#   1. cargo: the app with the `split` feature (src/lazy_routes.rs), linked with `--emit-relocs`
#      so the splitter can move code and data between modules;
#   2. wasm-split-cli: cuts each page split point and the code only pages use into chunks,
#      and writes `__wasm_split.js`, the loader the main wasm imports;
#   3. wasm-bindgen on the main module (keeping the exports the chunks link against); the
#      splitter's loader gets a `fetch` that starts each chunk download in its own task;
#   4. release builds: wasm-opt -Oz on the main module and on every chunk, two at a time.
#
# index.html loads `/app/mutasi-web.js`; scripts/sw-manifest.sh (a post_build hook) precaches every
# file written here, so all pages open offline after one online visit.
set -euo pipefail
stage=${TRUNK_STAGING_DIR:?run by trunk as a build hook}
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}

profile_args=()
profile_dir=debug
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  profile_args=(--release)
  profile_dir=release
fi

cargo rustc "${profile_args[@]}" --locked --target wasm32-unknown-unknown --bin mutasi-web \
  --features split -- -C link-arg=--emit-relocs

split=$target_dir/wasm-split
rm -rf "$split"
wasm-split-cli "$target_dir/wasm32-unknown-unknown/$profile_dir/mutasi-web.wasm" "$split" \
  --out-name mutasi-web

out=$stage/app
mkdir -p "$out"
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$out" \
  --out-name mutasi-web "$split/mutasi-web.wasm"
find "$split" -maxdepth 1 \( -name '*.js' -o -name '*.wasm' \) ! -name mutasi-web.wasm \
  -exec cp -t "$out" {} +

# The loader asks for a page's chunks (the home page's are 20) with one `fetch` each, all in the
# task that opens the page; in Chromium each call costs 1-2 ms (more with DevTools attached),
# which made that task 300-400 ms on a 4x slower tablet. A module-level `fetch` in front of the
# global one starts each download in a task of its own (`scheduler.yield()`, else a 0 ms timer).
loader=$out/__wasm_split.js
grep -q 'const src = fetch(new URL(' "$loader" ||
  { echo "build-app.sh: $loader no longer fetches its chunks as expected" >&2; exit 1; }
{
  echo '// Added by scripts/build-app.sh: each chunk download starts in a task of its own.'
  echo 'const fetch = async (url) => { await (globalThis.scheduler?.yield?.() ?? new Promise((r) => setTimeout(r, 0))); return globalThis.fetch(url); };'
  cat "$loader"
} > "$loader.tmp" && mv "$loader.tmp" "$loader"

if [ "$profile_dir" = release ]; then
  find "$out" -name '*.wasm' -print0 |
    xargs -0 -P2 -I{} wasm-opt -Oz --strip-debug --strip-producers {} -o {} 2>&1 |
    { grep -v "unknown name subsection" || true; }
fi
chunks=$(find "$out" -name '*.wasm' ! -name mutasi-web_bg.wasm | wc -l)
echo "app: main wasm $(stat -c %s "$out/mutasi-web_bg.wasm") bytes, $chunks lazily loaded chunks"
