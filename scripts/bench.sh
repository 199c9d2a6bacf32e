#!/usr/bin/env bash
# scripts/bench.sh — build-time benchmark of secretaria, paired in one run against Zola and Hugo.
#
# WHAT IT MEASURES
#   A full, cold-output build of the same synthetic site (../shared/bench/gen_site.py: N pages
#   of ~6.6 KB Markdown over 10 sections; the bodies are byte-identical for the three tools, but
#   for the links to the two sections the plain copy renames, see prepare_plain):
#     secretaria:  BIN --root SITE build --output OUT   (--format plain,
#                  adapted to our content model; minifies by default, and builds everything a
#                  published site has: search index, sitemap, feeds, open data, SHA256SUMS,
#                  and checks the rendered site — links, fragments, images — before publishing)
#     zola:        zola --root SITE build --output-dir OUT --force  (--format zola, whose
#                  config.toml sets minify_html = true)
#     hugo:        hugo --minify --quiet -s SITE -d OUT            (--format hugo)
#   on two disks: `disk` (BENCH_OUT, here ext4) and `ram` (a tmpfs: /dev/shm), so that the
#   cost of creating and deleting N folders on a real disk is seen apart from the CPU's.
#   Each timed command first deletes OUT ("output deleted inside the timed command", like the
#   reference figures in ../shared/bench/README.md), so the deletion of N output folders is part
#   of the time. The tools are interleaved run by run (secretaria, zola, hugo, secretaria, ...)
#   so that drift of the machine (page cache, other load) hits all alike; `sync` (untimed)
#   before each run keeps the disk writeback of one build out of the next one's time. WARMUP
#   untimed runs (1) come first, so that every timed run deletes a full previous output, as in
#   a real rebuild. Per run, GNU time (/usr/bin/time -f '%e %U %S %M') records wall seconds,
#   user and system CPU seconds and peak RSS (KiB) of the process tree.
#
# ZOLA
#   Zola is not on crates.io nor in Debian. The binary is taken from $ZOLA, else from the cache
#   $ZOLA_CACHE (~/.cache/secretaria-bench/zola-$ZOLA_COMMIT/zola), else built there once:
#   cloned from https://github.com/getzola/zola at $ZOLA_COMMIT (the commit of
#   ../shared/bench/README.md) and built with its own release profile (about 15 minutes on
#   two cores). Without a binary nor network, Zola is left out with a note.
#
# HOW TO READ THE TABLES (printed and written to bench-out/results.md)
#   wall      median wall-clock time of RUNS runs           (what a user waits)
#   CPU       median of user+sys over the runs              (> wall means it used both cores)
#   peak RSS  maximum over the runs of the peak resident memory
#   html      index.html files in the output after the last run (a sanity check that each
#             tool really built every page)
#   ×zola     secretaria / zola (and ×hugo): below 1.00 means we are better
#   The summary table (one per size) is the issue's: RAM disk wall and CPU, disk wall, peak
#   memory, with secretaria's ratio to Zola's.
#
# USAGE
#   scripts/bench.sh                 N = 1000, 10000 and 100000, RUNS=3, both disks
#   scripts/bench.sh 2000 5000       other sizes
#   scripts/bench.sh --quick         smoke run: N = 1000, RUNS=1, no warm-up
#   scripts/bench.sh --readme        also write the summary into README.md (between the
#                                    `<!-- bench:inicio -->` and `<!-- bench:fim -->` lines)
#   scripts/bench.sh --readme-only   only that, from the last bench-out/results.md
#   scripts/bench.sh --prepare 10000 only generate (or reuse) the sites, time nothing
#                                    (scripts/bench-search.sh and others use it)
#   RUNS=5 DISKS=ram TOOLS="secretaria zola" scripts/bench.sh 10000
#   RUNS_100000=1 scripts/bench.sh   the 100,000-page builds once each (after the warm-up)
#   Environment: RUNS (3), RUNS_<N> (RUNS for that size), WARMUP (1), TOOLS ("secretaria zola hugo"), DISKS ("disk ram"),
#   SEED (42), BENCH_OUT (bench-out/: sites, logs, results; its disk is `disk`), RAM_DIR
#   (/dev/shm/secretaria-bench: the `ram` disk), ZOLA, ZOLA_COMMIT, ZOLA_CACHE,
#   GEN_SITE (path to gen_site.py; default ../shared/bench/gen_site.py next to the repo),
#   SECRETARIA_BIN (another binary of ours; default: the one scripts/build-pgo.sh builds here,
#   the release build optimised with the profile of the repository's own sites; PGO=0: the
#   plain `cargo build --release`, target/release/secretaria).
#   Generated sites are kept in BENCH_OUT and reused while gen_site.py and N are unchanged
#   (the 100,000-page sites take a few minutes and about 2 GB for the three formats).
#
# Requires Debian-like apt to install what is missing: hugo, time (GNU). Needs python3, cargo
# (and git, to build Zola when there is no binary).
# If a tool does not build or its build fails, its error is printed and the others still run.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
TOOLS=${TOOLS:-secretaria zola hugo}
DISKS=${DISKS:-disk ram}
RAM_DIR=${RAM_DIR:-/dev/shm/secretaria-bench}
ZOLA_COMMIT=${ZOLA_COMMIT:-b2242262}
ZOLA_CACHE=${ZOLA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secretaria-bench/zola-$ZOLA_COMMIT}
WRITE_README=0
SEED=${SEED:-42}
SIZES=()
PREP_VERSION=3   # bump when the plain-site post-processing below changes
PREPARE_ONLY=0

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

