#!/usr/bin/env bash
# scripts/bench.sh — build-time benchmark of secretaria, paired in one run against Hugo.
#
# WHAT IT MEASURES
#   A full, cold-output build of the same synthetic site (../shared/bench/gen_site.py: N pages
#   of ~6.6 KB Markdown over 10 sections; the bodies are byte-identical for both tools, but for
#   the links to the two sections the plain copy renames, see prepare_plain):
#     hugo:        hugo --minify --quiet -s SITE -d OUT            (site from --format hugo)
#     secretaria:  target/release/secretaria --root SITE build --output OUT   (--format plain,
#                  adapted to our content model; secretaria minifies by default and checks
#                  the rendered site — links, fragments, images — before publishing)
#   Each timed command first deletes OUT ("output deleted inside the timed command", like the
#   reference figures in ../shared/bench/README.md), so the deletion of N output folders is part
#   of the time. The tools are interleaved run by run (hugo, secretaria, hugo, ...) so that
#   drift of the machine (page cache, other load) hits both alike; `sync` (untimed) before each
#   run keeps the disk writeback of one build out of the next one's time. WARMUP untimed runs
#   (1) come first, so that every timed run deletes a full previous output, as in a real rebuild.
#   The disk matters: on this VM (ext4 with `discard`) creating and deleting N folders costs
#   seconds of system time; OUT_ROOT=/dev/shm/bench shows the CPU side alone.
#   Per run, GNU time (/usr/bin/time -f '%e %U %S %M') records wall seconds, user and system
#   CPU seconds and peak RSS (KiB) of the process tree.
#
# HOW TO READ THE TABLE (printed and written to bench-out/results.md)
#   wall      median wall-clock time of RUNS runs           (what a user waits)
#   CPU       median of user+sys over the runs              (> wall means it used both cores)
#   peak RSS  maximum over the runs of the peak resident memory
#   html      index.html files in the output after the last run (~N + sections + home; a
#             sanity check that both tools really built every page)
#   ×hugo     secretaria / hugo for wall, CPU and RSS: below 1.00 means we are better
#
# USAGE
#   scripts/bench.sh                 N = 1000 and 10000, RUNS=5
#   scripts/bench.sh 2000 5000       other sizes
#   scripts/bench.sh --quick         smoke run: N = 1000, RUNS=1
#   scripts/bench.sh --prepare 10000 only generate (or reuse) the sites, time nothing
#                                    (scripts/bench-search.sh uses it)
#   RUNS=3 scripts/bench.sh 10000
#   Environment: RUNS (5), WARMUP (1), TOOLS ("hugo secretaria"), SEED (42),
#   BENCH_OUT (bench-out/: sites, logs, results), OUT_ROOT (BENCH_OUT: where builds write),
#   GEN_SITE (path to gen_site.py; default ../shared/bench/gen_site.py next to the repo).
#   Generated sites are kept in BENCH_OUT and reused while gen_site.py and N are unchanged.
#
# Requires Debian-like apt to install what is missing: hugo, time (GNU). Needs python3, cargo.
# If our binary does not build or its build fails, its error is printed and Hugo still runs.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
TOOLS=${TOOLS:-hugo secretaria}
SEED=${SEED:-42}
SIZES=()
PREP_VERSION=3   # bump when the plain-site post-processing below changes
PREPARE_ONLY=0

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

for arg in "$@"; do
  case $arg in
    --quick) SIZES=(1000); RUNS=1; WARMUP=0 ;;
    --prepare) PREPARE_ONLY=1 ;;
    -h|--help) usage; exit 0 ;;
    ''|*[!0-9]*) echo "bench.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    *) SIZES+=("$arg") ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
case $RUNS in ''|*[!0-9]*|0) echo "bench.sh: RUNS must be a positive integer" >&2; exit 2 ;; esac
case $WARMUP in ''|*[!0-9]*) echo "bench.sh: WARMUP must be a number" >&2; exit 2 ;; esac

log() { printf '==> %s\n' "$*" >&2; }
has_tool() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# ---------------------------------------------------------------- prerequisites

