#!/usr/bin/env bash
# Prints cast-ballot throughput and p50/p99 latency on PostgreSQL with one and with two
# server processes on one database (release build), at 64 and 256 connections — the
# same requests, checks and table as bench/ballots.sh (SQLite). Starts a throwaway
# PostgreSQL (cargo xtask postgres) unless BENCH_POSTGRES_URL names a server (a
# superuser URL: each run creates and drops a database of its own).
# BENCH_SECONDS (default 10) per run; BENCH_WRK_THREADS (default 1, at least one per process).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)…" >&2
    apt-get install -y wrk >/dev/null || sudo apt-get install -y wrk >/dev/null
fi
cargo build --quiet --profile server -p pingxuan-server --bin pingxuan-server
if [ -z "${BENCH_POSTGRES_URL:-}" ]; then
    log=$(mktemp)
    cargo xtask postgres >"$log" 2>&1 &
    pg=$!
    # Ctrl-C makes xtask stop the server and remove its files.
    trap 'kill -INT "$pg" 2>/dev/null || true; wait "$pg" 2>/dev/null || true; rm -f "$log"' EXIT
    until BENCH_POSTGRES_URL=$(grep -o 'postgres://[^ ]*/postgres' "$log" | head -n 1) \
        && [ -n "$BENCH_POSTGRES_URL" ]; do
        if ! kill -0 "$pg" 2>/dev/null; then
            cat "$log" >&2
            exit 1
        fi
        sleep 0.5
    done
    export BENCH_POSTGRES_URL
fi
cargo run --quiet --profile server -p pingxuan-server --example bench_ballots_pg
