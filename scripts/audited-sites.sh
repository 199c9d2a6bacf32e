# shellcheck shell=bash
# The repository's own sites, as paths from its root: the example site (the root itself, ".")
# and the fixture sites. scripts/test.sh builds each of them for the browser audit, and
# scripts/build-pgo.sh trains the profile-guided build on them; both source this file, so a
# fixture added here is audited and trained on alike.
AUDITED_SITES=(
  .
  tests/fixtures/perdizes
  tests/fixtures/dourados
  tests/fixtures/nova-cruz
  tests/fixtures/alvares-florence
  tests/fixtures/apoio-social
  tests/fixtures/serra-azul
  tests/fixtures/normas
  tests/fixtures/busca
  tests/fixtures/lagoa-serena
)
