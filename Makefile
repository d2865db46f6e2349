# news-ticker: build, demo and test. `make demo` and `make test` are the
# two commands a new machine needs; both install what is missing first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
CARGO ?= cargo
TARGET := wasm32-unknown-unknown
# The shipped module is built by a pinned nightly that rebuilds std for
# size (build-std, panics that abort at once with no message or location,
# no Debug formatting): 3.9 KB gzip less than stable. Every function is
# offered for inlining across crates (std's and the workspace's alike), as
# within one crate: 8.7 KB gzip less for the widget's module, 0.6 KB for
# the XML stage (docs/src/size-and-benchmark.md).
# Tests build with stable; the end-to-end suites test this build.
NIGHTLY := nightly-2026-05-20
NIGHTLY_FLAGS := -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none \
	-Zcross-crate-inline-threshold=always
# Both modules build with the size profile `wasm` (Cargo.toml).
WASM_OUT := target/nightly/$(TARGET)/wasm
WASM := $(WASM_OUT)/news_ticker.wasm
NIGHTLY_BUILD := CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
	RUSTFLAGS="$(NIGHTLY_FLAGS)" $(CARGO) +$(NIGHTLY) build --profile wasm --target $(TARGET) --lib --target-dir target/nightly
GLUE := target/glue
# The page-facing half: its parts, then host.js, which joins them into ntHost.
HOST_JS := $(filter-out src/web/host/host.js,$(sort $(wildcard src/web/host/*.js))) src/web/host/host.js
DIST := www/dist
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Firefox's WebDriver (not in Debian): built from crates.io at this version.
GECKODRIVER_VERSION := 0.36.0
# The guide's builder (docs/), from crates.io at this version.
MDBOOK_VERSION := 0.5.4

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: setup lint docs browser build feed-builder package real-world demo test test-native test-host test-wasm test-types test-e2e test-engine wasm-chromium wasm-firefox wasm-webkit e2e-chromium e2e-firefox e2e-webkit test-bench bench size clean

## setup: the wasm target, clippy and rustfmt, the pinned nightly with std's source, and the
## wasm-bindgen CLI of the locked version, if missing.
setup:
	@rustup target list --installed | grep -qx $(TARGET) || rustup target add $(TARGET)
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup +$(NIGHTLY) component list --installed 2>/dev/null | grep -q '^rust-src' || \
		rustup toolchain install $(NIGHTLY) --profile minimal --component rust-src
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(BINDGEN_VERSION)" ]; then \
		echo "Installing wasm-bindgen-cli $(BINDGEN_VERSION) (a few minutes)..."; \
		$(CARGO) install wasm-bindgen-cli --version $(BINDGEN_VERSION); \
	fi

## browser: Debian's Chromium and ChromeDriver, Firefox ESR, WebKitGTK's
## WebDriver (with Xvfb for its display), and geckodriver (pinned) for the
## browser tests, if missing.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/lib/firefox-esr/firefox-esr ] \
		|| [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/xvfb-run ] || ! command -v xauth > /dev/null; then \
		echo "Installing chromium, chromium-driver, firefox-esr, webkit2gtk-driver and xvfb..."; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q \
			chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth; \
	fi
	@if [ "$$(geckodriver --version 2>/dev/null | sed -n 1p | cut -d' ' -f2)" != "$(GECKODRIVER_VERSION)" ]; then \
		echo "Installing geckodriver $(GECKODRIVER_VERSION) (a minute or two)..."; \
		$(CARGO) install geckodriver --version $(GECKODRIVER_VERSION); \
	fi

## build: www/dist/news-ticker.js and news-ticker_bg.wasm, size-optimised, the
## TypeScript declarations news-ticker.d.ts, manifest.json (version, sizes,
## Subresource Integrity hashes), news-ticker.css (for server-rendered
## containers), and texts.json (the interface texts, for
## the configurator).
# wasm-opt comes from npm's binaryen (pinned in package-lock.json), never
# Debian's: its version 108 breaks externref tables.
build: setup node_modules/.package-lock.json
	# The XML stage first (crates/xml-stage): plain wasm with no imports,
	# so no wasm-bindgen; news-ticker.js reads it.
	$(NIGHTLY_BUILD) -p news-ticker-xml
	@mkdir -p $(GLUE) $(DIST)
	node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers --strip-target-features \
		$(WASM_OUT)/news_ticker_xml.wasm -o $(DIST)/news-ticker_xml.wasm
	$(NIGHTLY_BUILD) -p news-ticker
	wasm-bindgen --target no-modules --out-name news-ticker --out-dir $(GLUE) \
		--no-typescript --remove-name-section --remove-producers-section $(WASM)
	@mkdir -p $(DIST)
	# --low-memory-unused: addresses under 1 KB are never used (the stack
	# ends at 1 MB, the data starts there), so loads and stores fold their
	# offsets (-0.3 KB gzip).
	node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers --low-memory-unused \
		$(GLUE)/news-ticker_bg.wasm -o $(GLUE)/optimised.wasm
	# Imports and exports get names of a letter or two, in the module and
	# in the glue alike (tools/minify-names.mjs): -4 KB gzip.
	node_modules/.bin/wasm-opt $(GLUE)/optimised.wasm --minify-imports-and-exports-and-modules \
		--strip-target-features -o $(DIST)/news-ticker_bg.wasm > $(GLUE)/names.json
	node tools/minify-names.mjs $(GLUE)/names.json $(GLUE)/news-ticker.js $(DIST)/news-ticker_bg.wasm \
		> $(GLUE)/news-ticker.short.js
	# The script pins the wasm's hash, so the script's own integrity covers both.
	cat $(HOST_JS) > $(GLUE)/host.js
	sed -e '/\/\*@HOST@\*\//{r $(GLUE)/host.js' -e 'd}' -e 's/@VERSION@/$(VERSION)/g' \
		-e "s|@WASM_INTEGRITY@|$$(node tools/integrity.mjs $(DIST)/news-ticker_bg.wasm)|" \
		-e "s|@XML_INTEGRITY@|$$(node tools/integrity.mjs $(DIST)/news-ticker_xml.wasm)|" \
		src/web/loader.js | sed -e '/\/\*@GLUE@\*\//{r $(GLUE)/news-ticker.short.js' -e 'd}' > $(GLUE)/news-ticker.full.js
	node_modules/.bin/esbuild --minify --target=es2020 --log-level=warning \
		$(GLUE)/news-ticker.full.js --outfile=$(DIST)/news-ticker.js
	sed -e 's/@VERSION@/$(VERSION)/g' src/news-ticker.d.ts > $(DIST)/news-ticker.d.ts
	# The stylesheet a server-rendered container links to (the widget
	# itself carries the same rules in the module).
	cp "$$(ls -t $(WASM_OUT)/build/news-ticker-rules-*/out/widget.min.css | head -n 1)" $(DIST)/news-ticker.css
	node tools/integrity.mjs --manifest $(DIST) $(VERSION)
	# The configurator's texts, written by the rules' build script from crates/rules/texts/.
	cp "$$(ls -t $(WASM_OUT)/build/news-ticker-rules-*/out/texts.json | head -n 1)" $(DIST)/texts.json

## demo: build, then serve www/ on 127.0.0.1:$(PORT).
demo: build
	node tools/serve.mjs www $(PORT)

## test: the lints, the guide's build, native unit tests, the page-facing
## JS on its own, browser tests (wasm-bindgen-test), the TypeScript
## declarations and the typed JS, end-to-end tests, and one quick run of
## the benchmark.
test: lint docs test-native test-host test-wasm test-types test-e2e test-bench

## docs: the guide (docs/src/, an mdBook) built into target/book/; mdbook
## (pinned, without its server) is installed from crates.io if missing.
## Its links and snippets are checked by tests/docs.rs (make test-native).
docs:
	@if [ "$$(mdbook --version 2>/dev/null | cut -d' ' -f2)" != "v$(MDBOOK_VERSION)" ]; then \
		echo "Installing mdbook $(MDBOOK_VERSION) (a few minutes, once)..."; \
		$(CARGO) install mdbook --version $(MDBOOK_VERSION) --no-default-features --features search; \
	fi
	mdbook build docs

## lint: rustfmt's check (rustfmt.toml) and clippy with every warning an
## error, natively over every target and for the wasm target over the
## library, the programs and the browser tests (the unit tests are native;
## the browser tests include the built XML stage, so the build comes first).
lint: build
	$(CARGO) fmt --all --check
	$(CARGO) clippy -q --workspace --all-targets -- -D warnings
	$(CARGO) clippy -q --target $(TARGET) -p news-ticker-rules -p news-ticker-xml --lib -- -D warnings
	$(CARGO) clippy -q --target $(TARGET) -p news-ticker --lib --test browser --test lifecycle -- -D warnings

# Every crate's unit tests and the suites over the whole product (tests/),
# natively; the browser suites are wasm only.
test-native:
	$(CARGO) test --workspace

# The page-facing half (src/web/host/) on its own in Node, and against the vectors the Rust homes of
# the formats it shares with the module write (tests/wire.rs).
test-host: build node_modules/.package-lock.json
	$(CARGO) test -q --test wire
	node --test tests/host/

# In Chromium, in Firefox (webdriver.json holds their options), and in
# WebKitGTK: its WebDriver drives MiniBrowser the way the test runner
# drives safaridriver, on a virtual display.
test-wasm: build browser
	$(MAKE) -s -k wasm-chromium wasm-firefox wasm-webkit

WASM_TESTS := $(CARGO) test --target $(TARGET) --test browser --test lifecycle
wasm-chromium:
	tools/timed.sh "browser suites in chromium" $(WASM_TESTS)

wasm-firefox:
	tools/timed.sh "browser suites in firefox" env -u CHROMEDRIVER GECKODRIVER="$$(command -v geckodriver)" $(WASM_TESTS)

wasm-webkit:
	tools/timed.sh "browser suites in webkit" xvfb-run -a env -u CHROMEDRIVER SAFARIDRIVER=/usr/bin/WebKitWebDriver $(WASM_TESTS)

# api.tsconfig.json checks the values tests/api.rs writes (as serde makes
# them) against the declarations, so the two cannot drift apart.
test-types: build node_modules/.package-lock.json
	node_modules/.bin/tsc -p tests/types/tsconfig.json
	node_modules/.bin/tsc -p tests/types/host.tsconfig.json
	node_modules/.bin/tsc -p tests/types/loader.tsconfig.json
	$(CARGO) test -q --test api
	node_modules/.bin/tsc -p tests/types/api.tsconfig.json

# The end-to-end suites once per engine (tests/e2e/browser.mjs), each
# timed; WebKitGTK needs a display, so it runs on a virtual one.
test-e2e: build feed-builder package browser node_modules/.package-lock.json
	$(MAKE) -s -k e2e-chromium e2e-firefox e2e-webkit

# The feed builder's output is shown by the widget in tests/e2e/builder.test.mjs.
feed-builder:
	$(CARGO) build -q -p news-ticker-feed --bin news-ticker-feed

E2E := node --test --test-concurrency=1 tests/e2e/
e2e-chromium e2e-firefox:
	tools/timed.sh "end-to-end in $(@:e2e-%=%)" env ENGINE=$(@:e2e-%=%) $(E2E)

e2e-webkit:
	tools/timed.sh "end-to-end in webkit" xvfb-run -a env ENGINE=webkit $(E2E)

## test-engine ENGINE=chromium|firefox|webkit: the browser suites of one engine only.
test-engine: build feed-builder package browser node_modules/.package-lock.json
	@case "$(ENGINE)" in chromium|firefox|webkit) ;; *) echo "ENGINE=chromium, firefox or webkit"; exit 2;; esac
	$(MAKE) -s wasm-$(ENGINE) e2e-$(ENGINE)

