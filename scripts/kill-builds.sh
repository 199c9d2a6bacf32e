#!/usr/bin/env bash
# scripts/kill-builds.sh — what killed builds leave behind (issue 8, item 6).
#
# Runs `secretaria build` N times (default 30) on SITE, killing each with SIGKILL after a random
# 0.30–1.29 s, then counts the staging folders (.public.tmp-*, .public.old-*) beside the output
# and their size; then runs one normal build and counts again. Use a site whose build takes
# longer than a second, so that the kills land in the middle of the build.
#
# USAGE   scripts/kill-builds.sh BIN SITE [N]
#   e.g.  scripts/kill-builds.sh target/release/secretaria /tmp/site-3000 30
set -euo pipefail
BIN=$1
SITE=$2
N=${3:-30}
count() {
  local n kib
  n=$(find "$SITE" -maxdepth 1 \( -name '.public.tmp-*' -o -name '.public.old-*' \) | wc -l)
  kib=$(find "$SITE" -maxdepth 1 \( -name '.public.tmp-*' -o -name '.public.old-*' \) -exec du -sk {} + | awk '{s+=$1} END {print s+0}')
  echo "$1: $n staging folders, $kib KiB"
}
for _ in $(seq 1 "$N"); do
  "$BIN" --root "$SITE" build >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 10 + 3))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
count "after $N killed builds"
"$BIN" --root "$SITE" build >/dev/null 2>&1 && echo "next build: exit 0" || echo "next build: exit $?"
count "after one more build"
