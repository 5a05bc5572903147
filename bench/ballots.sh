#!/usr/bin/env bash
# Prints cast-ballot throughput and p50/p99 latency at 64 and 256 connections (SQLite,
# WAL + synchronous=FULL, group commit), release build; fails if stored != accepted.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --profile server -p pingxuan-server --example bench_ballots