apt_install() {
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  log "installing $* (apt-get)"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

missing=()
if ! /usr/bin/time --version 2>&1 | grep -q GNU; then missing+=(time); fi
if has_tool hugo && ! command -v hugo >/dev/null; then missing+=(hugo); fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
command -v python3 >/dev/null || { echo "bench.sh: python3 is required" >&2; exit 1; }

# ../shared/bench beside the repository, or two levels up for a git worktree (wt/NAME).
for shared in "$ROOT/../shared/bench" "$ROOT/../../shared/bench"; do
  if [ -f "$shared/gen_site.py" ] && [ -z "${GEN_SITE:-}" ]; then
    GEN_SITE=$(cd "$shared" && pwd)/gen_site.py
  fi
done
if [ -z "${GEN_SITE:-}" ] || [ ! -f "$GEN_SITE" ]; then
  echo "bench.sh: gen_site.py not found at ../shared/bench/; set GEN_SITE=/path/to/gen_site.py" >&2
  exit 1
fi

mkdir -p "$BENCH_OUT"
BENCH_OUT=$(cd "$BENCH_OUT" && pwd)
OUT_ROOT=${OUT_ROOT:-$BENCH_OUT}
mkdir -p "$OUT_ROOT"
OUT_ROOT=$(cd "$OUT_ROOT" && pwd)
NOTES=()   # lines for the "Notes" section of results.md

# Our binary. A failed build is reported and the benchmark goes on with Hugo only.
BIN=$ROOT/target/release/secretaria
SECRETARIA_OK=0
if has_tool secretaria && [ "$PREPARE_ONLY" = 0 ]; then
  log "cargo build --release"
  if (cd "$ROOT" && cargo build --release) >"$BENCH_OUT/cargo-build.log" 2>&1 && [ -x "$BIN" ]; then
    SECRETARIA_OK=1
  else
    echo "---- secretaria: cargo build --release failed (bench-out/cargo-build.log) ----" >&2
    tail -n 40 "$BENCH_OUT/cargo-build.log" >&2
    echo "---- continuing without secretaria ----" >&2
    NOTES+=("secretaria: \`cargo build --release\` failed; see bench-out/cargo-build.log.")
  fi
fi

# ---------------------------------------------------------------- sites

GEN_SUM=$(sha256sum "$GEN_SITE" | cut -c1-16)

# Our special folders have typed front matter; a generated section with one of these names
# holds ordinary pages, so it is renamed in the plain copy (the URLs change, the bodies don't).
special_rename() {
  case $1 in
    avisos) echo avisos-gerais ;;
    legislacao) echo legislacao-textos ;;
    unidades|estrutura|programas|perguntas-frequentes|participacao-social|acesso-a-informacao) echo "$1-paginas" ;;
    *) echo "$1" ;;
  esac
}

# gen_site <format> <N> <dir>: (re)generate unless the stamp says it is up to date.
gen_site() {
  local fmt=$1 n=$2 dir=$3 stamp="gen=$GEN_SUM n=$2 fmt=$1 seed=$SEED prep=$PREP_VERSION"
  if [ -f "$dir/.bench-stamp" ] && [ "$(cat "$dir/.bench-stamp")" = "$stamp" ]; then
    log "reusing $dir"
    return 1
  fi
  log "generating $dir"
  python3 "$GEN_SITE" --pages "$n" --format "$fmt" --out "$dir" --seed "$SEED" --force
  echo "$stamp" >"$dir/.bench-stamp.new"   # committed by the caller once the site is ready
  return 0
}
commit_stamp() { mv "$1/.bench-stamp.new" "$1/.bench-stamp"; }

