#!/usr/bin/env bash
# The comparison of docs/performance.md: Dovecot (plain and tuned), GreenMail, the raw limit server
# and mdpop3j on the same generated Maildirs and users, every scenario interleaved over ROUNDS
# rounds, then one markdown table with medians and same-run ratios.
#
#   pop3-bench/run.sh prepare   # install Dovecot, fetch GreenMail, build pop3-bench, generate fixtures
#   pop3-bench/run.sh measure   # start the servers, run the rounds, write the table
#   pop3-bench/run.sh all       # both (the default)
#   pop3-bench/run.sh jmh       # the JMH benchmarks (pop3-bench/target/benchmarks.jar)
#
# Everything listens on 127.0.0.1 only; every client run is bounded by `timeout`. Sourced (as
# growth.sh does), it only defines its settings and functions.
# Knobs (environment): BENCH_WORK (/var/tmp/mdpop3j-bench), ROUNDS (3), SECONDS_PER_RUN (5),
# BIGBOX (100000), DRAIN (10000), IDLE_ROUNDS ("2000"), IDLE_ONCE ("10000"), SCENARIOS, SERVERS,
# GREENMAIL_VERSION (2.1.3), OURS (launcher: bin/mdpop3d --listen, the default; or bench-daemon),
# MDPOP3D_JAVA_OPTS (extra JVM flags for the launcher), OURS_JVM (JVM flags of bench-daemon),
# MAILDIR_CP (extra class path for the maildir provider, bench-daemon only).
set -euo pipefail

HERE="$(cd "$(dirname "$0")/.." && pwd)" # the project root
WORK="${BENCH_WORK:-/var/tmp/mdpop3j-bench}"
FIX="$WORK/fixtures"
ROUNDS="${ROUNDS:-3}"
SECS="${SECONDS_PER_RUN:-5}"
BIGBOX="${BIGBOX:-100000}"
DRAIN="${DRAIN:-10000}"
IDLE_ROUNDS="${IDLE_ROUNDS:-2000}"
IDLE_ONCE="${IDLE_ONCE-10000}" # set but empty: no once-only idle run
GREENMAIL_VERSION="${GREENMAIL_VERSION:-2.1.3}"
SCENARIOS="${SCENARIOS:-login retr bigbox-w bigbox-p warm-open drain drain-pipelined idle}"
SERVERS="${SERVERS:-dovecot dovecot-tuned greenmail raw mdpop3j}"
OURS="${OURS:-launcher}"
OURS_JVM="${OURS_JVM:--XX:+UseSerialGC -Xms32m -Xmx1g}"
LAUNCHER="$HERE/pop3-examples/bin/mdpop3d"
export MDPOP3D_JAR="$HERE/pop3-examples/target/mdpop3d.jar"
MAILDIR_CP="${MAILDIR_CP:-}"
JAR="$HERE/pop3-bench/target/benchmarks.jar"
GM_JAR="$WORK/lib/greenmail-standalone-$GREENMAIL_VERSION.jar"
PASSWD="$FIX/passwd"
BENCH_UID=65534
BENCH_GID=65534

declare -A PORT=([dovecot]=11110 [dovecot-tuned]=11111 [greenmail]=11112 [raw]=11113 [mdpop3j]=11114
  [mdpop3j-25]=11115)
# mdpop3j-25 is our server on Java 25 (virtual threads, its own class-data archive), beside
# mdpop3j on the default java (17); add it to SERVERS to get both columns.
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
GM_SMTP=11125
declare -A PID=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

load() { timeout "${LOAD_TIMEOUT:-900}" java -Xmx4g -cp "$JAR" io.mdpop3j.bench.load.LoadGenerator "$@"; }

