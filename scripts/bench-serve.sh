#!/usr/bin/env bash
# scripts/bench-serve.sh — save-to-reload latency of `secretaria serve` (a benchmark, not a test).
#
# WHAT IT MEASURES
#   The time an editor waits: from just before a file of the site is opened for writing to the
#   moment an open browser tab receives the `reload` event over SSE (/__secretaria/events).
#   That includes the file-system notification, the debounce and quiet windows of the watcher
#   (src/dev/watcher.rs), reloading the model, rendering the affected pages and writing the
#   files whose bytes changed. Four kinds of edit, EDITS (20) times each, on each site size:
#     page      a sentence appended to the body of an ordinary page (a different page each time)
#     title     the title of an ordinary page changed (a different page each time): listings,
#               the site map, feeds and search show it
#     index     a sentence appended to the body of a `_index.md` (round the site's sections)
#     template  themes/default/templates/page.html overridden with a visible marker that
#               changes every time: every ordinary page changes and is written
#   The sites are the synthetic ones of scripts/bench.sh (../shared/bench/gen_site.py, --format
#   plain, adapted to our content model by bench.sh itself: this script runs it with
#   TOOLS=secretaria RUNS=1 WARMUP=0 and BENCH_OUT=bench-out/serve, so the preparation logic
#   lives in one place and one full build per size is done as a sanity check). Each run edits a
#   fresh copy of the generated site. The measuring client is scripts/bench/reload_latency.py
#   (Python standard library).
#
# HOW TO READ THE TABLE (printed and written to bench-out/serve/results.md)
#   median / worst   of the EDITS end-to-end latencies, in ms
#   rebuild median   the server's own figure for the same rebuilds ("… em X ms" in its log):
#                    end-to-end minus this is the watcher's windows and the notification
#
# USAGE
#   scripts/bench-serve.sh              N = 1000 and 10000
#   scripts/bench-serve.sh 1000         other sizes
#   EDITS=5 scripts/bench-serve.sh 1000
#   MODES="page title" scripts/bench-serve.sh 10000    only some kinds of edit
#   Environment: EDITS (20), MODES (page title index template), SEED (42), BENCH_OUT (bench-out/serve), GEN_SITE (see bench.sh),
#   SECRETARIA_BIN (the binary to serve with; default target/release/secretaria, built here):
#   SECRETARIA_BIN=path/to/old/secretaria compares another build on the same sites;
#   SERVE_ARGS (extra flags of serve): SERVE_ARGS=--skip-site-checks measures the reload
#   without the checks of `check` that serve runs after each one.
#
# Requires python3 and cargo; scripts/bench.sh installs GNU time with apt if it is missing.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out/serve}
EDITS=${EDITS:-20}
SIZES=()

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
for arg in "$@"; do
  case $arg in
    -h|--help) usage; exit 0 ;;
    ''|*[!0-9]*) echo "bench-serve.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    *) SIZES+=("$arg") ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
case $EDITS in ''|*[!0-9]*|0) echo "bench-serve.sh: EDITS must be a positive integer" >&2; exit 2 ;; esac
command -v python3 >/dev/null || { echo "bench-serve.sh: python3 is required" >&2; exit 1; }

log() { printf '==> %s\n' "$*" >&2; }
mkdir -p "$BENCH_OUT"
BENCH_OUT=$(cd "$BENCH_OUT" && pwd)
BIN=${SECRETARIA_BIN:-$ROOT/target/release/secretaria}
CLIENT=$ROOT/scripts/bench/reload_latency.py
TEMPLATE=$ROOT/themes/default/templates/page.html

# 1. Sites (generated and adapted by bench.sh) and the release binary. Sites that bench.sh
#    already generated in bench-out/ are copied first; bench.sh reuses them if still current.
for n in "${SIZES[@]}"; do
  if [ ! -d "$BENCH_OUT/site-plain-$n" ] && [ -f "$ROOT/bench-out/site-plain-$n/.bench-stamp" ]; then
    cp -r "$ROOT/bench-out/site-plain-$n" "$BENCH_OUT/site-plain-$n"
  fi
