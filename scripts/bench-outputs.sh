#!/usr/bin/env bash
# scripts/bench-outputs.sh — what each machine-readable output costs in build time (issue 10 §4, §5).
#
# WHAT IT MEASURES
#   Full builds of one synthetic site (../shared/bench/gen_site.py, N ordinary pages, plus the
#   typed content of tests/fixtures/perdizes — secretariat, unit, structure, a normative text —
#   and NOTICES generated notices, so that the feed, the agenda and every open-data file have
#   something to write), with every output on, with each output off in turn, and with all of
#   them off. An output is switched off with SECRETARIA_BENCH_OFF (a variable that exists only
#   for this measurement: sitemap, feed, calendar, data, checksums, dates, all). The cost of an
#   output is the median wall time with everything on minus the median with that one off.
#   Runs are paired: each round builds every configuration once, in the same order, so that
#   drift of the machine (other people's builds on the 2 shared cores) hits all alike.
#   The output goes to OUT_ROOT (default /dev/shm/bench-outputs, RAM): on this machine's disk
#   creating 10,000 folders costs 5–9 s of noise, more than what is measured here.
#   Then, on the same site, examples/outputs_cost.rs measures each output's work inside one
#   process, on one thread, the fastest of 5 runs: on a shared machine this is the steadier
#   figure (the end-to-end medians carry the neighbours' load).
#   With GIT=1 the site is first committed to a git repository (one commit), so that "dates"
#   includes the `git log` and `git diff` of a real repository.
#
# USAGE
#   scripts/bench-outputs.sh                 N=10000, RUNS=3
#   N=1000 RUNS=5 scripts/bench-outputs.sh
#   GIT=1 scripts/bench-outputs.sh
#   Environment: N (10000), NOTICES (200), RUNS (3), SEED (42), BENCH_OUT (bench-out/),
#   OUT_ROOT (/dev/shm/bench-outputs), GEN_SITE (../shared/bench/gen_site.py), GIT (0).
#   Prints two tables and writes them to BENCH_OUT/outputs-N.md (outputs-N-git.md with GIT=1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-10000}
NOTICES=${NOTICES:-200}
RUNS=${RUNS:-3}
SEED=${SEED:-42}
GIT=${GIT:-0}
BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
OUT_ROOT=${OUT_ROOT:-/dev/shm/bench-outputs}
GEN_SITE=${GEN_SITE:-$ROOT/../shared/bench/gen_site.py}
[ -f "$GEN_SITE" ] || GEN_SITE=/work/shared/bench/gen_site.py
CONFIGS=(none sitemap feed calendar data checksums dates all)

log() { printf '==> %s\n' "$*" >&2; }
mkdir -p "$BENCH_OUT" "$OUT_ROOT"
/usr/bin/time --version 2>&1 | grep -q GNU || { echo "bench-outputs.sh: needs GNU time (apt-get install time)" >&2; exit 1; }

log "cargo build --release"
(cd "$ROOT" && cargo build --release --quiet && cargo build --release --quiet --example outputs_cost)
BIN=$ROOT/target/release/secretaria

SITE=$BENCH_OUT/site-outputs-$N; [ "$GIT" = 1 ] && SITE=$SITE-git
PREP=2   # bump when the preparation below changes
STAMP="n=$N notices=$NOTICES seed=$SEED git=$GIT prep=$PREP gen=$(sha256sum "$GEN_SITE" | cut -c1-16)"
if [ ! -f "$SITE/.bench-stamp" ] || [ "$(cat "$SITE/.bench-stamp")" != "$STAMP" ]; then
  log "generating $SITE"
  rm -rf "$SITE"
  python3 "$GEN_SITE" --pages "$N" --format plain --out "$SITE" --seed "$SEED" --force >/dev/null
  # As scripts/bench.sh does: `section:` is not a key of ours; sections named like our typed
  # folders hold ordinary pages here, so they are renamed.
  find "$SITE/content" -name '*.md' -exec sed -i '2,/^---$/{/^section: /d}' {} +
  for sec in avisos legislacao unidades estrutura programas perguntas-frequentes participacao-social acesso-a-informacao; do
    [ -d "$SITE/content/$sec" ] && mv "$SITE/content/$sec" "$SITE/content/$sec-paginas"
  done
  cp -r "$ROOT/tests/fixtures/perdizes/content/." "$SITE/content/"
  mkdir -p "$SITE/content/avisos"
  for i in $(seq 1 "$NOTICES"); do
    day=$(( (i % 28) + 1 )); month=$(( (i % 12) + 1 ))
    printf -- '---\ntitulo: Reunião ordinária %d do conselho\ntipo: reuniao\ninicio: %02d/%02d/2026 14:00\nfim: %02d/%02d/2026 16:00\nlocal: Sala dos Conselhos\ndescricao: Pauta da reunião %d.\n---\nPauta: aprovação da ata anterior, informes e deliberações.\n' \
      "$i" "$day" "$month" "$day" "$month" "$i" >"$SITE/content/avisos/reuniao-$i.md"
  done
  cat >"$SITE/site.yaml" <<'EOF'
