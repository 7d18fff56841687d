// Writes a brotli (quality 11) and a gzip (level 9) copy beside every compressible file of a
// built app, `<file>.br` and `<file>.gz`, for the server to send as they are
// (crates/server/src/routes/static_files.rs). Node's own zlib: nothing to install.
//   node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(wasm|js|mjs|css|html|json|svg|webmanifest|txt|map)$/;
const MIN_BYTES = 1024;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR');
let plain = 0; let br = 0; let n = 0;
for (const path of [...files(dir)]) {
  // The service worker is what the browser checks for a new build; a deployment may re-stamp it
  // in place, and a stale copy beside it would hide the new build. Small: compressed on the fly.
  if (!COMPRESSIBLE.test(path) || basename(path) === 'sw.js') continue;
  const bytes = readFileSync(path);
  if (bytes.length < MIN_BYTES) continue;
  const b = brotliCompressSync(bytes, { params: {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  } });
  writeFileSync(`${path}.br`, b);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  plain += bytes.length; br += b.length; n += 1;
}
console.log(`precompressed ${n} files: ${plain} B → ${br} B brotli`);