for arg in "$@"; do
  case $arg in
    --quick) SIZES=(1000); RUNS=1; WARMUP=0 ;;
    --prepare) PREPARE_ONLY=1 ;;
    --readme) WRITE_README=1 ;;
    --readme-only) WRITE_README=2 ;;
    -h|--help) usage; exit 0 ;;
    ''|*[!0-9]*) echo "bench.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    *) SIZES+=("$arg") ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
case $RUNS in ''|*[!0-9]*|0) echo "bench.sh: RUNS must be a positive integer" >&2; exit 2 ;; esac
case $WARMUP in ''|*[!0-9]*) echo "bench.sh: WARMUP must be a number" >&2; exit 2 ;; esac

# write_readme: the summary of bench-out/results.md replaces what stands between the markers
# of README.md (`--readme`, or `--readme-only` without measuring again).
write_readme() {
  python3 - "$ROOT/README.md" "$BENCH_OUT/results.md" <<'PY'
import sys
readme, results = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
begin, end = "<!-- bench:inicio -->", "<!-- bench:fim -->"
text = open(readme, encoding="utf-8").read()
if begin not in text or end not in text:
    sys.exit("bench.sh: README.md has no bench:inicio/bench:fim markers")
import re
head, _, rest = results.partition("\n**")
summary = ("**" + rest).split("All figures:")[0].strip()
m = re.search(r"^(\S+ \S+) UTC, (\d+) cores, (\d+) GiB, load ([\d.]+) before / ([\d.]+) after", head, re.M)
runs = re.search(r"after (\d+) warm-up", head)
if m:
    date, cores, ram, before, after = m.groups()
    intro = (f"Medido em {date} UTC, numa máquina de {cores} núcleos e {ram} GiB (carga {before} antes e "
             f"{after} depois), com {runs.group(1) if runs else 1} execução de aquecimento antes das medidas; "
             "mediana do tempo de relógio e da CPU (usuário + sistema), máximo do pico de memória. "
             "Todos os números por execução ficam em `bench-out/raw.tsv`.")
    summary = intro + "\n\n" + summary
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(readme, "w", encoding="utf-8").write(head + begin + "\n" + summary + "\n" + end + tail)
print("README.md: benchmark table written")
PY
}

log() { printf '==> %s\n' "$*" >&2; }

if [ "$WRITE_README" = 2 ]; then
  [ -f "$BENCH_OUT/results.md" ] || { echo "bench.sh: no $BENCH_OUT/results.md to write from" >&2; exit 1; }
  write_readme
  exit 0
fi
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
# Where each disk's builds write.
disk_dir() {
  case $1 in
    disk) echo "${OUT_ROOT:-$BENCH_OUT}" ;;
    ram) echo "$RAM_DIR" ;;
  esac
}
for disk in $DISKS; do
  case $disk in disk|ram) ;; *) echo "bench.sh: DISKS takes disk and ram, not '$disk'" >&2; exit 2 ;; esac
  mkdir -p "$(disk_dir "$disk")"
done
NOTES=()   # lines for the "Notes" section of results.md

