#!/usr/bin/env bash
# Installs what the browser accessibility tests (tests/a11y) need, only when missing:
#   - Debian's chromium (/usr/bin/chromium), a Java runtime and Node.js with npm, via apt-get;
#   - the npm packages pinned in tests/a11y/package-lock.json, via `npm ci`.
# Idempotent and silent when everything is already present.
# --ignore-scripts: vnu-jar's postinstall tries to download a Java runtime; we run
# its jar with the machine's own `java` instead.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
a11y="$root/tests/a11y"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    echo "install-test-deps: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "install-test-deps: installing Debian chromium…" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if ! command -v java >/dev/null 2>&1; then
  echo "install-test-deps: installing a Java runtime for the Nu Html Checker…" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-test-deps: installing Node.js and npm for the browser tests…" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

if [ ! -d "$a11y/node_modules" ] || [ "$a11y/package-lock.json" -nt "$a11y/node_modules" ]; then
  echo "install-test-deps: npm ci in tests/a11y…" >&2
  (cd "$a11y" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  touch "$a11y/node_modules"
fi
