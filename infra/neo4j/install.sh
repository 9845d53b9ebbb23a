#!/usr/bin/env bash
# Fetches the Neo4j Community server jars for one version into the infra cache.
# Usage: infra/neo4j/install.sh <version>      (e.g. 5.26.12 or 2025.12.1)
# Needs: mvn and a JDK (17 for 5.x, 21+ for 2025.x to run it later).
set -euo pipefail

version="${1:?usage: $0 <neo4j version, e.g. 5.26.12>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${CGC_INFRA_CACHE:-$HOME/.cache/cgc-infra}"
dest="$cache/neo4j-$version"

if [[ -f "$dest/lib/.complete" ]]; then
  echo "neo4j $version already installed in $dest"
  exit 0
fi
command -v mvn >/dev/null || { echo "error: mvn (Apache Maven) is not on PATH" >&2; exit 1; }

rm -rf "$dest/lib"
mkdir -p "$dest/lib"
echo "fetching neo4j $version jars into $dest/lib ..."
mvn -q -B -Dstyle.color=never -f "$here/pom.xml" -Dneo4j.version="$version" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dest/lib"

count="$(find "$dest/lib" -name '*.jar' | wc -l)"
if [[ "$count" -lt 50 ]]; then
  echo "error: only $count jars fetched for neo4j $version; is the version right?" >&2
  exit 1
fi
touch "$dest/lib/.complete"
echo "neo4j $version: $count jars in $dest/lib"
