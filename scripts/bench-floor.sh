#!/usr/bin/env bash
# scripts/bench-floor.sh — the libraries' floor beside secretaria and Zola, paired on a RAM disk
# (or on the disk: DISK=disk).
#
#   bash scripts/bench-floor.sh [N]        (N pages, default 10000; RUNS=5, DISK=ram)
#
# `examples/floor.rs` does, for every Markdown file of the bench site, only what the chosen
# libraries must do for any build of it: read, serde_yaml, pulldown-cmark, SHA-256, write (the
# Markdown HTML is not minified, by `build` nor by the floor). The three commands run
# interleaved (floor, secretaria, zola, floor, ...), each deleting its output inside the timed
# command, as scripts/bench.sh does; one warm-up round is not counted. It prints the medians
# of wall and CPU time (user + system) and each one's ratio to Zola's. The sites come from
# `scripts/bench.sh --prepare N`; Zola from $ZOLA (as bench.sh).
#
# A fourth command, `cópia`, writes no site of its own: it copies Zola's finished output (made
# once, before the rounds, and kept in RAM) with `cp -r`. That is the floor of the writes: what
# the kernel takes to delete the previous output and create the same folders and files, with no
# Markdown, template or minifier at all. With DISK=disk the outputs go to bench-out/ (the disk
# of bench.sh's `disk` rows, ext4 here) and every run starts after a `sync`, as in bench.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${RUNS:-5}
BENCH_OUT=$PWD/bench-out
RAM=${RAM_DIR:-/dev/shm/secretaria-bench}
case ${DISK:-ram} in
  ram) DIR=$RAM ;;
  disk) DIR=$BENCH_OUT ;;
  *) echo "bench-floor.sh: DISK é ram ou disk, não '$DISK'" >&2; exit 2 ;;
esac
ZOLA=${ZOLA:-${XDG_CACHE_HOME:-$HOME/.cache}/secretaria-bench/zola-b2242262/zola}
for need in "$BENCH_OUT/site-plain-$N" "$BENCH_OUT/site-zola-$N" "$ZOLA"; do
  [ -e "$need" ] || { echo "bench-floor.sh: falta $need (scripts/bench.sh --prepare $N; ZOLA=...)" >&2; exit 2; }
done
cargo build --release --locked --quiet --bin secretaria --example floor
FLOOR=target/release/examples/floor
BIN=${SECRETARIA_BIN:-target/release/secretaria}
mkdir -p "$RAM" "$DIR"
RAW=$(mktemp)
REF=$RAM/floor-ref-zola
trap 'rm -rf "$RAW" "$REF"' EXIT
rm -rf "$REF"
"$ZOLA" --root "$BENCH_OUT/site-zola-$N" build --output-dir "$REF" --force >/dev/null

run() {   # run <tool> <round> <cmd...>; a tool that fails stops the script, saying which and why
  local tool=$1 round=$2 out="$DIR/floor-out-$1" tf errors
  shift 2
  tf=$(mktemp)
  errors=$(mktemp)
  [ "$DIR" = "$RAM" ] || sync
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" sh -c 'rm -rf "$0" && mkdir -p "$0" && exec "$@"' "$out" "$@" >/dev/null 2>"$errors"; then
    echo "bench-floor.sh: $tool falhou na rodada $round ($*); as últimas linhas do que escreveu:" >&2
    tail -n 20 "$errors" >&2
    rm -f "$tf" "$errors"
    exit 1
  fi
  [ "$round" -gt 0 ] && printf '%s %s\n' "$tool" "$(cat "$tf")" >>"$RAW"
  rm -f "$tf" "$errors"
}

for round in $(seq 0 "$RUNS"); do
  run floor "$round" "$FLOOR" "$BENCH_OUT/site-plain-$N" "$DIR/floor-out-floor"
  run secretaria "$round" "$BIN" --root "$BENCH_OUT/site-plain-$N" build --output "$DIR/floor-out-secretaria"
  run zola "$round" "$ZOLA" --root "$BENCH_OUT/site-zola-$N" build --output-dir "$DIR/floor-out-zola" --force
  run cópia "$round" cp -r "$REF/." "$DIR/floor-out-cópia"
done
rm -rf "$DIR"/floor-out-*

awk -v n="$N" -v runs="$RUNS" -v disk="${DISK:-ram}" '
  function median(a, k,   i, j, x) {
    for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j+1] = a[j]; a[j+1] = x }
    return (k % 2) ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
  }
  { k[$1]++; w[$1, k[$1]] = $2; c[$1, k[$1]] = $3 + $4; if ($5 > m[$1]) m[$1] = $5 }
  END {
    split("floor secretaria zola cópia", tools, " ")
    for (t in tools) { name = tools[t]; for (i = 1; i <= k[name]; i++) { ww[i] = w[name, i]; cc[i] = c[name, i] }
      mw[name] = median(ww, k[name]); mc[name] = median(cc, k[name]) }
    printf "%d páginas, %s, medianas de %d rodadas intercaladas\n\n", n, (disk == "ram" ? "disco em RAM" : "disco (bench-out/)"), runs
    printf "| | relógio | CPU | memória | relógio ×Zola | CPU ×Zola |\n|---|--:|--:|--:|--:|--:|\n"
    for (t = 1; t <= 4; t++) { name = tools[t]
      printf "| %s | %.2f s | %.2f s | %d MiB | %.2f | %.2f |\n", name, mw[name], mc[name], m[name] / 1024, mw[name] / mw["zola"], mc[name] / mc["zola"] }
  }' "$RAW"
