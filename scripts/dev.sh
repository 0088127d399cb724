#!/usr/bin/env bash
# Model Atlas developer entry point. Installs what is missing (idempotently), then:
#   scripts/dev.sh serve   build the release app and serve it on http://127.0.0.1:8080
#   scripts/dev.sh test    run every check and test (what CI runs)
#   scripts/dev.sh build   build the release app into dist/
#   scripts/dev.sh bench   print sizes and load-time figures (see BENCHMARKS.md)
#   scripts/dev.sh bench-perspective   Model Atlas vs Perspective on the same CSVs (BENCHMARKS.md)
#   scripts/dev.sh setup   only install the tools
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
TRUNK_VERSION=0.21.14

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

wasm_bindgen_version() {
  # The wasm-bindgen crate version pinned in Cargo.lock.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup first"
  command -v npm >/dev/null || die "npm is missing: install Node.js and npm (apt-get install nodejs npm)"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || die "could not add the wasm32 target"
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 6 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked || die "could not install trunk"
  fi
  local wbg; wbg=$(wasm_bindgen_version)
  [ -n "$wbg" ] || die "no wasm-bindgen version in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    say "installing wasm-bindgen-cli $wbg (about 2 minutes)"
    # Not --locked: its lockfile pins a crate version the registry here does not have.
    cargo install wasm-bindgen-cli --version "$wbg" --force || die "could not install wasm-bindgen-cli $wbg"
  fi
  grep -q "wasm_bindgen = \"$wbg\"" Trunk.toml || die "Trunk.toml [tools] wasm_bindgen must be \"$wbg\" (the Cargo.lock version)"
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    [ "$(id -u)" = 0 ] || die "installing chromium needs root (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
      || die "could not install chromium with apt-get"
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dev dependencies (binaryen, playwright-core)"
    npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
  fi
}

build() {
  say "building the release app into dist/ (and the single-file dist/model-atlas.html)"
  trunk build index.html --release
  node scripts/build-offline.mjs
}

serve() {
  build
  say "serving dist/ on http://127.0.0.1:8080 (Ctrl-C to stop)"
  exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
}

run_tests() {
  local start=$SECONDS
  say "format"
  cargo fmt --all -- --check
  say "clippy (host)"
  cargo clippy --all-targets -q -- -D warnings
  say "clippy (wasm32)"
  cargo clippy --all-targets --target wasm32-unknown-unknown -q -- -D warnings
  say "native tests"
  cargo test -q --lib
  if [ -d ../shared/data ]; then
    say "native tests that read ../shared/data (Epoch AI's CSVs)"
    cargo test -q --lib -- --ignored
  else
    say "SKIPPED: the tests that read ../shared/data (the folder is absent): $(grep -rl 'reads ../shared/data' src | tr '\n' ' ')"
  fi
  say "fuzz smoke (examples/fuzz.rs: every target for about 3 s; a finding fails the run)"
  cargo run -q --release --example fuzz -- smoke
  say "browser component tests (wasm-bindgen-test, headless Chromium)"
  cargo test --target wasm32-unknown-unknown --test browser
  build
  say "end-to-end tests (playwright-core against dist/)"
  node --test tests/e2e/
  say "all tests passed in $((SECONDS - start)) s"
}

cmd=${1:-}
case "$cmd" in
  setup) setup ;;
  build) setup; build ;;
  serve) setup; serve ;;
  test) setup; run_tests ;;
  bench)
    setup; build; node scripts/bench.mjs
    cargo run -q --release --example bench_query
    # The 100 000-point redraw takes longer than the test runner's default 20 s.
    WASM_BINDGEN_TEST_TIMEOUT=300 cargo test --release --target wasm32-unknown-unknown --test chart_bench -- --nocapture ;;
  bench-perspective)
    setup; build
    if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
      say "installing the benchmark's npm dev dependencies (Perspective; bench/ only)"
      npm ci --prefix bench --no-audit --no-fund --loglevel=error || die "npm ci --prefix bench failed"
    fi
    say "Model Atlas vs Perspective in headless Chromium (about 8 minutes)"
    node bench/run.mjs ;;
  *) echo "usage: scripts/dev.sh serve|test|build|bench|bench-perspective|setup" >&2; exit 2 ;;
esac
