#!/usr/bin/env bash
# Fetches the Neo4j Community server jars of one version into the infra cache.
# Usage: infra/neo4j/install.sh <version>      (e.g. 5.26.12 or 2025.12.1)
# Needs mvn; running the server later needs JDK 17+ (5.x) or 21+ (2025.x).
# Idempotent: a complete install is left as it is.
set -euo pipefail

version="${1:?usage: $0 <neo4j version, e.g. 5.26.12>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
dest="$CGC_INFRA_CACHE/neo4j-$version"

if [[ -f "$dest/lib/.complete" && -s "$dest/main-class" ]]; then
  echo "neo4j $version already installed in $dest"
  exit 0
fi
command -v mvn >/dev/null || die "mvn (Apache Maven) is not on PATH"

rm -rf "$dest"
mkdir -p "$dest/lib"
echo "fetching neo4j $version jars into $dest/lib ..."
if ! mvn -q -B -Dstyle.color=never -f "$here/pom.xml" -Dneo4j.version="$version" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dest/lib" >"$dest/mvn.log" 2>&1; then
  tail -n 30 "$dest/mvn.log" >&2
  die "maven could not fetch org.neo4j:neo4j:$version (is the version right?)"
fi

count="$(find "$dest/lib" -name '*.jar' | wc -l)"
((count >= 50)) || die "only $count jars fetched for neo4j $version"

# The server's main class changed between 5.x and 2025.x; the jars name it.
main_class=""
command -v unzip >/dev/null || case "$version" in
  4.* | 5.*) main_class=org.neo4j.server.CommunityEntryPoint ;;
  *) main_class=org.neo4j.server.Neo4jCommunity ;;
esac
for jar in "$dest"/lib/neo4j-*.jar; do
  [[ -z "$main_class" ]] || break
  main_class="$(unzip -p "$jar" META-INF/services/org.neo4j.server.startup.EntryPoint 2>/dev/null | grep -v '^#' | head -n 1 || true)"
  [[ -n "$main_class" ]] && break
done
[[ -n "$main_class" ]] || die "no server entry point found in the neo4j $version jars"
echo "$main_class" >"$dest/main-class"
touch "$dest/lib/.complete"
echo "neo4j $version: $count jars, main class $main_class, in $dest"
