#!/usr/bin/env bash
# scripts/bench-memory.sh — peak memory of `secretaria build` for one very large page.
#
# WHAT IT MEASURES
#   Three one-page sites whose page body is SIZE_MB (50) of Markdown, each built once with
#   `target/release/secretaria --root SITE build --output OUT` under GNU time (`-v`):
#     prosa   the bodies of ../shared/bench/gen_site.py pages, one after the other (paragraphs,
#             headings, links, lists: what an editor writes)
#     lista   short list items with a link and bold text, a heading every 50 items (the most
#             Markdown events per byte)
#     tabela  table rows, a new table every 1,000 rows (the most HTML per byte of Markdown)
#   and prints the peak resident memory (RSS) and its ratio to the page's size. The goal is a
#   ratio under 5.
#
# USAGE
#   scripts/bench-memory.sh                  all three shapes, SIZE_MB=50
#   SIZE_MB=10 scripts/bench-memory.sh lista
#   BIN=/path/to/secretaria scripts/bench-memory.sh    another binary (e.g. an older build)
#   Sites are generated in BENCH_OUT (bench-out/memory) and reused while SIZE_MB is unchanged.
#   GEN_SITE: path to gen_site.py (default: ../shared/bench/ beside the repository).
#
# Requires python3 and GNU time (the Debian `time` package; installed with apt-get if missing).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out/memory}
SIZE_MB=${SIZE_MB:-50}
BIN_GIVEN=${BIN:+1}
BIN=${BIN:-$ROOT/target/release/secretaria}
if [ -z "${GEN_SITE:-}" ]; then   # ../shared next to the repository (or to its worktree folder)
  for candidate in "$ROOT/../shared/bench/gen_site.py" "$ROOT/../../shared/bench/gen_site.py"; do
    [ -f "$candidate" ] && GEN_SITE=$candidate && break
  done
fi
GEN_SITE=${GEN_SITE:-$ROOT/../shared/bench/gen_site.py}
SHAPES=("$@")
[ ${#SHAPES[@]} -gt 0 ] || SHAPES=(prosa lista tabela)

if ! /usr/bin/time --version 2>&1 | grep -q GNU; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq time >/dev/null
fi
if [ -z "$BIN_GIVEN" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi
mkdir -p "$BENCH_OUT"

# generate <shape> <dir>: a one-page site whose body is SIZE_MB of Markdown.
generate() {
  local shape=$1 dir=$2
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$shape $SIZE_MB" ]; then return; fi
  rm -rf "$dir" && mkdir -p "$dir/content"
  printf 'titulo: Secretaria de Teste\nmunicipio: Exemplo\nuf: MG\n' >"$dir/site.yaml"
  if [ "$shape" = prosa ]; then
    [ -f "$GEN_SITE" ] || { echo "bench-memory: gen_site.py not found (GEN_SITE=$GEN_SITE)" >&2; exit 1; }
    python3 "$GEN_SITE" --pages $((SIZE_MB * 170)) --format plain --out "$dir/gen" --seed 42 --force >/dev/null 2>&1
  fi
  python3 - "$shape" "$dir" "$SIZE_MB" <<'EOF'
import glob, random, sys
shape, folder, size = sys.argv[1], sys.argv[2], int(sys.argv[3]) * 1024 * 1024
random.seed(1)
words = "assistência social família proteção básica serviço unidade atendimento cadastro benefício".split()
def w(n): return " ".join(random.choice(words) for _ in range(n))
out = open(f"{folder}/content/grande.md", "w")
out.write("---\ntitulo: Página grande\n---\n")
n, i = 0, 0
files = sorted(glob.glob(f"{folder}/gen/content/*/*.md")) if shape == "prosa" else []
while n < size:
    if shape == "prosa":
        if i >= len(files): break
        text = open(files[i]).read()
        s = (text.split("\n---\n", 1)[1] if text.startswith("---") else text) + "\n"
    elif shape == "lista":
        s = f"\n## Seção {i}\n\n" if i % 50 == 0 else f"- item {i}: {w(4)} [link](/pagina-{i}/) e **{w(1)}**\n"
    else:
        s = "\n| Unidade | Endereço | Telefone |\n|---|:-:|--:|\n" if i % 1000 == 0 else f"| CRAS {i} | {w(3)} | (34) 3663-{i % 10000:04d} |\n"
    out.write(s)
    n += len(s.encode())
    i += 1
EOF
  rm -rf "$dir/gen"
  echo "$shape $SIZE_MB" >"$dir/.stamp"
}

printf '%-8s %10s %12s %7s %8s\n' shape page peak_rss ratio wall
for shape in "${SHAPES[@]}"; do
  site=$BENCH_OUT/site-$shape
  generate "$shape" "$site"
  page=$(stat -c %s "$site/content/grande.md")
  rm -rf "$BENCH_OUT/out-$shape"
  /usr/bin/time -v -o "$BENCH_OUT/time-$shape.txt" "$BIN" --root "$site" build --output "$BENCH_OUT/out-$shape" \
    >"$BENCH_OUT/build-$shape.log" 2>&1 || { echo "bench-memory: the build of $shape failed:" >&2; tail "$BENCH_OUT/build-$shape.log" >&2; exit 1; }
  rss=$(awk '/Maximum resident set size/ { print $6 }' "$BENCH_OUT/time-$shape.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$BENCH_OUT/time-$shape.txt")
  awk -v s="$shape" -v p="$page" -v r="$rss" -v w="$wall" \
    'BEGIN { printf "%-8s %7.1f MB %9.1f MB %6.1fx %8s\n", s, p / 1048576, r / 1024, r * 1024 / p, w }'
done