## test-bench: the benchmark once, quickly (news-ticker and the floor), so it cannot rot.
test-bench: build feed-builder browser node_modules/.package-lock.json
	node bench/run.mjs --quick

## bench: news-ticker against its peers, median of 5 cold runs; writes bench/results.json.
bench: build feed-builder browser node_modules/.package-lock.json
	node bench/run.mjs

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

## package: the widget as an npm package, target/package/news-ticker-VERSION.tgz
## (docs/src/hosting.md "Hosting": from an npm CDN, or bundled).
package: build
	node tools/package.mjs $(DIST) target/package

## real-world: what each real-world feed fixture reads as, per class
## (encodings, entities, Atom 0.3, RSS variants, links).
real-world:
	$(CARGO) test -q --test real_world report -- --nocapture

## size: raw and gzip bytes of what a page downloads, then the module's
## code by package (gloo-net, serde-wasm-bindgen, serde, the futures
## machinery, core::fmt and float printing, each apart), from the same
## module built with its function names kept (tools/anatomy.mjs).
size: build
	@node tools/size.mjs $(DIST)/news-ticker.js $(DIST)/news-ticker_bg.wasm
	@echo "Later stage, only for an RSS or Atom feed:"
	@node tools/size.mjs $(DIST)/news-ticker_xml.wasm
	@tools/named-build.sh $(WASM) > /dev/null
	@echo "The module's code by package (raw bytes of function bodies, names kept):"
	@node tools/anatomy.mjs target/named/news-ticker_bg.wasm

clean:
	rm -rf target/glue $(DIST)
