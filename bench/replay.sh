#!/usr/bin/env bash
# The round-one replay at full scale: 2,550 nominations with photos, screening with
# merges and 20 candidates per category, 33,490 voters verified by SMS (development
# provider) voting in all four categories, 10 sub-groups' sheets, publication, the open
# data checked by the verifier. Release build (server profile), SQLite, one fresh
# database; prints per phase requests, errors, throughput and p50/p99 latency, and the
# total wall time; exits non-zero when a check fails. Extra arguments are passed on
# (e.g. --concurrency 128).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo xtask replay --scale 1 "$@"
