#!/usr/bin/env bash
# Starts FalkorDB (redis-server with the falkordb module) from install.sh's virtualenv,
# in the background, without persistence.
# Usage: infra/falkordb/start.sh <port> [password]
# Listens on 127.0.0.1:<port> only; files live in $CGC_INFRA_RUN/falkordb-<port>/.
set -euo pipefail

port="${1:?usage: $0 <port> [password]}"
password="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
check_port "$port"

paths="$CGC_INFRA_CACHE/falkordb-venv/paths"
[[ -f "$CGC_INFRA_CACHE/falkordb-venv/.complete" ]] ||
  die "falkordb is not installed in $CGC_INFRA_CACHE/falkordb-venv; run infra/falkordb/install.sh"
redis="$(sed -n 1p "$paths")"
module="$(sed -n 2p "$paths")"

name="falkordb-$port"
home="$CGC_INFRA_RUN/$name"
pidfile="$CGC_INFRA_RUN/$name.pid"
mkdir -p "$CGC_INFRA_RUN"
refuse_if_running "$pidfile"
port_open "$port" && die "port $port on 127.0.0.1 is already in use"
rm -rf "$home"
mkdir -p "$home"

args=(--port "$port" --bind 127.0.0.1 --dir "$home" --save '' --appendonly no
  --daemonize no --logfile "$home/redis.log" --loadmodule "$module")
[[ -n "$password" ]] && args+=(--requirepass "$password")

nohup "$redis" "${args[@]}" >"$home/console.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pidfile"
start=$SECONDS
wait_ready "falkordb" "$pid" "$port" "$home/redis.log" "Ready to accept connections" "$home/console.log"
echo "falkordb ready on redis://127.0.0.1:$port (pid $pid, $((SECONDS - start))s, home $home)"
