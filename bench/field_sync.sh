#!/usr/bin/env bash
# Prints how long the field app's outbox takes to sync over loopback: one finalised
# sheet with three ~300 KB evidence photos (sent in 128 KB pieces, as the app does), and
# 100 queued sheets with and without photos. Release build; SQLite WAL + synchronous=FULL.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --profile server -p pingxuan-server --example bench_field_sync