done
log "preparing sites with scripts/bench.sh (one build each as a sanity check)"
BENCH_OUT=$BENCH_OUT TOOLS=secretaria RUNS=1 WARMUP=0 bash "$ROOT/scripts/bench.sh" "${SIZES[@]}" >"$BENCH_OUT/bench-sh.log" 2>&1 || {
  tail -n 40 "$BENCH_OUT/bench-sh.log" >&2
  echo "bench-serve.sh: scripts/bench.sh failed (see $BENCH_OUT/bench-sh.log)" >&2
  exit 1
}
[ -x "$BIN" ] || { echo "bench-serve.sh: $BIN is missing" >&2; exit 1; }

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -INT "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

# server_median <log> <from line> <skip>: median of the EDITS "… em X ms" rebuild lines of the
# log from line <from> on, after <skip> untimed ones (the template's warm-up).
server_median() {
  tail -n +"$2" "$1" | sed -nE 's/^altera.* em ([0-9]+) ms.*$/\1/p' | sed -n "$(($3 + 1)),$(($3 + EDITS))p" | sort -n |
    awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; else print "—" }'
}

RESULTS=()
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
for n in "${SIZES[@]}"; do
  site=$BENCH_OUT/live-$n
  log "N=$n: fresh copy of the generated site"
  rm -rf "$site"
  cp -r "$BENCH_OUT/site-plain-$n" "$site"
  rm -f "$site"/.bench-*
  serve_log=$BENCH_OUT/serve-$n.log
  # shellcheck disable=SC2086  # SERVE_ARGS is a list of flags
  "$BIN" --root "$site" serve --port 0 ${SERVE_ARGS:-} >"$serve_log" 2>&1 &
  SERVER_PID=$!
  url=
  for _ in $(seq 1 600); do
    url=$(sed -nE 's/^Servindo em (http[^ ]+).*/\1/p' "$serve_log")
    [ -n "$url" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$url" ]; then
    cat "$serve_log" >&2
    echo "bench-serve.sh: serve did not start on N=$n" >&2
    exit 1
  fi
  log "N=$n: $(head -n 1 "$serve_log")"
  for mode in ${MODES:-page title index template}; do
    log "N=$n: $EDITS $mode edits"
    from=$(($(wc -l <"$serve_log") + 1))
    out=$(python3 "$CLIENT" --url "$url" --site "$site" --mode "$mode" --edits "$EDITS" --template "$TEMPLATE" | tee "$BENCH_OUT/$mode-$n.txt")
    read -r _ _ count median worst <<<"$(grep '^RESULT' <<<"$out")"
    skip=0
    [ "$mode" != template ] || skip=1
    RESULTS+=("$n $mode $count $median $worst $(server_median "$serve_log" "$from" "$skip")")
  done
  stop_server
done

report() {
  echo "# Save-to-reload latency of secretaria serve"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $LOAD_START before / $(cut -d' ' -f1 /proc/loadavg) after;" \
       "secretaria $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') (release)${SECRETARIA_BIN:+, served by $SECRETARIA_BIN}."
  echo
  echo "Time from opening a file for writing to the SSE \`reload\` event, $EDITS edits each."
  echo
  echo "| pages | edit | edits | median | worst | server rebuild median |"
  echo "|--:|---|--:|--:|--:|--:|"
  local line n mode count median worst server
  for line in "${RESULTS[@]}"; do
    read -r n mode count median worst server <<<"$line"
    echo "| $n | $mode | $count | $median ms | $worst ms | $server ms |"
  done
  echo
  echo "Per-edit figures: bench-out/serve/{page,title,index,template}-N.txt; server logs: bench-out/serve/serve-N.log."
}
report | tee "$BENCH_OUT/results.md"
