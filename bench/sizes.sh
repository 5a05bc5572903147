#!/usr/bin/env bash
# Prints the release build's first-load transfer sizes (html, js, wasm, css; raw, gzip,
# brotli) of each app and checks its brotli budget (residents' apps 200 KB, staff 300 KB,
# the office 300 KB, the field app 250 KB, the office results workbench 300 KB, the
# rectification app 250 KB, the office's score sheets 234 KB). Builds the apps first.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo xtask dist >&2
cargo xtask sizes
