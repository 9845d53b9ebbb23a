#!/usr/bin/env bash
# Stops servers started by the infra scripts, by their pid files.
# Usage: infra/stop.sh                 stops every server under $CGC_INFRA_RUN
#        infra/stop.sh neo4j-7687 ...  stops the named ones (<kind>-<port>)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

declare -a pidfiles=()
if (($# == 0)); then
  shopt -s nullglob
  pidfiles=("$CGC_INFRA_RUN"/*.pid)
else
  for name in "$@"; do pidfiles+=("$CGC_INFRA_RUN/$name.pid"); done
fi

for pidfile in "${pidfiles[@]}"; do
  name="$(basename "$pidfile" .pid)"
  if [[ ! -f "$pidfile" ]]; then
    echo "$name: no pid file, nothing to stop"
    continue
  fi
  pid="$(cat "$pidfile")"
  if ! is_running "$pid"; then
    echo "$name: pid $pid is not running"
    rm -f "$pidfile"
    continue
  fi
  # A stale pid file may name a pid reused by an unrelated process: check it is ours.
  args="$(ps -o args= -p "$pid" 2>/dev/null || true)"
  case "$name" in
    neo4j-*) expect="$CGC_INFRA_RUN/$name" ;;
    falkordb-*) expect="127.0.0.1:${name#falkordb-}" ;;
    *) expect="$name" ;;
  esac
  if [[ "$args" != *"$expect"* ]]; then
    echo "$name: pid $pid is not a server of ours ($args); leaving it"
    rm -f "$pidfile"
    continue
  fi
  kill -TERM "$pid"
  # Neo4j checkpoints on shutdown; give it time before forcing.
  for _ in $(seq 1 150); do
    is_running "$pid" || break
    sleep 0.2
  done
  if is_running "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "$name: pid $pid killed after 30s"
  else
    echo "$name: stopped (pid $pid)"
  fi
  rm -f "$pidfile"
done
