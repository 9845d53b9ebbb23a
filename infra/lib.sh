# Shared helpers of the infra scripts (sourced, not run).
# Every server gets its own folder and pid file under the run folder, so that
# several versions and ports can run side by side and stop.sh finds them all.

CGC_INFRA_CACHE="${CGC_INFRA_CACHE:-$HOME/.cache/cgc-infra}"
CGC_INFRA_RUN="${CGC_INFRA_RUN:-$CGC_INFRA_CACHE/run}"
CGC_INFRA_TIMEOUT="${CGC_INFRA_TIMEOUT:-120}"

die() {
  echo "error: $*" >&2
  exit 1
}

check_port() {
  [[ "$1" =~ ^[0-9]+$ ]] && (("$1" > 0 && "$1" < 65536)) || die "invalid port '$1'"
}

# True when something accepts TCP connections on 127.0.0.1:<port>.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when <pid> is a live process (a killed one not yet reaped is a zombie, not live).
is_running() {
  kill -0 "$1" 2>/dev/null || return 1
  local stat
  stat="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  [[ -n "$stat" && "$stat" != Z* ]]
}

# Refuses to start a second server over a live one (its pid file names a running process).
refuse_if_running() {
  local pidfile="$1"
  if [[ -f "$pidfile" ]] && is_running "$(cat "$pidfile")"; then
    die "a server is already running with pid $(cat "$pidfile") ($pidfile); run infra/stop.sh first"
  fi
}

# Waits until <port> accepts connections and, if given, <logfile> contains <pattern>.
# Fails with the tail of <logfile> and <console> when the process dies or the timeout passes.
wait_ready() {
  local name="$1" pid="$2" port="$3" logfile="$4" pattern="${5:-}" console="${6:-}"
  local deadline=$((SECONDS + CGC_INFRA_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! is_running "$pid"; then
      echo "error: $name exited during startup; last lines of its logs:" >&2
      show_logs "$logfile" "$console"
      exit 1
    fi
    if port_open "$port" && { [[ -z "$pattern" ]] || grep -q -- "$pattern" "$logfile" 2>/dev/null; }; then
      return 0
    fi
    sleep 0.2
  done
  echo "error: $name did not become ready on 127.0.0.1:$port within ${CGC_INFRA_TIMEOUT}s" \
    "(raise CGC_INFRA_TIMEOUT); last lines of its logs:" >&2
  show_logs "$logfile" "$console"
  kill "$pid" 2>/dev/null || true
  exit 1
}

show_logs() {
  local f
  for f in "$@"; do
    [[ -n "$f" && -s "$f" ]] || continue
    echo "--- $f" >&2
    tail -n 40 "$f" >&2 || true
  done
}

# Prints the path of a java binary whose major version is at least <min>, preferring the
# lowest such version (Neo4j 5 is certified on 17/21, 2025.x needs 21+).
find_java() {
  local min="$1" best="" best_major=999 cand major
  local -a cands=()
  [[ -n "${CGC_JAVA_HOME:-}" ]] && cands+=("$CGC_JAVA_HOME/bin/java")
  [[ -n "${JAVA_HOME:-}" ]] && cands+=("$JAVA_HOME/bin/java")
  cands+=(/usr/lib/jvm/*/bin/java /opt/*/bin/java /opt/*/*/bin/java)
  command -v java >/dev/null && cands+=("$(command -v java)")
  for cand in "${cands[@]}"; do
    [[ -x "$cand" ]] || continue
    major="$("$cand" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)"
    [[ -n "$major" ]] || continue
    if ((major >= min && major < best_major)); then
      best="$cand"
      best_major="$major"
    fi
  done
  [[ -n "$best" ]] || return 1
  echo "$best"
}
