#!/usr/bin/env bash
# Login p99 of a new client while N idle sessions are held, for the growth plot of
# docs/performance.md: ours on Java 17 and on Java 25 (the launcher), and Dovecot (as run.sh starts
# it), each one server held over N = HELD in turn. Prints the RESULT lines and writes
# docs/perf-data/login-p99-vs-idle.csv (series,x,y; x idle sessions held, y login p99 in ms).
#
#   pop3-bench/login-vs-idle.sh        # after run.sh prepare, with enough idle-NNNNN users
#
# Knobs: BENCH_WORK (/var/tmp/mdpop3j-bench), HELD ("0 10000 100000"), DOVECOT_HELD ("0 10000"),
# SERIES ("mdpop3j-17 mdpop3j-25 dovecot"), PORT_BASE (11130), PROBE_SECONDS (5), CSV, PLOT (the PNG).
# One process holds at most `ulimit -Hn` sockets: N above it is skipped, and said so.
set -euo pipefail

HERE="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${BENCH_WORK:-/var/tmp/mdpop3j-bench}"
FIX="$WORK/fixtures"
PASSWD="$FIX/passwd"
HELD="${HELD:-0 10000 100000}"
DOVECOT_HELD="${DOVECOT_HELD:-0 10000}"
SERIES="${SERIES:-mdpop3j-17 mdpop3j-25 dovecot}"
PORT_BASE="${PORT_BASE:-11130}"
PROBE_SECONDS="${PROBE_SECONDS:-5}"
CSV="${CSV:-$HERE/docs/perf-data/login-p99-vs-idle.csv}"
JAR="$HERE/pop3-bench/target/benchmarks.jar"
export MDPOP3D_JAR="$HERE/pop3-examples/target/mdpop3d.jar"
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
SERVER_PID=""

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
load() { timeout 1800 java -Xmx4g -cp "$JAR" io.mdpop3j.bench.load.LoadGenerator "$@"; }

# Dovecot's configuration and the greeting wait are run.sh's own (one place for them).
# shellcheck source=pop3-bench/bench-servers.sh
source "$(dirname "$0")/bench-servers.sh"

start() { # series port
  mkdir -p "$WORK/run"
  case $1 in
    mdpop3j-17 | mdpop3j-25)
      local java=java
      [[ $1 == mdpop3j-25 ]] && java=$JAVA25
      # As run.sh: no glibc stack cache, so the figure counts the stacks these sessions touch.
      GLIBC_TUNABLES=glibc.pthread.stack_cache_size=0 JAVA=$java MDPOP3D_CDS="$WORK/run/lvi-$1.cds" \
        "$HERE/pop3-examples/bin/mdpop3d" --listen "127.0.0.1:$2" --auth "passwd-file:$PASSWD" \
        --log stderr >"$WORK/run/lvi-$1.out" 2>&1 &
      ;;
    dovecot) dovecot -F -c "$(dovecot_conf lvi-dovecot "$2" plain)" >"$WORK/run/lvi-dovecot.out" 2>&1 & ;;
  esac
  SERVER_PID=$!
  wait_greeting "$2"
}

stop() {
  [[ -n $SERVER_PID ]] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

main() {
  ulimit -n 262144 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  local limit results port=$PORT_BASE s n
  limit=$(($(ulimit -n) - 200)) # the server's own files, the client's jars
  results="$WORK/login-vs-idle-$(date -u +%Y%m%d-%H%M%S).txt"
  echo "# load at start: $(cut -d' ' -f1-3 /proc/loadavg); open files per process: $(ulimit -n)" >"$results"
  trap stop EXIT
  for s in $SERIES; do
    port=$((port + 1))
    start "$s" "$port"
    # Warm: the compilers of a JVM, Dovecot's auth cache, have seen logins before the first figure.
    load --scenario login --server "$s" --port "$port" --seconds 2 --clients 4 >/dev/null || true
    local held=$HELD gc=()
    [[ $s == dovecot ]] && held=$DOVECOT_HELD
    [[ $s == mdpop3j* ]] && gc=(--gc-cmd "jcmd $SERVER_PID GC.run" --settle-threads 40)
    for n in $held; do
      if ((n > limit)); then
        log "$s: $n sessions skipped: one process may open $(ulimit -n) files here"
        echo "# $s idle-$n skipped: open files per process limited to $(ulimit -n)" >>"$results"
        continue
      fi
      log "$s: login while $n idle sessions are held (load $(cut -d' ' -f1 /proc/loadavg))"
      load --scenario idle --server "$s" --port "$port" --server-pid "$SERVER_PID" --sessions "$n" \
        --settle-ms 3000 --probe-seconds "$PROBE_SECONDS" --max-seconds 600 "${gc[@]}" |
        tee -a "$results" || true
    done
    stop
  done
  echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results"
  mkdir -p "$(dirname "$CSV")"
  {
    echo "series,x,y"
    sed -n 's/^RESULT scenario=idle-\([0-9]*\) server=\([^ ]*\) status=ok.* login_p99_ms=\([0-9.]*\).*/\2,\1,\3/p' \
      "$results"
  } >"$CSV"
  log "results: $results; CSV: $CSV"
  cat "$CSV"
  # The plot of docs/performance.md, beside the CSV's folder (docs/img for the default CSV).
  java -cp "$JAR" io.mdpop3j.bench.report.PlotCsv --title "Login p99 of a new client while idle sessions are held" \
    --x-label "idle sessions held" --y-label "login p99, ms" --log-y \
    "$CSV" "${PLOT:-$(dirname "$(dirname "$CSV")")/img/login-p99-vs-idle.png}"
}

main
