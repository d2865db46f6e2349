#!/usr/bin/env bash
# The shipped module again with its function names kept, for
# tools/anatomy.mjs: the same wasm-bindgen and wasm-opt steps as
# `make build`, minus the name stripping and minifying (which change the
# names, not the code). Writes target/named/news-ticker_bg.wasm.
set -euo pipefail
wasm=${1:-target/nightly/wasm32-unknown-unknown/wasm/news_ticker.wasm}
mkdir -p target/named
wasm-bindgen --target no-modules --out-name news-ticker --out-dir target/named/glue --no-typescript "$wasm"
node_modules/.bin/wasm-opt -Oz --converge -g --strip-producers --low-memory-unused \
	target/named/glue/news-ticker_bg.wasm -o target/named/news-ticker_bg.wasm