# Adapt --format plain to docs/conteudo.md: front matter, and the body links to renamed sections.
prepare_plain() {
  local dir=$1 content=$1/content sec new bad
  rm -f "$dir/.bench-renames"
  # 1. `section:` is not a key of ours (the folder is the section): drop it from the front
  #    matter (line 2 up to the closing ---), never from the body.
  find "$content" -name '*.md' -exec sed -i '2,/^---$/{/^section: /d}' {} +
  # 2. Dates: we accept AAAA-MM-DD and DD/MM/AAAA. Stop if the generator emits anything else.
  bad=$(grep -rhE '^date: ' "$content" | grep -cvE '^date: [0-9]{4}-[0-9]{2}-[0-9]{2}$' || true)
  if [ "$bad" -ne 0 ]; then
    echo "bench.sh: $bad front-matter dates are not AAAA-MM-DD; adapt prepare_plain()" >&2
    exit 1
  fi
  # 3. Rename generated sections that collide with our special folders, and the body links
  #    to them (`](/avisos/…` → `](/avisos-gerais/…`): the build checks every internal link
  #    before publishing, and a dead one is an error, so the benchmark measures the real
  #    build, checks included, on a site whose links resolve. Only link targets change.
  for sec in "$content"/*/; do
    sec=$(basename "$sec")
    new=$(special_rename "$sec")
    if [ "$new" != "$sec" ]; then
      mv "$content/$sec" "$content/$new"
      echo "$sec $new" >>"$dir/.bench-renames"
      grep -rlF "](/$sec/" "$content" | xargs -r sed -i "s#](/$sec/#](/$new/#g"
    fi
  done
  # 4. Minimal site.yaml.
  cat >"$dir/site.yaml" <<'EOF'
titulo: Secretaria Municipal de Assistência Social
municipio: Exemplo
uf: MG
base_url: https://assistencia.example.gov.br/
EOF
}

# Notes on what the plain copy changed (for every N, also when the site is reused).
describe_plain() {
  local dir=$1 n=$2 old new links
  [ -f "$dir/.bench-renames" ] || return 0
  while read -r old new; do
    links=$(grep -rlE "\]\(/$new/" "$dir/content" | wc -l)
    NOTES+=("N=$n: generated section \`$old/\` holds ordinary pages: renamed to \`$new/\` in the plain site (our \`$old/\` has typed front matter); the links of $links pages to it were rewritten to \`/$new/…\`, so that the build's link checks pass.")
  done <"$dir/.bench-renames"
}

# ---------------------------------------------------------------- timing

RAW=$BENCH_OUT/raw.tsv
printf 'tool\tpages\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\n' >"$RAW"

# time_once <tool> <N> <run> <cmd...>: one timed build, appends a line to raw.tsv.
time_once() {
  local tool=$1 n=$2 run=$3 out tf wall user sys rss
  shift 3
  out=$OUT_ROOT/out-$tool-$n
  tf=$BENCH_OUT/.time.$tool
  # sh deletes the output, then execs the tool: GNU time sees the whole tree (rm + build).
  # shellcheck disable=SC2016  # $0/$@ are expanded by that sh, not here
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" \
        sh -c 'rm -rf "$0" && exec "$@"' "$out" "$@" >"$BENCH_OUT/$tool-$n.log" 2>&1; then
    return 1
  fi
  [ "$run" -gt 0 ] || return 0   # warm-up: not recorded
  read -r wall user sys rss <"$tf"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$run" "$wall" "$user" "$sys" "$rss" >>"$RAW"
}

cmd_for() {   # cmd_for <tool> <N>: sets CMD=(...)
  case $1 in
    hugo) CMD=(hugo --minify --quiet --noBuildLock -s "$BENCH_OUT/site-hugo-$2" -d "$OUT_ROOT/out-hugo-$2") ;;
    secretaria) CMD=("$BIN" --root "$BENCH_OUT/site-plain-$2" build --output "$OUT_ROOT/out-secretaria-$2") ;;
  esac
}

# stats <tool> <N>: "wall cpu rss_mib runs" from raw.tsv (medians; max RSS).
stats() {
  awk -F'\t' -v t="$1" -v n="$2" '
    $1 == t && $2 == n { w[++k] = $4; c[k] = $5 + $6; if ($7 > r) r = $7 }
    function median(a, k,   i, j, x) {
      for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j+1] = a[j]; a[j+1] = x }
      return (k % 2) ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
    }
    END { if (k) printf "%.2f %.2f %.0f %d\n", median(w, k), median(c, k), r / 1024, k }
  ' "$RAW"
}

count_html() { if [ -d "$1" ]; then find "$1" -name index.html | wc -l; else echo 0; fi; }

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$LOAD_START" 'BEGIN { exit !(l > 0.5) }'; then
  log "warning: load average $LOAD_START before the benchmark; other work skews the figures"
fi

declare -A FAILED=()
for n in "${SIZES[@]}"; do
  if has_tool hugo; then
    if gen_site hugo "$n" "$BENCH_OUT/site-hugo-$n"; then commit_stamp "$BENCH_OUT/site-hugo-$n"; fi
  fi
  if has_tool secretaria; then
    if gen_site plain "$n" "$BENCH_OUT/site-plain-$n"; then
      prepare_plain "$BENCH_OUT/site-plain-$n"
      commit_stamp "$BENCH_OUT/site-plain-$n"
    fi
    describe_plain "$BENCH_OUT/site-plain-$n" "$n"
  fi
  [ "$PREPARE_ONLY" = 0 ] || continue

  for ((run = 1 - WARMUP; run <= RUNS; run++)); do   # runs <= 0 are untimed warm-ups
    for tool in $TOOLS; do
      [ "$tool" != secretaria ] || [ "$SECRETARIA_OK" = 1 ] || continue
      [ -z "${FAILED[$tool-$n]:-}" ] || continue
      cmd_for "$tool" "$n"
      if [ "$run" -le 0 ]; then log "N=$n $tool warm-up"; else log "N=$n $tool run $run/$RUNS"; fi
      sync   # untimed: flush the previous build's writes so they don't land in this one
      why=
      if ! time_once "$tool" "$n" "$run" "${CMD[@]}"; then
        why="exited with an error"
      elif [ "$(count_html "$OUT_ROOT/out-$tool-$n")" -eq 0 ]; then
        why="exited 0 but wrote no index.html"   # e.g. a stub binary: not a real build
      fi
      if [ -n "$why" ]; then
        FAILED[$tool-$n]=1
        sed -i "/^$tool\t$n\t/d" "$RAW"   # no figures for a failed tool/size
        echo "---- $tool $why on N=$n: ${CMD[*]} (bench-out/$tool-$n.log) ----" >&2
        tail -n 40 "$BENCH_OUT/$tool-$n.log" >&2
        echo "---- continuing ----" >&2
        NOTES+=("N=$n: $tool $why; see bench-out/$tool-$n.log.")
      fi
    done
  done
done

# ---------------------------------------------------------------- report

tool_label() {
  case $1 in
    hugo) hugo version | sed -E 's/^hugo v([0-9.]+).*/Hugo \1/' ;;
    secretaria) echo "secretaria $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)" | sed 's/ $//' ;;
  esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "—" }'; }