# Our binary: the PGO build (scripts/build-pgo.sh), or with PGO=0 the plain release build. A
# failed build is reported and the benchmark goes on with the others.
BIN=${SECRETARIA_BIN:-$ROOT/target/release/secretaria}
BUILD_CMD="cargo build --release"
[ "${PGO:-1}" = 0 ] || BUILD_CMD="bash scripts/build-pgo.sh"
SECRETARIA_OK=0
SECRETARIA_KIND=""   # " (PGO)" in the tables when the binary is build-pgo.sh's
if has_tool secretaria && [ "$PREPARE_ONLY" = 0 ]; then
  if [ -n "${SECRETARIA_BIN:-}" ]; then
    [ -x "$BIN" ] && SECRETARIA_OK=1
  else
    log "$BUILD_CMD"
    if (cd "$ROOT" && $BUILD_CMD >"$BENCH_OUT/cargo-build.out") 2>"$BENCH_OUT/cargo-build.log"; then
      [ "${PGO:-1}" = 0 ] || { BIN=$(tail -n 1 "$BENCH_OUT/cargo-build.out"); SECRETARIA_KIND=" (PGO)"; }
      [ -x "$BIN" ] && SECRETARIA_OK=1
    fi
    if [ "$SECRETARIA_OK" = 0 ]; then
      echo "---- secretaria: $BUILD_CMD failed (bench-out/cargo-build.log) ----" >&2
      tail -n 40 "$BENCH_OUT/cargo-build.log" >&2
      echo "---- continuing without secretaria ----" >&2
      NOTES+=("secretaria: \`$BUILD_CMD\` failed; see bench-out/cargo-build.log.")
    fi
  fi
fi

# Zola: $ZOLA, the cached binary, or built once into the cache (see ZOLA in the header).
ZOLA_OK=0
if has_tool zola && [ "$PREPARE_ONLY" = 0 ]; then
  if [ -z "${ZOLA:-}" ] && [ ! -x "$ZOLA_CACHE/zola" ]; then
    log "building Zola $ZOLA_COMMIT into $ZOLA_CACHE (once; about 15 minutes on two cores)"
    mkdir -p "$ZOLA_CACHE"
    if { [ -d "$ZOLA_CACHE/src/.git" ] || git clone -q https://github.com/getzola/zola "$ZOLA_CACHE/src"; } &&
       git -C "$ZOLA_CACHE/src" checkout -q "$ZOLA_COMMIT" &&
       (cd "$ZOLA_CACHE/src" && cargo build --release --locked) >"$BENCH_OUT/zola-build.log" 2>&1; then
      cp "$ZOLA_CACHE/src/target/release/zola" "$ZOLA_CACHE/zola"
    else
      echo "---- zola: could not be built (bench-out/zola-build.log); set ZOLA=/path/to/zola ----" >&2
    fi
  fi
  ZOLA=${ZOLA:-$ZOLA_CACHE/zola}
  if [ -x "$ZOLA" ]; then
    ZOLA_OK=1
  else
    NOTES+=("zola: no binary (set ZOLA=/path/to/zola, or let the script build commit $ZOLA_COMMIT with network access).")
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
printf 'disk\ttool\tpages\trun\twall_s\tuser_s\tsys_s\tmaxrss_kib\n' >"$RAW"

# time_once <disk> <tool> <N> <run> <cmd...>: one timed build, appends a line to raw.tsv.
time_once() {
  local disk=$1 tool=$2 n=$3 run=$4 out tf wall user sys rss
  shift 4
  out=$(disk_dir "$disk")/out-$tool-$n
  tf=$BENCH_OUT/.time.$tool
  # sh deletes the output, then execs the tool: GNU time sees the whole tree (rm + build).
  # shellcheck disable=SC2016  # $0/$@ are expanded by that sh, not here
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" \
        sh -c 'rm -rf "$0" && exec "$@"' "$out" "$@" >"$BENCH_OUT/$tool-$n-$disk.log" 2>&1; then
    return 1
  fi
  [ "$run" -gt 0 ] || return 0   # warm-up: not recorded
  read -r wall user sys rss <"$tf"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$disk" "$tool" "$n" "$run" "$wall" "$user" "$sys" "$rss" >>"$RAW"
}

cmd_for() {   # cmd_for <disk> <tool> <N>: sets CMD=(...)
  local out
  out=$(disk_dir "$1")/out-$2-$3
  case $2 in
    hugo) CMD=(hugo --minify --quiet --noBuildLock -s "$BENCH_OUT/site-hugo-$3" -d "$out") ;;
    zola) CMD=("$ZOLA" --root "$BENCH_OUT/site-zola-$3" build --output-dir "$out" --force) ;;
    secretaria) CMD=("$BIN" --root "$BENCH_OUT/site-plain-$3" build --output "$out") ;;
  esac
}

