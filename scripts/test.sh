#!/usr/bin/env bash
# The whole test suite, from a fresh machine: formatting and lints, Rust unit and integration
# tests (fixture sites built and checked as parsed HTML), then the browser suite (axe-core in
# Debian's Chromium + the Nu Html Checker) over the example site and every fixture, and the
# XSS fixture loaded in Chromium (no script may run).
# Installs what it needs when missing (scripts/install-test-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '\n==> %s\n' "$*"; }

# rustfmt and clippy are rustup components: a toolchain installed without them gets them here.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  step "instalando rustfmt e clippy"
  rustup component add rustfmt clippy
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings are errors)"
cargo clippy --all-targets --locked -- -D warnings

step "cargo test"
cargo test --locked

step "dependências dos testes de navegador"
bash scripts/install-test-deps.sh

step "gerando os sites para a auditoria de acessibilidade"
cargo build --release --locked
sites_dir="$(mktemp -d)"
trap 'rm -rf "$sites_dir"' EXIT
sites=()
source scripts/audited-sites.sh
for site in "${AUDITED_SITES[@]}"; do
  name="$(basename "$site")"
  [ "$site" = . ] && name="exemplo"
  target/release/secretaria --root "$site" build --output "$sites_dir/$name" >/dev/null
  sites+=("$sites_dir/$name")
done
# serra-azul again with two items a page, so that listings with pagination (the units in three
# pages, the notices in two) are audited too; its other pages are the same as above's.
cp -r tests/fixtures/serra-azul "$sites_dir/paginado-src"
printf 'itens_por_pagina: 2\n' >>"$sites_dir/paginado-src/site.yaml"
target/release/secretaria --root "$sites_dir/paginado-src" build --output "$sites_dir/paginado" >/dev/null
sites+=("$sites_dir/paginado")

# The XSS fixture (vectors in every Markdown and text field), built with the default settings
# and with `permitir_html: true`, for tests/a11y/xss.test.mjs only: its content is hostile on
# purpose, so it is not audited for accessibility. Its warnings go to a log.
cp -r tests/fixtures/xss "$sites_dir/xss-html-src"
printf 'permitir_html: true\n' >>"$sites_dir/xss-html-src/site.yaml"
for xss in "tests/fixtures/xss:xss" "$sites_dir/xss-html-src:xss-html"; do
  if ! target/release/secretaria --root "${xss%%:*}" build --skip-site-checks --output "$sites_dir/${xss##*:}" \
      >/dev/null 2>"$sites_dir/${xss##*:}.log"; then
    cat "$sites_dir/${xss##*:}.log" >&2
    exit 1
  fi
done

step "testes de acessibilidade (axe-core, Nu Html Checker, teclado, controles) e de XSS no navegador"
# The files by name: Node 20 takes a folder, Node 21+ reads arguments as globs.
A11Y_SITES="$(IFS=:; echo "${sites[*]}")" XSS_SITES="$sites_dir/xss:$sites_dir/xss-html" \
  node --test --test-concurrency=1 tests/a11y/*.test.mjs