report() {
  local n tool s wall cpu rss html hs hw hc hr
  echo "# Build benchmark: secretaria vs Hugo"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo)," \
       "load $LOAD_START before / $(cut -d' ' -f1 /proc/loadavg) after (a busy machine inflates every figure; the ratios suffer less, runs are interleaved)."
  echo
  echo "RUNS=$RUNS after $WARMUP warm-up; output in $OUT_ROOT, deleted inside the timed command; medians of wall and CPU (user+sys), max of peak RSS."
  echo
  echo "| tool | pages | minify | wall | CPU | peak RSS | html | wall ×hugo | CPU ×hugo | RSS ×hugo |"
  echo "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|"
  for n in "${SIZES[@]}"; do
    hs=$(stats hugo "$n")
    for tool in $TOOLS; do
      s=$(stats "$tool" "$n")
      html=$(count_html "$OUT_ROOT/out-$tool-$n")
      if [ -z "$s" ]; then
        echo "| $(tool_label "$tool") | $n | yes | failed | | | $html | | | |"
        continue
      fi
      read -r wall cpu rss _ <<<"$s"
      if [ "$tool" = hugo ] || [ -z "$hs" ]; then
        echo "| $(tool_label "$tool") | $n | yes | $wall s | $cpu s | $rss MiB | $html | | | |"
      else
        read -r hw hc hr _ <<<"$hs"
        echo "| $(tool_label "$tool") | $n | yes | $wall s | $cpu s | $rss MiB | $html | $(ratio "$wall" "$hw") | $(ratio "$cpu" "$hc") | $(ratio "$rss" "$hr") |"
      fi
    done
  done
  if [ ${#NOTES[@]} -gt 0 ]; then
    echo
    echo "Notes:"
    printf -- '- %s\n' "${NOTES[@]}"
  fi
  echo
  echo "Per-run figures: bench-out/raw.tsv. Content: $(basename "$GEN_SITE") seed $SEED."
}

[ "$PREPARE_ONLY" = 0 ] || exit 0
report | tee "$BENCH_OUT/results.md"
