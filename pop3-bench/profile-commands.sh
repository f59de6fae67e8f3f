#!/usr/bin/env bash
# System calls per command, ours against Dovecot's: strace -f -c over a known number of logins
# (USER, PASS, STAT, QUIT) and over a drain of N messages (RETR k, DELE k; one at a time, then all
# sent at once as RFC 2449 pipelining allows), less a session that only opens the same mailbox,
# divided by the count. One table per scenario, by syscall name.
#
#   pop3-bench/profile-commands.sh            # LOGINS (2000) logins, DRAIN_N (2000) RETR+DELE
#
# Works on its own copy of the fixtures (PROFILE_WORK, default /var/tmp/mdpop3j-bench-C): the
# drain empties a mailbox. Copies login-0..15 and the drain template from FIX_FROM
# (/var/tmp/mdpop3j-bench/fixtures, made by run.sh prepare) on first use. Ports: PORT_BASE (12210)
# for ours, +1 for Dovecot tuned (login), +2 for Dovecot plain (drain). JFR=yes also records a
# flight recording of ours over the same runs and prints its hottest methods.
set -euo pipefail

HERE="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${PROFILE_WORK:-/var/tmp/mdpop3j-bench-C}"
FIX="$WORK/fixtures"
PASSWD="$FIX/passwd"
FIX_FROM="${FIX_FROM:-/var/tmp/mdpop3j-bench/fixtures}"
LOGINS="${LOGINS:-2000}"
DRAIN_N="${DRAIN_N:-2000}"
PORT_BASE="${PORT_BASE:-12210}"
JFR="${JFR:-no}"
OUT="${PROFILE_OUT:-$WORK/profile}"
CLIENT="$HERE/pop3-bench/profile-client.py"
export MDPOP3D_JAR="${MDPOP3D_JAR:-$HERE/pop3-examples/target/mdpop3d.jar}"
mkdir -p "$OUT" "$WORK/run"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

copy_fixtures() {
  [[ -f $FIX/passwd ]] && return
  mkdir -p "$FIX/home" "$FIX/templates"
  cp -a "$FIX_FROM/templates/drain" "$FIX/templates/"
  for i in $(seq 0 15); do cp -a "$FIX_FROM/home/login-$i" "$FIX/home/"; done
  grep -E '^(login-[0-9]+|drain):' "$FIX_FROM/passwd" | sed "s#$FIX_FROM#$FIX#" > "$FIX/passwd"
}

reset_drain() {
  rm -rf "$FIX/home/drain/Maildir"
  mkdir -p "$FIX/home/drain"
  cp -al "$FIX/templates/drain" "$FIX/home/drain/Maildir"
  chown -R 65534:65534 "$FIX/home/drain"
}

# shellcheck source=pop3-bench/bench-servers.sh
source "$(dirname "$0")/bench-servers.sh"

SERVER_PID=
start_server() { # name port phase
  case $1 in
    ours)
      local jfr=()
      [[ $JFR == yes ]] && jfr=("-XX:StartFlightRecording=filename=$OUT/ours-$3.jfr,settings=profile")
      MDPOP3D_JAVA_OPTS="${MDPOP3D_JAVA_OPTS:-} ${jfr[*]:-}" \
        "$HERE/pop3-examples/bin/mdpop3d" --listen "127.0.0.1:$2" --auth "passwd-file:$FIX/passwd" \
        --log stderr ${OURS_ARGS:-} >"$OUT/ours.out" 2>&1 &
      ;;
    dovecot-tuned) dovecot -F -c "$(dovecot_conf dovecot-tuned "$2" tuned)" >"$OUT/$1.out" 2>&1 & ;;
    dovecot) dovecot -F -c "$(dovecot_conf dovecot "$2" plain)" >"$OUT/$1.out" 2>&1 & ;;
  esac
  SERVER_PID=$!
  wait_greeting "$2"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

# Every process of the server: the JVM's threads, or Dovecot's master and its children.
server_pids() {
  local p=$SERVER_PID
  # The launcher execs java; Dovecot's children are found through the process tree.
  { echo "$p"; pgrep -P "$p" || true; for c in $(pgrep -P "$p" || true); do pgrep -P "$c" || true; done; } |
    sort -u
}

