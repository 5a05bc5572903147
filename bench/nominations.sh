#!/usr/bin/env bash
# Prints nominations accepted per second (one ~300 KB photo each) and the photo
# pipeline's server time per photo (p50/p99), on SQLite, release build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --profile server -p pingxuan-server --example bench_nominations
