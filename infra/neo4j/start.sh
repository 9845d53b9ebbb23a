#!/usr/bin/env bash
# Starts a Neo4j Community server from the jars fetched by install.sh, in the background.
# Usage: infra/neo4j/start.sh <version> <port> <password>
# Bolt listens on 127.0.0.1:<port> only; HTTP is off. Data lives in
# $CGC_INFRA_RUN/neo4j-<port>/ and is wiped at each start unless CGC_INFRA_KEEP_DATA=1.
# Tunables: CGC_NEO4J_HEAP (default 768m), CGC_NEO4J_PAGECACHE (default 256m),
# CGC_INFRA_TIMEOUT (readiness wait in seconds, default 120), CGC_JAVA_HOME.
set -euo pipefail

version="${1:?usage: $0 <version> <port> <password>}"
port="${2:?usage: $0 <version> <port> <password>}"
password="${3:?usage: $0 <version> <port> <password>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
check_port "$port"
((${#password} >= 8)) || die "the password must have at least 8 characters (Neo4j's minimum)"

lib="$CGC_INFRA_CACHE/neo4j-$version/lib"
[[ -f "$lib/.complete" ]] || die "neo4j $version is not installed in $lib; run infra/neo4j/install.sh $version"
main_class="$(cat "$CGC_INFRA_CACHE/neo4j-$version/main-class")"

case "$version" in
  4.* | 5.*) min_java=17 ;;
  *) min_java=21 ;;
esac
java="$(find_java "$min_java")" ||
  die "neo4j $version needs a JDK $min_java or newer; none found (set CGC_JAVA_HOME)"

name="neo4j-$port"
home="$CGC_INFRA_RUN/$name"
pidfile="$CGC_INFRA_RUN/$name.pid"
mkdir -p "$CGC_INFRA_RUN"
refuse_if_running "$pidfile"
port_open "$port" && die "port $port on 127.0.0.1 is already in use"

if [[ "${CGC_INFRA_KEEP_DATA:-0}" != 1 ]]; then rm -rf "$home"; fi
mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/plugins" "$home/import" "$home/run"
cat >"$home/conf/neo4j.conf" <<CONF
server.directories.data=$home/data
server.directories.logs=$home/logs
server.directories.plugins=$home/plugins
server.directories.import=$home/import
server.directories.run=$home/run
server.default_listen_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$port
server.bolt.advertised_address=127.0.0.1:$port
server.http.enabled=false
server.https.enabled=false
server.memory.pagecache.size=${CGC_NEO4J_PAGECACHE:-256m}
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
db.tx_log.rotation.retention_policy=1 files
CONF

jvm=(
  "-Xms${CGC_NEO4J_HEAP:-768m}" "-Xmx${CGC_NEO4J_HEAP:-768m}"
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC
  -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
)
export NEO4J_HOME="$home" NEO4J_CONF="$home/conf"

# Setting the password before the first start avoids the forced change on first login.
if [[ ! -e "$home/data/dbms/auth.ini" ]]; then
  "$java" "${jvm[@]}" -cp "$lib/*" org.neo4j.cli.AdminTool dbms set-initial-password "$password" \
    >"$home/logs/admin.log" 2>&1 || {
    cat "$home/logs/admin.log" >&2
    die "could not set the initial password"
  }
fi

log="$home/logs/console.log"
: >"$home/logs/neo4j.log"
nohup "$java" "${jvm[@]}" -cp "$lib/*" "$main_class" --home-dir="$home" --config-dir="$home/conf" \
  >"$log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pidfile"
start=$SECONDS
wait_ready "neo4j $version" "$pid" "$port" "$home/logs/neo4j.log" "Started." "$log"
echo "neo4j $version ready on bolt://127.0.0.1:$port (pid $pid, $((SECONDS - start))s, home $home)"