# strace -f -c attached to the server while one client command runs: the counts file.
traced() { # label client-args...
  local label=$1 args=() p
  shift
  for p in $(server_pids); do args+=(-p "$p"); done
  strace -f -c -S calls -o "$OUT/$label.strace" "${args[@]}" 2>/dev/null &
  local tracer=$!
  sleep 1 # attached to every thread before the first command
  python3 "$CLIENT" "$@"
  sleep 0.5
  kill -INT "$tracer"
  wait "$tracer" 2>/dev/null || true
}

# table: per-op calls of ours and Dovecot, (run - base) / count, by name
table() { # title count ours-run ours-base dovecot-run dovecot-base
  local title=$1 n=$2
  echo "### $title (system calls per operation, n=$n)"
  echo
  echo "| syscall | mdpop3j | Dovecot |"
  echo "|---|---:|---:|"
  awk -v n="$n" '
    FNR == 1 { f++ }
    $1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" {
      v[$NF, f] = $4; names[$NF] = 1 } # calls is the 4th column, errors or not
    END {
      for (s in names) {
        o = (v[s, 1] - v[s, 2]) / n; d = (v[s, 3] - v[s, 4]) / n
        if (o >= 0.05 || d >= 0.05 || o <= -0.05 || d <= -0.05) printf "| %s | %.2f | %.2f |\n", s, o, d
        to += o; td += d
      }
      printf "| **total** | **%.2f** | **%.2f** |\n", to, td
    }' "$3" "$4" "$5" "$6" | sort -t'|' -k3 -gr
  echo
}

copy_fixtures
empty=$OUT/empty.strace
echo "# nothing" >"$empty" # one line, so awk counts it as a file

# ---- login: ours against tuned Dovecot (the login target's comparison) ----
for s in ours dovecot-tuned; do
  port=$PORT_BASE
  [[ $s == dovecot-tuned ]] && port=$((PORT_BASE + 1))
  start_server "$s" "$port" login
  python3 "$CLIENT" "$port" login 300 login-%d bench-pw # warm: JIT, caches, pre-forked processes
  log "login: $LOGINS sessions on $s under strace"
  traced "login-$s" "$port" login "$LOGINS" login-%d bench-pw
  stop_server
done

# ---- drain: ours against plain Dovecot (the drain target's comparison) ----
for s in ours dovecot; do
  port=$PORT_BASE
  [[ $s == dovecot ]] && port=$((PORT_BASE + 2))
  start_server "$s" "$port" drain
  reset_drain
  python3 "$CLIENT" "$port" drain 500 drain bench-pw # warm
  reset_drain
  log "drain: open-only session on $s under strace"
  traced "open-$s" "$port" open 0 drain bench-pw
  reset_drain
  log "drain: $DRAIN_N RETR+DELE on $s under strace"
  traced "drain-$s" "$port" drain "$DRAIN_N" drain bench-pw
  reset_drain
  log "drain: $DRAIN_N RETR+DELE pipelined on $s under strace"
  traced "drainp-$s" "$port" drainp "$DRAIN_N" drain bench-pw
  stop_server
done

{
  echo "Load at end: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared: counts, not times)."
  echo
  table "login: connect, USER, PASS, STAT, QUIT" "$LOGINS" "$OUT/login-ours.strace" "$empty" \
    "$OUT/login-dovecot-tuned.strace" "$empty"
  table "drain: RETR k + DELE k (less an open-only session; QUIT's unlinks included)" "$DRAIN_N" \
    "$OUT/drain-ours.strace" "$OUT/open-ours.strace" "$OUT/drain-dovecot.strace" "$OUT/open-dovecot.strace"
  table "drain pipelined: every RETR k + DELE k sent at once (less an open-only session)" "$DRAIN_N" \
    "$OUT/drainp-ours.strace" "$OUT/open-ours.strace" "$OUT/drainp-dovecot.strace" "$OUT/open-dovecot.strace"
} | tee "$OUT/tables.md"

for phase in login drain; do
  [[ $JFR == yes && -f $OUT/ours-$phase.jfr ]] || continue
  echo "### $phase: hottest methods of ours (JFR execution samples, top frame; strace slows it)"
  jfr print --events jdk.ExecutionSample "$OUT/ours-$phase.jfr" |
    awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print }' |
    sort | uniq -c | sort -rn | head -15
done