# stats <disk> <tool> <N>: "wall cpu rss_mib runs" from raw.tsv (medians; max RSS).
stats() {
  awk -F'\t' -v d="$1" -v t="$2" -v n="$3" '
    $1 == d && $2 == t && $3 == n { w[++k] = $5; c[k] = $6 + $7; if ($8 > r) r = $8 }
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

# runs_for <N>: RUNS, or RUNS_<N> when set (RUNS_100000=1: the largest size once).
runs_for() {
  local var="RUNS_$1"
  local runs=${!var:-$RUNS}
  case $runs in ''|*[!0-9]*|0) echo "bench.sh: $var must be a positive integer" >&2; exit 2 ;; esac
  echo "$runs"
}

tool_ok() {
  case $1 in
    secretaria) [ "$SECRETARIA_OK" = 1 ] ;;
    zola) [ "$ZOLA_OK" = 1 ] ;;
    *) return 0 ;;
  esac
}

declare -A FAILED=()
for n in "${SIZES[@]}"; do
  for fmt in hugo zola; do
    if has_tool "$fmt"; then
      if gen_site "$fmt" "$n" "$BENCH_OUT/site-$fmt-$n"; then commit_stamp "$BENCH_OUT/site-$fmt-$n"; fi
    fi
  done
  if has_tool secretaria; then
    if gen_site plain "$n" "$BENCH_OUT/site-plain-$n"; then
      prepare_plain "$BENCH_OUT/site-plain-$n"
      commit_stamp "$BENCH_OUT/site-plain-$n"
    fi
    describe_plain "$BENCH_OUT/site-plain-$n" "$n"
  fi
  [ "$PREPARE_ONLY" = 0 ] || continue

  for disk in $DISKS; do
    runs=$(runs_for "$n")
    for ((run = 1 - WARMUP; run <= runs; run++)); do   # runs <= 0 are untimed warm-ups
      for tool in $TOOLS; do
        tool_ok "$tool" || continue
        [ -z "${FAILED[$tool-$n-$disk]:-}" ] || continue
        cmd_for "$disk" "$tool" "$n"
        if [ "$run" -le 0 ]; then log "N=$n $disk $tool warm-up"; else log "N=$n $disk $tool run $run/$runs"; fi
        sync   # untimed: flush the previous build's writes so they don't land in this one
        why=
        if ! time_once "$disk" "$tool" "$n" "$run" "${CMD[@]}"; then
          why="exited with an error"
        elif [ "$(count_html "$(disk_dir "$disk")/out-$tool-$n")" -eq 0 ]; then
          why="exited 0 but wrote no index.html"   # e.g. a stub binary: not a real build
        fi
        if [ -n "$why" ]; then
          FAILED[$tool-$n-$disk]=1
          sed -i "/^$disk\t$tool\t$n\t/d" "$RAW"   # no figures for a failed tool/size/disk
          echo "---- $tool $why on N=$n ($disk): ${CMD[*]} (bench-out/$tool-$n-$disk.log) ----" >&2
          tail -n 40 "$BENCH_OUT/$tool-$n-$disk.log" >&2
          echo "---- continuing ----" >&2
          NOTES+=("N=$n ($disk): $tool $why; see bench-out/$tool-$n-$disk.log.")
        fi
      done
    done
  done
done

# ---------------------------------------------------------------- report

tool_label() {
  case $1 in
    hugo) hugo version | sed -E 's/^hugo v([0-9.]+).*/Hugo \1/' ;;
    zola) echo "Zola $("$ZOLA" --version | sed -E 's/^zola //')" ;;
    secretaria) echo "secretaria $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)" | sed 's/ $//;s/$/'"$SECRETARIA_KIND"'/' ;;
  esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "—" }'; }
disk_label() {
  case $1 in
    disk) echo "disco ($(df -T "$(disk_dir disk)" | awk 'NR == 2 { print $2 }'))" ;;
    ram) echo "RAM ($(df -T "$(disk_dir ram)" | awk 'NR == 2 { print $2 }'))" ;;
  esac
}
field() { # field <disk> <tool> <N> <1 wall | 2 cpu | 3 rss>
  local s
  s=$(stats "$1" "$2" "$3")
  # A tool that failed on this size and disk has no figures: an empty cell, not a failed
  # command (under `set -e`, `v=$(field …)` would stop the report there).
  if [ -n "$s" ]; then echo "$s" | cut -d' ' -f"$4"; fi
}
cell() { [ -n "$1" ] && echo "$1 $2" || echo "—"; }
max_rss() { # over the disks
  local d v best=
  for d in $DISKS; do
    v=$(field "$d" "$1" "$2" 3)
    [ -n "$v" ] || continue
    if [ -z "$best" ] || [ "$v" -gt "$best" ]; then best=$v; fi
  done
  echo "$best"
}