prepare() {
  if ! command -v dovecot >/dev/null; then
    log "installing dovecot-pop3d"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-pop3d
  fi
  mkdir -p "$WORK/lib"
  if [[ ! -f "$GM_JAR" ]]; then
    log "fetching GreenMail $GREENMAIL_VERSION"
    (cd "$HERE" && mvn -B -q dependency:copy \
      "-Dartifact=com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
      "-DoutputDirectory=$WORK/lib")
  fi
  if [[ ! -f "$JAR" || ! -f "$MDPOP3D_JAR" || "${REBUILD:-no}" == yes ]]; then
    log "building the launcher and pop3-bench"
    (cd "$HERE" && mvn -B -q -Pquick,bench package)
  fi
  if [[ ! -f "$PASSWD" ]]; then
    log "generating fixtures in $FIX (bigbox $BIGBOX, drain $DRAIN)"
    rm -rf "$FIX"
    java -cp "$JAR" io.mdpop3j.bench.data.FixtureGenerator "$FIX" --uid $BENCH_UID --gid $BENCH_GID \
      --bigbox "$BIGBOX" --drain "$DRAIN" --idle "$(max_idle)" --warm "$BIGBOX"
    chown -R $BENCH_UID:$BENCH_GID "$FIX"
    for box in bigbox-w bigbox-p; do
      load --scenario expect --expect-dir "$FIX/templates/$box/cur" > "$FIX/expect-$box"
    done
  fi
  if [[ ! -f "$FIX/expect-warm-open" ]]; then
    # Fixtures made before warm-open existed: add its box and user, keep the rest.
    log "adding warm-open ($BIGBOX messages in new/) to $FIX"
    java -cp "$JAR" io.mdpop3j.bench.data.FixtureGenerator "$FIX" --uid $BENCH_UID --gid $BENCH_GID \
      --boxes warm-open --warm "$BIGBOX"
    chown -R $BENCH_UID:$BENCH_GID "$FIX/home/warm-open" "$FIX/templates/warm-open"
    load --scenario expect --expect-dir "$FIX/templates/warm-open/new" > "$FIX/expect-warm-open"
  fi
  log "prepared: $(cat "$FIX/expect-bigbox-w") (bigbox-w count, octets)"
}

max_idle() {
  local m=0
  for n in $IDLE_ROUNDS $IDLE_ONCE; do ((n > m)) && m=$n; done
  echo $m
}

# ---- servers ----

# shellcheck source=pop3-bench/bench-servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-servers.sh"

start_server() { # name
  local name=$1 port=${PORT[$1]} out="$WORK/run/$1.out"
  mkdir -p "$WORK/run"
  case $name in
    dovecot) dovecot -F -c "$(dovecot_conf dovecot "$port" plain)" >"$out" 2>&1 & ;;
    dovecot-tuned) dovecot -F -c "$(dovecot_conf dovecot-tuned "$port" tuned)" >"$out" 2>&1 & ;;
    greenmail)
      java -Dgreenmail.pop3.hostname=127.0.0.1 -Dgreenmail.pop3.port="$port" \
        -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port=$GM_SMTP \
        "-Dgreenmail.users=$(greenmail_users)" -jar "$GM_JAR" >"$out" 2>&1 &
      ;;
    raw)
      java -cp "$JAR" io.mdpop3j.bench.servers.RawLimitServer "$port" \
        "$(ls "$FIX"/home/retr-0/Maildir/cur/*)" >"$out" 2>&1 &
      ;;
    mdpop3j) ours_command "$port" >"$out" 2>&1 & ;;
    mdpop3j-25)
      # Its own class-data archive: one made by the other JVM would be ignored.
      JAVA=$JAVA25 OURS_JAVA=$JAVA25 MDPOP3D_CDS="$WORK/run/mdpop3d-25.jsa" \
        ours_command "$port" >"$out" 2>&1 &
      ;;
  esac
  PID[$name]=$!
  wait_greeting "$port"
  if [[ $name == greenmail ]]; then
    for i in 0 1 2 3; do
      load --scenario deliver --smtp-port $GM_SMTP --to "retr-$i@localhost" \
        --file "$(ls "$FIX"/home/retr-0/Maildir/cur/*)"
    done
  fi
  log "started $name on $port (pid ${PID[$name]})"
}

