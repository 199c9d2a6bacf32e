#!/usr/bin/env bash
# scripts/bench-search.sh — what search costs (issue 11's budget), measured, not asserted.
#
# WHAT IT MEASURES
#   1. Build cost: the same generated site (../shared/bench/gen_site.py, through
#      `scripts/bench.sh --prepare`) built by two binaries, paired run by run (the order
#      alternates), RUNS times each after one untimed warm-up:
#        on:  target/release/secretaria (this tree: search built in)
#        off: the same code without search: revision OFF_REV (default: main) built into
#             BENCH_OUT/off-target, or the binary named by SECRETARIA_OFF
#      Each run deletes its output first (inside the timed command, as scripts/bench.sh does)
#      and is timed by GNU time (-v): CPU = user + system seconds, peak RSS = "Maximum
#      resident set size". Medians of the runs; the ratios on/off are the figures to read
#      (the absolute times move with the machine's load).
#   2. What a first query downloads: scripts/search-bytes.mjs opens /busca/?q=… in Chromium
#      on the `on` output, one fresh browser context per query, for 10 representative
#      queries, and sums the bytes of every response after the page's HTML except what every
#      page loads anyway (site.css, site.js, the accessibility symbol): busca.js, the stemmer,
#      indice.json, the buckets and the document files the first 10 results need.
#
# USAGE
#   scripts/bench-search.sh                  N = 10000, RUNS = 3
#   scripts/bench-search.sh 1000 10000       other sizes
#   RUNS=5 OUT_ROOT=/dev/shm/bench scripts/bench-search.sh
#   Environment: RUNS (3), OFF_REV (main), SECRETARIA_OFF (a search-off binary: no build),
#   BENCH_OUT (bench-out/), OUT_ROOT (where builds write; default /dev/shm/bench-search when
#   /dev/shm exists: the disk's cost of creating folders is the same on and off and its
#   noise would hide the difference), GEN_SITE (gen_site.py), BYTES (1: measure downloads).
#
# Needs: cargo, python3, GNU time, git, and for the downloads node with tests/a11y's
# dependencies (scripts/install-test-deps.sh) and Debian's chromium.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
RUNS=${RUNS:-3}
OFF_REV=${OFF_REV:-main}
BYTES=${BYTES:-1}
if [ -z "${OUT_ROOT:-}" ]; then
  if [ -d /dev/shm ]; then OUT_ROOT=/dev/shm/bench-search; else OUT_ROOT=$BENCH_OUT; fi
fi
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000)
log() { printf '==> %s\n' "$*" >&2; }

if [ -z "${GEN_SITE:-}" ]; then
  for candidate in "$ROOT/../shared/bench/gen_site.py" "$ROOT/../../shared/bench/gen_site.py"; do
    if [ -f "$candidate" ]; then GEN_SITE=$(cd "$(dirname "$candidate")" && pwd)/gen_site.py; break; fi
  done
fi
[ -n "${GEN_SITE:-}" ] || { echo "bench-search.sh: set GEN_SITE=/path/to/gen_site.py" >&2; exit 1; }
/usr/bin/time --version 2>&1 | grep -q GNU || { echo "bench-search.sh: needs GNU time (apt install time)" >&2; exit 1; }
mkdir -p "$BENCH_OUT" "$OUT_ROOT"

log "sites: ${SIZES[*]}"
GEN_SITE=$GEN_SITE BENCH_OUT=$BENCH_OUT TOOLS=secretaria "$ROOT/scripts/bench.sh" --prepare "${SIZES[@]}" >&2

log "cargo build --release (on)"
(cd "$ROOT" && cargo build --release --quiet)
ON=$ROOT/target/release/secretaria
if [ -n "${SECRETARIA_OFF:-}" ]; then
  OFF=$SECRETARIA_OFF
else
  rev=$(git -C "$ROOT" rev-parse "$OFF_REV")
  src=$BENCH_OUT/off-src
  if [ "$(cat "$src/.rev" 2>/dev/null || true)" != "$rev" ]; then
    log "off: $OFF_REV ($rev) into $src"
    rm -rf "$src" && mkdir -p "$src"
    git -C "$ROOT" archive "$rev" | tar -x -C "$src"
    echo "$rev" >"$src/.rev"
  fi
  log "cargo build --release (off)"
  (cd "$src" && CARGO_TARGET_DIR=$BENCH_OUT/off-target cargo build --release --quiet)
  OFF=$BENCH_OUT/off-target/release/secretaria
