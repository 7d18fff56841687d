#!/usr/bin/env bash
# Trunk post-build hook: writes the build id and the list of app-shell files into the staged
# service worker (sw.js), so each build caches exactly its own files under its own version; then
# writes the brotli and gzip copies the server sends (scripts/precompress.mjs), which are not in
# the list (the browser asks for the plain names).
set -euo pipefail
dir=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$dir"
mapfile -t files < <(find . -type f ! -name sw.js ! -name '*.map' ! -name '*.br' ! -name '*.gz' -printf '%P\n' | LC_ALL=C sort)
build=$(cat "${files[@]}" | sha256sum | cut -c1-16)
assets=$(printf '"/%s",' "${files[@]}")
sed -i -e "s|__MUTASI_BUILD__|$build|" -e "s|__MUTASI_ASSETS__|[\"/\",${assets%,}]|" sw.js
echo "service worker: build $build, ${#files[@]} files"
node "$scripts/precompress.mjs" .
