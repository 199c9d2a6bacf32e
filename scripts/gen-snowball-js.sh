#!/usr/bin/env bash
# Regenerates themes/default/static/js/snowball-pt.js, the Snowball Portuguese stemmer the
# search page runs in the browser (the index is built with the same algorithm by the Rust crate
# rust-stemmers; tests/a11y/search.test.mjs checks both agree on tests/fixtures/stems-pt.tsv).
# Not part of the build: run by hand when updating Snowball. Needs a C compiler, git, node/npx.
#   scripts/gen-snowball-js.sh /path/to/snowball-checkout    (github.com/snowballstem/snowball)
set -euo pipefail
src=${1:?usage: scripts/gen-snowball-js.sh SNOWBALL_CHECKOUT}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make -C "$src" snowball >/dev/null
"$src/snowball" "$src/algorithms/portuguese.sbl" -js -o "$tmp/portuguese-stemmer"
version=$(head -1 "$tmp/portuguese-stemmer.js" | sed -e 's/.*by //' -e 's/ - .*//')
# One classic script (no modules, for old browsers): the base class, the stemmer, a global.
{ echo '(function () {'
  sed -e 's/^export default class BaseStemmer/class BaseStemmer/' "$src/javascript/base-stemmer.js"
  sed -e '/^import B from/d' -e 's/^export default class extends B/class PortugueseStemmer extends BaseStemmer/' "$tmp/portuguese-stemmer.js"
  echo 'window.SecretariaStemmer = PortugueseStemmer;'
  echo '}());'; } >"$tmp/bundle.js"
npx --yes terser@5 "$tmp/bundle.js" -c -m --ecma 2015 -o "$tmp/min.js"
{ echo "/* Snowball Portuguese stemmer, generated from portuguese.sbl by $version (snowballstem.org)"
  echo "   with scripts/gen-snowball-js.sh. Copyright (c) 2001 Dr Martin Porter, (c) 2004,2005 Richard"
  echo "   Boulton, (c) 2013 Yoshiki Shibukawa, (c) 2006-2025 Olly Betts. BSD 3-clause licence:"
  echo "   redistribution with or without modification permitted provided this notice is retained;"
  echo "   provided \"as is\" without warranty (full text: themes/default/LICENSE-snowball.txt).
   Sets window.SecretariaStemmer. */"
  cat "$tmp/min.js"; echo; } >"$root/themes/default/static/js/snowball-pt.js"
