#!/usr/bin/env bash
# Prints how long one category's duplicate suggestions take (the screening page's heavy
# part) for 50 to 800 places and 640 to 2,550 nominations, release build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --profile server -p pingxuan-domain --example suggest_duplicates