greenmail_users() {
  local u=() i
  for i in $(seq 0 15); do u+=("login-$i:bench-pw@localhost"); done
  for i in 0 1 2 3; do u+=("retr-$i:bench-pw@localhost"); done
  (IFS=,; echo "${u[*]}")
}

# Our server: the launcher's daemon mode with its own JVM flags (bin/mdpop3d), the maildir store
# with its defaults and the passwd-file authenticator; or BenchDaemon, the same builder calls
# without the launcher (OURS=bench-daemon).
ours_command() { # port
  # glibc keeps the stacks of ended threads resident for reuse; without a cache, idle-N counts the
  # stacks its own sessions touch, not ones an earlier scenario left behind.
  export GLIBC_TUNABLES=glibc.pthread.stack_cache_size=0
  if [[ $OURS == bench-daemon ]]; then
    # shellcheck disable=SC2086
    exec "${OURS_JAVA:-java}" $OURS_JVM -cp "$JAR${MAILDIR_CP:+:$MAILDIR_CP}" io.mdpop3j.bench.servers.BenchDaemon \
      "$1" "$PASSWD"
  fi
  # shellcheck disable=SC2086 # OURS_ARGS: more launcher options, as words
  exec "$LAUNCHER" --listen "127.0.0.1:$1" --auth "passwd-file:$PASSWD" --log stderr ${OURS_ARGS:-}
}

stop_all() {
  for name in "${!PID[@]}"; do
    kill "${PID[$name]}" 2>/dev/null || true
  done
  for name in "${!PID[@]}"; do
    for _ in $(seq 1 50); do kill -0 "${PID[$name]}" 2>/dev/null || break; sleep 0.2; done
    kill -9 "${PID[$name]}" 2>/dev/null || true
  done
  PID=()
}

# ---- scenarios ----

reset_cold() { # user: forget every index and cache, so the next open is a first open
  find "$FIX/home/$1/Maildir" -maxdepth 1 -type f \( -name 'dovecot*' -o -name 'mdpop3j-*' \) -delete
}

reset_drain() {
  rm -rf "$FIX/home/drain/Maildir"
  cp -al "$FIX/templates/drain" "$FIX/home/drain/Maildir"
  chown $BENCH_UID:$BENCH_GID "$FIX/home/drain/Maildir" "$FIX"/home/drain/Maildir/{cur,new,tmp}
}

reset_warm() { # user: every message back in new/, no index or cache
  rm -rf "$FIX/home/$1/Maildir"
  cp -al "$FIX/templates/$1" "$FIX/home/$1/Maildir"
  chown $BENCH_UID:$BENCH_GID "$FIX/home/$1/Maildir" "$FIX/home/$1"/Maildir/{cur,new,tmp}
}

gc_server() { # name: a JVM server is measured after a full GC, so garbage does not count as sessions
  if [[ $1 == mdpop3j* || $1 == greenmail ]]; then jcmd "${PID[$1]}" GC.run >/dev/null 2>&1 || true; fi
}

