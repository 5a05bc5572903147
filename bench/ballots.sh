#!/usr/bin/env bash
# Prints cast-ballot throughput and p50/p99 latency at 64 and 256 connections (SQLite,
# WAL + synchronous=FULL, group commit), release build, load from wrk on loopback;
# fails on any error or when an answered ballot is not stored.
# BENCH_WRK_THREADS (default 1) sets wrk's threads.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)…" >&2
    apt-get install -y wrk >/dev/null || sudo apt-get install -y wrk >/dev/null
fi
cargo run --quiet --profile server -p pingxuan-server --example bench_ballots
