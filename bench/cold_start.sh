#!/usr/bin/env bash
# Prints the server's cold start (process start → first 200 from /api/v1/health) on an
# empty SQLite database, five runs and their median, against the 1 s budget.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo xtask cold-start
