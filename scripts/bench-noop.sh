#!/usr/bin/env bash
# scripts/bench-noop.sh — how long `secretaria build` takes when nothing changed (issue 14,
# target 2: ≤ 0.5 s at 10,000 pages, writing nothing).
#
# WHAT IT MEASURES
#   The synthetic sites of scripts/bench.sh (`scripts/bench.sh --prepare N`, kept in
#   BENCH_OUT/site-plain-N) are built once, untimed, with
#     target/release/secretaria --root SITE build --output OUT
#   which writes the output and the build cache beside it (OUT/../.out-noop-N.secretaria-cache).
#   Then the same command runs RUNS times (10) with nothing changed, each under GNU time
#   (/usr/bin/time -f '%e %U %S %M': wall seconds, user and system CPU seconds, peak RSS in
#   KiB). Each no-op build still fingerprints every input (stats site.yaml, content/,
#   static/, themes/ and the program, reads only the files changed in the 2 seconds before
#   the build that wrote the cache, asks git for its state) and stats every file of the
#   output; it renders and writes nothing. Every run must print
#   "Nada mudou", and the output must be untouched: the inode, modification time and size of
#   every file of OUT are listed before the runs and after them, and compared. The clock is
#   the build's "now" (no SOURCE_DATE_EPOCH), as for an editor; the cache holds until midnight.
#
# HOW TO READ THE TABLE (printed and written to bench-out/noop.md)
#   full build  wall time of the untimed first build (what a no-op build saves)
#   median      median wall-clock time of the RUNS no-op builds     (what a user waits)
#   worst       the slowest of them
#   CPU         median of user+sys                                   (> wall: both cores used)
#   peak RSS    maximum over the runs of the peak resident memory
#   untouched   "yes" when no file of the output changed (inode, mtime, size) over all runs
#
# USAGE
#   scripts/bench-noop.sh              N = 1000 and 10000, RUNS=10
#   scripts/bench-noop.sh 10000        other sizes
#   RUNS=20 scripts/bench-noop.sh
#   Environment: RUNS (10), BENCH_OUT (bench-out/), OUT_ROOT (BENCH_OUT: where builds write;
#   /dev/shm/bench for a RAM disk), and what scripts/bench.sh takes to generate the sites.
#
# Requires GNU time, python3 and cargo (as scripts/bench.sh).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
RUNS=${RUNS:-10}
SIZES=()

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

for arg in "$@"; do
  case $arg in
    -h|--help) usage; exit 0 ;;
    ''|*[!0-9]*) echo "bench-noop.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    *) SIZES+=("$arg") ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
case $RUNS in ''|*[!0-9]*|0) echo "bench-noop.sh: RUNS must be a positive integer" >&2; exit 2 ;; esac

log() { printf '==> %s\n' "$*" >&2; }

if ! /usr/bin/time --version 2>&1 | grep -q GNU; then
  echo "bench-noop.sh: GNU time is required (apt-get install time)" >&2
  exit 1
fi

mkdir -p "$BENCH_OUT"
BENCH_OUT=$(cd "$BENCH_OUT" && pwd)
OUT_ROOT=${OUT_ROOT:-$BENCH_OUT}
mkdir -p "$OUT_ROOT"
OUT_ROOT=$(cd "$OUT_ROOT" && pwd)
export BENCH_OUT OUT_ROOT

BIN=$ROOT/target/release/secretaria
log "cargo build --release"
(cd "$ROOT" && cargo build --release) >"$BENCH_OUT/cargo-build-noop.log" 2>&1 || {
  tail -n 40 "$BENCH_OUT/cargo-build-noop.log" >&2
  exit 1
}

RAW=$BENCH_OUT/noop.tsv
: >"$RAW"
declare -A FULL=() UNTOUCHED=() FILES=()

# Every file of the output: inode, modification time, size, path (sorted).
listing() { find "$1" -printf '%i %T@ %s %P\n' | LC_ALL=C sort; }

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
for n in "${SIZES[@]}"; do
  TOOLS=secretaria "$ROOT/scripts/bench.sh" --prepare "$n"
  site=$BENCH_OUT/site-plain-$n
  out=$OUT_ROOT/out-noop-$n
  cmd=("$BIN" --root "$site" build --output "$out")
  log "N=$n first build (untimed, full)"
  tf=$BENCH_OUT/.time.noop
  /usr/bin/time -f '%e %U %S %M' -o "$tf" "${cmd[@]}" --no-cache >"$BENCH_OUT/noop-$n.log" 2>&1 || {
    tail -n 40 "$BENCH_OUT/noop-$n.log" >&2
    exit 1
  }
  read -r "FULL[$n]" _ <"$tf"
  FILES[$n]=$(find "$out" -type f | wc -l)
  before=$(listing "$out")
  for ((run = 1; run <= RUNS; run++)); do
    log "N=$n no-op run $run/$RUNS"
    /usr/bin/time -f '%e %U %S %M' -o "$tf" "${cmd[@]}" >"$BENCH_OUT/noop-$n.log" 2>&1 || {
      tail -n 40 "$BENCH_OUT/noop-$n.log" >&2
      exit 1
    }
    if ! grep -q "Nada mudou" "$BENCH_OUT/noop-$n.log"; then
      echo "bench-noop.sh: N=$n run $run was a full build, not a no-op:" >&2
      tail -n 5 "$BENCH_OUT/noop-$n.log" >&2
      exit 1
    fi
    read -r wall user sys rss <"$tf"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$run" "$wall" "$user" "$sys" "$rss" >>"$RAW"
  done
  if [ "$(listing "$out")" = "$before" ]; then UNTOUCHED[$n]=yes; else UNTOUCHED[$n]=NO; fi
done

# n → "median worst cpu rss(MiB)"
stats() {
  awk -F'\t' -v n="$1" '
    $1 == n { w[++k] = $3; c[k] = $4 + $5; if ($3 > worst) worst = $3; if ($6 > r) r = $6 }
    function median(a, k,   i, j, x) {
      for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j+1] = a[j]; a[j+1] = x }
      return (k % 2) ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
    }
    END { if (k) printf "%.2f %.2f %.2f %.0f\n", median(w, k), worst, median(c, k), r / 1024 }
  ' "$RAW"
}

report() {
  echo "# No-op build benchmark: \`secretaria build\` with nothing changed"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), secretaria $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores," \
       "load $LOAD_START before / $(cut -d' ' -f1 /proc/loadavg) after; output in $OUT_ROOT."
  echo
  echo "RUNS=$RUNS no-op builds after one full build; median and worst wall, median CPU (user+sys), max peak RSS."
  echo
  echo "| pages | output files | full build | no-op median | no-op worst | CPU | peak RSS | untouched |"
  echo "|--:|--:|--:|--:|--:|--:|--:|---|"
  for n in "${SIZES[@]}"; do
    read -r median worst cpu rss <<<"$(stats "$n")"
    echo "| $n | ${FILES[$n]} | ${FULL[$n]} s | $median s | $worst s | $cpu s | $rss MiB | ${UNTOUCHED[$n]} |"
  done
}

report | tee "$BENCH_OUT/noop.md"
