#!/usr/bin/env bash
# Prints how long one category's duplicate suggestions take (the screening page's heavy
# part) for 50 to 800 places and 640 to 2,550 nominations, release build: pairs found,
# pairs shown (the strongest MAX_SUGGESTIONS), and the JSON sizes of the suggestions and
# of the whole screening answer a department's phone downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --profile server -p pingxuan-domain --example suggest_duplicates
