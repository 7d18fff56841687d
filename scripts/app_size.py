#!/usr/bin/env python3
"""Compressed size of the built app (docs/BENCHMARKS.md, "App size").

Reads dist/ after `trunk build --release` and prints, gzip -9 each file on its own (as a server
or the service worker would send them):
  - the main wasm and its JS glue, which every visit loads before the first screen;
  - for each lazily loaded page, what its first opening adds: its chunk plus every shared chunk
    it needs (the dependency lists come from the loader, app/__wasm_split.js);
  - all chunks together, and the plan worker.

Usage: scripts/app_size.py [dist-dir]
"""
import gzip
import pathlib
import re
import sys

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
app = dist / "app"


def gz(path: pathlib.Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


loader = (app / "__wasm_split.js").read_text()
# Each loader entry: `const __chunk_N = makeLoad(...fetch("./file.wasm")..., [deps]);` or
# `export const __wasm_split_load_<page> = wrapAsyncCb(makeLoad(...fetch("./file.wasm")..., [deps]));`
entry = re.compile(
    r"(?:export )?const (\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{\s*"
    r"const src = fetch\(new URL\(\"\./([^\"]+)\", import\.meta\.url\)\);.*?\n, \[([^\]]*)\]",
    re.S,
)
files, deps = {}, {}
for name, file, dep_list in entry.findall(loader):
    files[name] = file
    deps[name] = [d.strip() for d in dep_list.split(",") if d.strip()]


def closure(name: str, seen: set) -> set:
    if name not in seen:
        seen.add(name)
        for d in deps[name]:
            closure(d, seen)
    return seen


sizes = {name: gz(app / file) for name, file in files.items()}
main = gz(app / "mutasi-web_bg.wasm")
glue = gz(app / "mutasi-web.js") + gz(app / "__wasm_split.js")
print(f"main wasm (gz)                 {main:>9,} B")
print(f"main JS glue + split loader    {glue:>9,} B")
pages = sorted(n for n in files if n.startswith("__wasm_split_load_"))
for page in pages:
    parts = closure(page, set())
    label = page.removeprefix("__wasm_split_load_")
    print(f"module {label:<23} +{sum(sizes[p] for p in parts):>9,} B in {len(parts)} files")
print(f"all {len(files)} chunks               {sum(sizes.values()):>9,} B")
print(f"plan worker wasm (gz)          {gz(dist / 'plan-worker_bg.wasm'):>9,} B")