titulo: Secretaria Municipal de Assistência Social
municipio: Perdizes
uf: MG
base_url: https://assistencia.example.gov.br/
EOF
  if [ "$GIT" = 1 ]; then
    log "committing the site to a git repository"
    git -C "$SITE" init -q
    git -C "$SITE" add -A
    git -C "$SITE" -c user.name=bench -c user.email=bench@example.org commit -q -m site
  fi
  echo "$STAMP" >"$SITE/.bench-stamp"
fi

REPORT=$BENCH_OUT/outputs-$N$( [ "$GIT" = 1 ] && echo -git || true).md
RAW=$BENCH_OUT/outputs-$N.tsv
printf 'config\trun\twall_s\tuser_s\tsys_s\n' >"$RAW"
for run in $(seq 1 "$RUNS"); do
  for config in "${CONFIGS[@]}"; do
    out=$OUT_ROOT/out-$config
    off=$config; [ "$config" = none ] && off=""
    sync
    if ! SECRETARIA_BENCH_OFF=$off SOURCE_DATE_EPOCH=1795000000 /usr/bin/time -f '%e %U %S' -o "$BENCH_OUT/.time" \
        sh -c 'rm -rf "$0" && exec "$@"' "$out" "$BIN" --root "$SITE" build --output "$out" >"$BENCH_OUT/outputs-$config.log" 2>&1; then
      cat "$BENCH_OUT/outputs-$config.log" >&2
      exit 1
    fi
    read -r wall user sys <"$BENCH_OUT/.time"
    printf '%s\t%s\t%s\t%s\t%s\n' "$config" "$run" "$wall" "$user" "$sys" >>"$RAW"
    log "run $run, off=${off:-nothing}: ${wall}s"
  done
done

pages=$(find "$OUT_ROOT/out-none" -name '*.html' | wc -l)
python3 - "$RAW" "$N" "$pages" "$NOTICES" "$GIT" <<'EOF' | tee "$REPORT"
import csv, statistics, sys
raw, n, pages, notices, git = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
def med(config, key):
    return statistics.median(float(r[key]) for r in rows if r["config"] == config)
base, base_cpu = med("none", "wall_s"), med("none", "user_s") + med("none", "sys_s")
names = {"sitemap": "sitemap.xml", "feed": "avisos/atom.xml", "calendar": "avisos/agenda.ics",
         "data": "dados/ (JSON, CSV, esquemas, página)", "checksums": "SHA256SUMS (+ integridade/)",
         "dates": "datas de atualização (git/mtime)", "all": "todas as saídas acima"}
runs = len([r for r in rows if r["config"] == "none"])
print(f"{n} páginas comuns + conteúdo de perdizes + {notices} avisos ({pages} arquivos HTML), "
      f"saída em RAM, medianas de {runs} execuções pareadas{', site num repositório git' if git == '1' else ''}.\n")
print(f"Tudo ligado: {base:.2f} s (CPU {base_cpu:.2f} s).\n")
print("| saída | desligada | custo (tempo) | custo (CPU) |")
print("|---|--:|--:|--:|")
for config in ["sitemap", "feed", "calendar", "data", "checksums", "dates", "all"]:
    wall, cpu = med(config, "wall_s"), med(config, "user_s") + med(config, "sys_s")
    print(f"| {names[config]} | {wall:.2f} s | {base - wall:+.2f} s ({(base - wall) / base * 100:+.0f}%) | {base_cpu - cpu:+.2f} s |")
EOF
log "examples/outputs_cost (one thread, fastest of 5)"
{ echo; "$ROOT/target/release/examples/outputs_cost" "$SITE" 5; } | tee -a "$REPORT"