fi

RAW=$BENCH_OUT/search-raw.tsv
printf 'pages\twhich\trun\twall_s\tcpu_s\tmaxrss_kib\n' >"$RAW"

# once <N> <on|off> <run>: one timed build; run 0 is the untimed warm-up.
once() {
  local n=$1 which=$2 run=$3 bin out tf
  if [ "$which" = on ]; then bin=$ON; else bin=$OFF; fi
  out=$OUT_ROOT/out-$which-$n
  tf=$BENCH_OUT/.time-search
  sync
  # shellcheck disable=SC2016  # $0/$@ are expanded by that sh
  /usr/bin/time -v -o "$tf" sh -c 'rm -rf "$0" && exec "$@"' "$out" \
    "$bin" --root "$BENCH_OUT/site-plain-$n" build --output "$out" >"$BENCH_OUT/search-$which-$n.log" 2>&1
  [ "$run" -gt 0 ] || return 0
  awk -F': ' -v n="$n" -v w="$which" -v r="$run" '
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    /Elapsed \(wall clock\)/ { k = split($2, p, ":"); e = 0; for (i = 1; i <= k; i++) e = e * 60 + p[i] }
    END { printf "%s\t%s\t%s\t%.2f\t%.2f\t%s\n", n, w, r, e, u + s, m }' "$tf" >>"$RAW"
}

for n in "${SIZES[@]}"; do
  for ((run = 0; run <= RUNS; run++)); do
    if ((run % 2)); then order="off on"; else order="on off"; fi
    for which in $order; do
      log "N=$n $which $([ "$run" -eq 0 ] && echo warm-up || echo "run $run/$RUNS")"
      once "$n" "$which" "$run"
    done
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col() { awk -F'\t' -v n="$1" -v w="$2" -v c="$3" '$1 == n && $2 == w { print $c }' "$RAW"; }

{
  echo "# What search costs"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); on: $(git -C "$ROOT" rev-parse --short HEAD), off: ${SECRETARIA_OFF:-$OFF_REV}; output in $OUT_ROOT; medians of $RUNS paired runs."
  echo
  echo "| pages | CPU off | CPU on | CPU on/off | on/off, median of pairs | wall off | wall on | peak RSS off | peak RSS on | RSS on − off |"
  echo "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  for n in "${SIZES[@]}"; do
    c0=$(col "$n" off 5 | median); c1=$(col "$n" on 5 | median)
    w0=$(col "$n" off 4 | median); w1=$(col "$n" on 4 | median)
    r0=$(col "$n" off 6 | median); r1=$(col "$n" on 6 | median)
    # Each run's on/off ratio (the two builds of a run ran back to back, under the same load).
    pairs=$(awk -F'\t' -v n="$n" '$1 == n { c[$3, $2] = $5; runs[$3] = 1 }
      END { for (r in runs) if (c[r, "off"] > 0) print c[r, "on"] / c[r, "off"] }' "$RAW" | median)
    awk -v n="$n" -v c0="$c0" -v c1="$c1" -v p="$pairs" -v w0="$w0" -v w1="$w1" -v r0="$r0" -v r1="$r1" 'BEGIN {
      printf "| %d | %.2f s | %.2f s | %.3f | %.3f | %.2f s | %.2f s | %.0f MiB | %.0f MiB | %+.0f MiB |\n",
        n, c0, c1, c1 / c0, p, w0, w1, r0 / 1024, r1 / 1024, (r1 - r0) / 1024 }'
  done
  echo
  echo "Per run: $RAW."
} | tee "$BENCH_OUT/search-results.md"

if [ "$BYTES" = 1 ]; then
  last=${SIZES[${#SIZES[@]}-1]}
  log "first-query downloads on N=$last"
  node "$ROOT/scripts/search-bytes.mjs" "$OUT_ROOT/out-on-$last" | tee -a "$BENCH_OUT/search-results.md"
fi