run_one() { # round scenario server [extra args...]
  local round=$1 scenario=$2 name=$3 port=${PORT[$3]} pid=${PID[$3]}
  shift 3
  local common=(--server "$name" --port "$port" --server-pid "$pid")
  case $scenario in
    login)
      load --scenario login "${common[@]}" --seconds "$SECS" --clients 16 ;;
    retr)
      local extra=()
      [[ $name == greenmail ]] && extra=(--check-size no --allow-trace-headers yes)
      load --scenario retr "${common[@]}" --seconds "$SECS" --clients 4 \
        --expect-dir "$FIX/home/retr-0/Maildir/cur" "${extra[@]}" ;;
    bigbox-w | bigbox-p)
      reset_cold "$scenario"
      read -r count octets < "$FIX/expect-$scenario"
      load --scenario bigbox --label "$scenario" "${common[@]}" --user "$scenario" \
        --expect-count "$count" --expect-octets "$octets" ;;
    warm-open)
      reset_warm warm-open
      read -r count octets < "$FIX/expect-warm-open"
      load --scenario warm-open "${common[@]}" --user warm-open --maildir "$FIX/home/warm-open/Maildir" \
        --expect-count "$count" --expect-octets "$octets" ;;
    drain | drain-pipelined)
      reset_drain
      local pipe=no
      [[ $scenario == drain-pipelined ]] && pipe=yes
      load --scenario drain "${common[@]}" --user drain --pipeline $pipe \
        --expect-dir "$FIX/templates/drain/cur" ;;
    idle)
      local jvm=()
      [[ $name == mdpop3j* ]] && jvm=(--gc-cmd "jcmd $pid GC.run" --settle-threads 40)
      load --scenario idle "${common[@]}" --sessions "$1" --settle-ms 3000 "${jvm[@]}" ;;
  esac | sed -u "s/^RESULT /RESULT round=$round /" | tee -a "$RESULTS" || true
}

servers_for() { # scenario
  case $1 in
    # Ours as a fraction of the raw limit server's login rate: raw is in the login row always.
    login) echo "$SERVERS"; [[ " $SERVERS " == *" raw "* ]] || echo raw ;;
    retr) for s in $SERVERS; do [[ $s != dovecot-tuned ]] && echo "$s"; done ;;
    *) for s in $SERVERS; do [[ $s == dovecot || $s == mdpop3j* ]] && echo "$s"; done ;;
  esac
}

# One untimed pass of every scenario but idle on every server (2 s for the timed ones): every
# server has touched the same files, and the JVMs' compilers have seen every path, as in a daemon
# that has served for a while. Without it round 1 measures a cold JVM against a warm C server.
warm_up() {
  local saved_results=$RESULTS saved_secs=$SECS scenario s
  RESULTS=/dev/null
  SECS=2
  for scenario in $SCENARIOS; do
    [[ $scenario == idle ]] && continue
    for s in $(servers_for "$scenario"); do run_one 0 "$scenario" "$s" >/dev/null; done
  done
  RESULTS=$saved_results
  SECS=$saved_secs
  log "warm-up pass done"
}

