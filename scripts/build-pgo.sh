#!/usr/bin/env bash
# scripts/build-pgo.sh — the release binary, optimised with the profile of real builds (PGO).
#
#   bash scripts/build-pgo.sh [--target TRIPLE]     (any other arguments: usage, exit 2)
#
# Prints the path of the binary it made (target/pgo/TRIPLE/release/secretaria; TRIPLE is the
# host's unless given). Three steps:
#   1. an instrumented release build (`-Cprofile-generate`) in target/pgo-gen;
#   2. that binary builds and checks the repository's example site and the fixture sites the
#      browser tests audit (scripts/audited-sites.sh), recording which branches and calls each
#      build takes;
#   3. rustup's `llvm-profdata` merges the records, and the release build is made again with
#      them (`-Cprofile-use`) in target/pgo: the compiler lays out and inlines the code for the
#      paths real builds take.
# The pages are the same byte for byte (only the machine code changes). The training uses the
# repository's own sites, never the benchmark's generated one. `--target` only picks the target
# (a native one: the instrumented binary must run here); RUSTFLAGS then reach our code and the
# crates, not build scripts and proc macros.
# Needs rustup's llvm-tools component, installed here when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

host=$(rustc -vV | sed -n 's/^host: //p')
target=$host
case "$#:${1:-}" in
  0:) ;;
  2:--target) target=$2 ;;
  *) echo "uso: bash scripts/build-pgo.sh [--target ALVO]" >&2; exit 2 ;;
esac
exe=""
case $target in *windows*) exe=".exe" ;; esac

say() { printf 'build-pgo.sh: %s\n' "$*" >&2; }

# llvm-profdata runs here: it is the host's tool (llvm-profdata.exe on a Windows host).
tools="$(rustc --print sysroot)/lib/rustlib/$host/bin"
profdata() { for p in "$tools/llvm-profdata" "$tools/llvm-profdata.exe"; do [ -x "$p" ] && echo "$p" && return; done; return 1; }
if ! profdata >/dev/null; then
  say "instalando o componente llvm-tools do rustup (llvm-profdata)"
  rustup component add llvm-tools >&2
fi
profdata=$(profdata) || { say "llvm-profdata não encontrado em $tools"; exit 1; }

raw="$root/target/pgo-data/raw"
merged="$root/target/pgo-data/secretaria.profdata"
rm -rf "$raw"
mkdir -p "$raw"

say "1/3 compilação instrumentada ($target)"
RUSTFLAGS="-Cprofile-generate=$raw" \
  cargo build --release --locked --target "$target" --target-dir target/pgo-gen >&2
trained="target/pgo-gen/$target/release/secretaria$exe"

say "2/3 treino: o site de exemplo e os sites de teste"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
source scripts/audited-sites.sh
for site in "${AUDITED_SITES[@]}"; do
  "$trained" --root "$site" build --output "$out/site" >/dev/null 2>&1 ||
    { say "o binário instrumentado falhou ao gerar $site"; exit 1; }
  # Only the paths it takes matter here: a site with warnings may make `check` exit non-zero.
  "$trained" --root "$site" check >/dev/null 2>&1 || true
done

say "3/3 compilação com o perfil"
"$profdata" merge -o "$merged" "$raw"
RUSTFLAGS="-Cprofile-use=$merged" \
  cargo build --release --locked --target "$target" --target-dir target/pgo >&2
echo "$root/target/pgo/$target/release/secretaria$exe"