# The issue's table, one per size: what a reader of the README compares.
summary() {
  local n row disk what unit col tool v ours zola
  for n in "${SIZES[@]}"; do
    if [ "$(runs_for "$n")" = 1 ]; then
      echo "**$n páginas** (1 execução de cada ferramenta; saída apagada dentro do tempo medido)"
    else
      echo "**$n páginas** ($(runs_for "$n") execuções pareadas, mediana; saída apagada dentro do tempo medido)"
    fi
    echo
    printf '| |'; for tool in $TOOLS; do printf ' %s |' "$(tool_label "$tool")"; done
    has_tool zola && has_tool secretaria && printf ' ×Zola |'
    echo
    printf '|---|'; for tool in $TOOLS; do printf -- '--:|'; done
    has_tool zola && has_tool secretaria && printf -- '--:|'
    echo
    for row in ram:1 ram:2 disk:1 disk:2 any:3; do
      disk=${row%:*} col=${row#*:}
      if [ "$disk" != any ]; then
        case " $DISKS " in *" $disk "*) ;; *) continue ;; esac
      fi
      case $col in 1) what="tempo de relógio" unit=s ;; 2) what="CPU (usuário + sistema)" unit=s ;; 3) what="pico de memória (RSS)" unit=MiB ;; esac
      if [ "$disk" = any ]; then printf '| %s |' "$what"; else printf '| %s, %s |' "$(disk_label "$disk")" "$what"; fi
      for tool in $TOOLS; do
        if [ "$disk" = any ]; then v=$(max_rss "$tool" "$n"); else v=$(field "$disk" "$tool" "$n" "$col"); fi
        printf ' %s |' "$(cell "$v" "$unit")"
        [ "$tool" = secretaria ] && ours=$v
        [ "$tool" = zola ] && zola=$v
      done
      if has_tool zola && has_tool secretaria; then
        if [ -n "${ours:-}" ] && [ -n "${zola:-}" ]; then printf ' %s |' "$(ratio "$ours" "$zola")"; else printf ' — |'; fi
      fi
      ours='' zola=''
      echo
    done
    echo
  done
}

report() {
  local n tool disk s wall cpu rss html zs zw zc zr
  echo "# Build benchmark: secretaria, Zola and Hugo"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo)," \
       "load $LOAD_START before / $(cut -d' ' -f1 /proc/loadavg) after (a busy machine inflates every figure; the ratios suffer less, runs are interleaved)."
  echo
  echo "RUNS=$RUNS (per size as stated) after $WARMUP warm-up; output deleted inside the timed command; medians of wall and CPU (user+sys), max of peak RSS."
  echo
  summary
  echo "All figures:"
  echo
  echo "| disk | tool | pages | wall | CPU | peak RSS | html | wall ×zola | CPU ×zola | RSS ×zola |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
  for disk in $DISKS; do
    for n in "${SIZES[@]}"; do
      zs=$(stats "$disk" zola "$n")
      for tool in $TOOLS; do
        s=$(stats "$disk" "$tool" "$n")
        html=$(count_html "$(disk_dir "$disk")/out-$tool-$n")
        if [ -z "$s" ]; then
          echo "| $disk | $(tool_label "$tool" 2>/dev/null || echo "$tool") | $n | failed | | | $html | | | |"
          continue
        fi
        read -r wall cpu rss _ <<<"$s"
        if [ "$tool" = zola ] || [ -z "$zs" ]; then
          echo "| $disk | $(tool_label "$tool") | $n | $wall s | $cpu s | $rss MiB | $html | | | |"
        else
          read -r zw zc zr _ <<<"$zs"
          echo "| $disk | $(tool_label "$tool") | $n | $wall s | $cpu s | $rss MiB | $html | $(ratio "$wall" "$zw") | $(ratio "$cpu" "$zc") | $(ratio "$rss" "$zr") |"
        fi
      done
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
[ "$WRITE_README" = 0 ] || write_readme

