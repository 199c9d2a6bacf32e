#!/usr/bin/env bash
# Fuzzing campaigns (issue 8) for the targets of src/fuzz.rs: front_matter (front matter and
# YAML through the real loading path), legal (normative text), hours, contact (phones and
# e-mails) and site (one-file sites: load → render → minify). Not part of CI nor of
# scripts/test.sh: campaigns are long and run at the lowest priority (nice 19).
#
#   scripts/fuzz.sh [--engine auto|libfuzzer|stable] [--runs N] [--seconds S] [--jobs J]
#                   [--timeout S (libFuzzer's hang limit, 10)] [TARGET...]
#   scripts/fuzz.sh scale [TARGET [PATTERN]] [--max-kb N]   # time and memory from 1 KB to 1 MB
#   scripts/fuzz.sh replay TARGET FILE...                  # run saved inputs, timed
#
# Engines. `libfuzzer` (coverage-guided) needs a nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`); `stable` is the generator of examples/fuzz (mutations of the
# seed corpus and a grammar of what editors write, seeded, reproducible) and needs nothing
# but the project's toolchain. `auto` (the default) uses libFuzzer when both are there, else
# the stable generator. Defaults: 1,000,000 inputs per target, no time limit. A panic, an
# abort or a stack overflow is a failure, and so is a hang: with the stable engine an input
# over 1 s three times in a row; with libFuzzer one over --timeout, every input over 1 s being
# saved as slow-unit-* to replay.
#
# Corpus: seeds are committed in fuzz/corpus/TARGET/ (small, hand-written) and taken from the
# fixture sites; libFuzzer grows its working corpus in target/fuzz-corpus/TARGET/ (not
# committed). Findings go to target/fuzz-findings/: copy each one into
# fuzz/regressions/TARGET/ (tests/it/fuzz.rs runs every file there in `cargo test`) and fix it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

all_targets=(front_matter legal hours contact site)
engine=auto
runs=1000000
seconds=0
jobs=1
lf_timeout=10

stable_bin() {
  nice -n 19 cargo build --release --example fuzz >&2
  echo "$root/target/release/examples/fuzz"
}

case "${1:-}" in
  scale)
    shift
    exec nice -n 19 "$(stable_bin)" scale "$@"
    ;;
  replay)
    shift
    exec "$(stable_bin)" replay "$@"
    ;;
esac

targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --timeout) lf_timeout="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    -*) echo "opção desconhecida: $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

has_libfuzzer() {
  cargo +nightly --version >/dev/null 2>&1 && cargo fuzz --version >/dev/null 2>&1
}

if [ "$engine" = auto ]; then
  if has_libfuzzer; then engine=libfuzzer; else engine=stable; fi
fi
limit=""
if [ "$seconds" -gt 0 ]; then limit=", no máximo $seconds s por alvo"; fi
echo "==> motor: $engine; alvos: ${targets[*]}; até $runs entradas por alvo$limit"

findings="$root/target/fuzz-findings"
mkdir -p "$findings"
status=0

run_stable() {
  local bin
  bin="$(stable_bin)"
  for t in "${targets[@]}"; do
    echo "==> $t (gerador estável)"
    if ! nice -n 19 "$bin" run "$t" --runs "$runs" --seconds "$seconds" --jobs "$jobs" --out "$findings"; then
      status=1
    fi
  done
}

run_libfuzzer() {
  local bin_seeds
  bin_seeds="$(stable_bin)"
  for t in "${targets[@]}"; do
    echo "==> $t (libFuzzer)"
    local corpus="$root/target/fuzz-corpus/$t" artifacts="$findings/$t"
    mkdir -p "$corpus" "$artifacts"
    cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
    "$bin_seeds" seeds "$t" "$corpus" >/dev/null
    # -detect_leaks=0: minify-js (under minify-html) leaks 24 bytes per inline script it
    # minifies; LeakSanitizer would stop every site run on the first page.
    # -timeout: libFuzzer times the wall clock, and under AddressSanitizer at nice 19 on a
    # shared machine an ordinary page can wait over 1 s for a core; so an input is a hang past
    # $lf_timeout s, and every input over 1 s is listed (-report_slow_units=1) to replay
    # (`scripts/fuzz.sh replay`). The stable engine checks the 1 s limit itself, three times.
    local args=(-runs="$runs" -timeout="$lf_timeout" -report_slow_units=1 -rss_limit_mb=4096 -max_len=65536
      -print_final_stats=1 -detect_leaks=0 -artifact_prefix="$artifacts/")
    if [ "$seconds" -gt 0 ]; then args+=(-max_total_time="$seconds"); fi
    if [ "$jobs" -gt 1 ]; then args+=(-jobs="$jobs" -workers="$jobs"); fi
    # ASAN_OPTIONS: the same leak, checked again by AddressSanitizer when the run ends.
    if ! (cd fuzz && ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
      nice -n 19 cargo +nightly fuzz run -O "$t" "$corpus" -- "${args[@]}" \
      2>&1 | tee "$findings/libfuzzer-$t.log" | grep -E "^(Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY|Slowest unit|Test unit written)"); then
      status=1
    fi
    # A crash, a hang, an out-of-memory: a failure. A slow unit (over 1 s of wall clock) is
    # listed to replay: a real one is slow on a quiet machine too.
    if grep -qE "^SUMMARY|Test unit written to .*/(crash|timeout|oom|leak)-" "$findings/libfuzzer-$t.log"; then
      status=1
    fi
    if grep -qE "Test unit written to .*/slow-unit-" "$findings/libfuzzer-$t.log"; then
      echo "    entradas lentas (> 1 s) para conferir com scripts/fuzz.sh replay $t: $artifacts/slow-unit-*"
    fi
  done
}

case "$engine" in
  stable) run_stable ;;
  libfuzzer) run_libfuzzer ;;
  *) echo "motor desconhecido: $engine (auto, libfuzzer ou stable)" >&2; exit 2 ;;
esac

if [ "$status" -ne 0 ]; then
  echo "==> FALHAS: veja $findings; copie cada entrada para fuzz/regressions/ALVO/ e corrija" >&2
else
  echo "==> nenhuma falha"
fi
exit "$status"
