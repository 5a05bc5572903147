#!/usr/bin/env bash
# Prints the release build's first-load transfer sizes (html, js, wasm, css; raw, gzip,
# brotli) and checks the 200 KB brotli budget. Builds the app first.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo xtask dist >&2
cargo xtask sizes
