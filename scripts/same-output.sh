#!/usr/bin/env bash
# scripts/same-output.sh — does this tree publish the same bytes as another revision?
#
# For a refactor that must not change what is published: builds every fixture site (and the
# example site at the repository root) with the secretaria of revision REV (default `main`)
# and with the one of the working tree, in three variants each (plain, --drafts, --base-url),
# and compares the two outputs file by file (`diff -r`), together with what each command
# printed (warnings; the timing in the summary line is left out). The invalid fixtures are
# run through `check` by both, and their reports and exit codes compared.
#
# USAGE
#   scripts/same-output.sh            compare against `main`
#   scripts/same-output.sh 2bd6b07    against another revision
#   REF_BIN=path/to/secretaria scripts/same-output.sh   against a binary already built
#
# The reference binary is built once per revision from `git archive` (no worktree is added)
# into target/same-output/ and kept there. Exit 0 when everything matches, 1 otherwise.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REV=${1:-main}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

log() { printf '==> %s\n' "$*" >&2; }

if [ -z "${REF_BIN:-}" ]; then
  short=$(git -C "$ROOT" rev-parse --short "$REV")
  REF_BIN=$ROOT/target/same-output/secretaria-$short
  if [ ! -x "$REF_BIN" ]; then
    log "building the reference secretaria at $REV ($short)"
    mkdir -p "$WORK/ref"
    git -C "$ROOT" archive "$short" | tar -x -C "$WORK/ref"
    CARGO_TARGET_DIR=$ROOT/target/same-output/build cargo build --release --quiet --manifest-path "$WORK/ref/Cargo.toml"
    cp "$ROOT/target/same-output/build/release/secretaria" "$REF_BIN"
  fi
fi
log "building the working tree"
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
NEW_BIN=$ROOT/target/release/secretaria

export SOURCE_DATE_EPOCH=1795348800 # 2026-11-22 10:00 UTC, the fixtures' "today"
sites=("$ROOT")
for dir in "$ROOT"/tests/fixtures/*/; do
  case $(basename "$dir") in invalid) ;; *) sites+=("${dir%/}") ;; esac
done

# Prints what a command said, without the timing of its summary line.
quiet() { sed -E 's/ em [0-9]+ ms/ em N ms/; s#→ .*#→ SAIDA#'; }

failed=0
compared=0
for site in "${sites[@]}"; do
  name=$(basename "$site")
  [ "$site" = "$ROOT" ] && name=exemplo
  for variant in plain drafts base-url; do
    case $variant in
      plain) args=() ;;
      drafts) args=(--drafts) ;;
      base-url) args=(--base-url https://exemplo.gov.br/assistencia/) ;;
    esac
    for side in ref new; do
      bin=$REF_BIN
      [ $side = new ] && bin=$NEW_BIN
      out=$WORK/$name-$variant/$side
      mkdir -p "$(dirname "$out")"
      set +e
      "$bin" --root "$site" build --output "$out" "${args[@]}" >"$out.log" 2>&1
      echo "exit $?" >>"$out.log"
      set -e
      quiet <"$out.log" >"$out.said"
    done
    compared=$((compared + 1))
    : >"$WORK/diff"
    # A build that failed on both sides has no output; what it said is still compared.
    if { [ -e "$WORK/$name-$variant/ref" ] || [ -e "$WORK/$name-$variant/new" ]; } &&
       ! diff -r "$WORK/$name-$variant/ref" "$WORK/$name-$variant/new" >"$WORK/diff" 2>&1; then
      differs=1
    else
      differs=0
    fi
    if [ $differs = 1 ] || ! diff "$WORK/$name-$variant/ref.said" "$WORK/$name-$variant/new.said" >>"$WORK/diff" 2>&1; then
      failed=1
      echo "DIFFERENT: $name ($variant)"
      head -n 40 "$WORK/diff"
    fi
  done
done

for case_dir in "$ROOT"/tests/fixtures/invalid/*/; do
  name=$(basename "$case_dir")
  for side in ref new; do
    bin=$REF_BIN
    [ $side = new ] && bin=$NEW_BIN
    set +e
    "$bin" --root "$case_dir" check >"$WORK/invalid-$name.$side" 2>&1
    echo "exit $?" >>"$WORK/invalid-$name.$side"
    set -e
    quiet <"$WORK/invalid-$name.$side" >"$WORK/invalid-$name.$side.said"
  done
  compared=$((compared + 1))
  if ! diff "$WORK/invalid-$name.ref.said" "$WORK/invalid-$name.new.said" >"$WORK/diff"; then
    failed=1
    echo "DIFFERENT: invalid/$name (check)"
    head -n 40 "$WORK/diff"
  fi
done

if [ $failed = 0 ]; then
  echo "same output: $compared builds and checks identical to $REV"
else
  echo "the output differs from $REV (see above)"
fi
exit $failed