measure() {
  # 100,000 idle sessions: as many sockets in the server, and as many in the client.
  ulimit -n 262144 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  local stamp
  stamp=$(date -u +%Y%m%d-%H%M%S)
  RESULTS="$WORK/results-$stamp.txt"
  {
    echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "# kernel: $(uname -r); $(java -version 2>&1 | head -1); $(dovecot --version | head -1)"
    echo "# load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$RESULTS"
  trap stop_all EXIT
  local started=$SERVERS
  [[ " $SCENARIOS " == *" login "* && " $SERVERS " != *" raw "* ]] && started+=" raw"
  for s in $started; do start_server "$s"; done
  warm_up
  for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS (load $(cut -d' ' -f1 /proc/loadavg))"
    for scenario in $SCENARIOS; do
      if [[ $scenario == idle ]]; then
        for n in $IDLE_ROUNDS; do
          for s in $(servers_for idle); do run_one "$round" idle "$s" "$n"; done
        done
        continue
      fi
      for s in $(servers_for "$scenario"); do run_one "$round" "$scenario" "$s"; done
    done
  done
  for n in $IDLE_ONCE; do
    log "idle $n (once; mdpop3j first, Dovecot takes minutes to fork $n sessions)"
    for s in $(servers_for idle | sort -r); do run_one 1 idle "$s" "$n"; done
  done
  stop_all
  trap - EXIT
  startup
  # One sample of a first start per JVM: five JVMs, reported as rounds, so the table has a median.
  for round in 1 2 3 4 5; do
    java -cp "$JAR" io.mdpop3j.bench.servers.InJvmStartup 21 |
      sed -u "s/^RESULT /RESULT round=$round /" | tee -a "$RESULTS"
  done
  echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS"
  java -cp "$JAR" io.mdpop3j.bench.load.Report "$RESULTS" > "$WORK/table-$stamp.md"
  log "results: $RESULTS; table: $WORK/table-$stamp.md"
  cat "$WORK/table-$stamp.md"
}

startup() {
  log "startup: launcher start to first greeting"
  local conf
  conf=$(dovecot_conf dovecot-startup 11120 plain)
  load --scenario startup --server dovecot --port 11120 --repeat 5 -- dovecot -F -c "$conf" |
    sed -u "s/^RESULT /RESULT round=1 /" | tee -a "$RESULTS" || true
  load --scenario startup --server greenmail --port 11121 --repeat 5 -- java \
    -Dgreenmail.pop3.hostname=127.0.0.1 -Dgreenmail.pop3.port=11121 -jar "$GM_JAR" |
    sed -u "s/^RESULT /RESULT round=1 /" | tee -a "$RESULTS" || true
  # The launcher as an admin runs it: first without a class-data archive, then with the one
  # bin/mdpop3d makes on its first start (made here by one untimed start).
  MDPOP3D_CDS=none load --scenario startup --server mdpop3j --port 11122 --repeat 5 -- \
    "$LAUNCHER" --listen 127.0.0.1:11122 --auth "passwd-file:$PASSWD" --log stderr |
    sed -u "s/^RESULT /RESULT round=1 /" | tee -a "$RESULTS" || true
  export MDPOP3D_CDS="$WORK/run/mdpop3d.jsa"
  rm -f "$MDPOP3D_CDS"
  load --scenario startup --server cds-training --port 11123 --repeat 1 -- \
    "$LAUNCHER" --listen 127.0.0.1:11123 --auth "passwd-file:$PASSWD" --log stderr >/dev/null || true
  if [[ -f "$MDPOP3D_CDS" ]]; then
    load --scenario startup --server mdpop3j-cds --port 11122 --repeat 5 -- \
      "$LAUNCHER" --listen 127.0.0.1:11122 --auth "passwd-file:$PASSWD" --log stderr |
      sed -u "s/^RESULT /RESULT round=1 /" | tee -a "$RESULTS" || true
  fi
  unset MDPOP3D_CDS
}

jmh() {
  local stamp
  stamp=$(date -u +%Y%m%d-%H%M%S)
  mkdir -p "$WORK"
  # shellcheck disable=SC2086
  java -cp "$JAR${MAILDIR_CP:+:$MAILDIR_CP}" org.openjdk.jmh.Main ${JMH_ARGS:-} \
    -rf csv -rff "$WORK/jmh-$stamp.csv" "${JMH_INCLUDE:-.*Benchmark.*}" | tee "$WORK/jmh-$stamp.txt"
  # Throughput benchmarks of whole messages: MB/s = ops/s x size / 10^6.
  awk '{ sub(/\r$/, "") }
    NR == 1 { n = split($0, h, ","); for (i = 1; i <= n; i++) { g = h[i]; gsub(/"/, "", g); col[g] = i }; next }
    { line = $0; gsub(/"/, "", line); split(line, f, ",") }
    col["Param: size"] && f[col["Unit"]] == "ops/s" && f[col["Param: size"]] != "" {
      printf "%s size=%s dots=%s/1000: %.0f MB/s\n", f[col["Benchmark"]], f[col["Param: size"]],
        f[col["Param: dotPermille"]], f[col["Score"]] * f[col["Param: size"]] / 1e6 }' \
    "$WORK/jmh-$stamp.csv" | tee "$WORK/jmh-$stamp-mbps.txt"
  log "JMH results: $WORK/jmh-$stamp.csv"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  case "${1:-all}" in
    prepare) prepare ;;
    measure) measure ;;
    jmh) jmh ;;
    all) prepare; measure ;;
    *) echo "usage: $0 [prepare|measure|jmh|all]" >&2; exit 2 ;;
  esac
fi
