#!/usr/bin/env bash
# Issue 13's comparison: our daemon (bin/mdpop3d --listen) and Dovecot on the same inputs, for
# the defects it fixed, one markdown table per item, ours and Dovecot side by side:
#   maildir   defect 1: odd Maildir file names, servers started without a locale
#   tls       defect 3: TLS 1.1, static RSA, client-initiated renegotiation and its CPU cost
#   timing    defect 5: time to the -ERR of a failed PASS per kind of user, default delay and 0
#   burst     2,000 simultaneous connects: greetings within 1 s, 5 s, 60 s
#   guessing  the login penalty: 200 connections from one address guessing one user's password
#
#   pop3-bench/attacks/compare.sh             # prepare, then every item
#   pop3-bench/attacks/compare.sh tls timing  # prepare, then these items
#
# Everything listens on 127.0.0.1; every client run is bounded by `timeout`. Both servers run
# under `env -i PATH=$PATH` (no locale) on one passwd-file and one set of Maildirs owned by
# 65534:65534, as bench/run.sh sets them up. The servers take turns (or run in alternating order),
# but the machine is shared: timings are noisy.
# Knobs (environment): ATTACK_WORK (/var/tmp/mdpop3j-attacks), TIMING_SAMPLES (21), RENEG_COUNT
# (200), RENEG_ROUNDS (3), BURST (2000), BURST_WINDOW (60), BURST_ROUNDS (2), GUESS_CLIENTS (200),
# GUESS_SECONDS (20), REBUILD (no).
set -euo pipefail

HERE="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${ATTACK_WORK:-/var/tmp/mdpop3j-attacks}"
RUN="$WORK/run"
TIMING_SAMPLES="${TIMING_SAMPLES:-21}"
RENEG_COUNT="${RENEG_COUNT:-200}"
RENEG_ROUNDS="${RENEG_ROUNDS:-3}"
BURST="${BURST:-2000}"
BURST_WINDOW="${BURST_WINDOW:-60}"
BURST_ROUNDS="${BURST_ROUNDS:-2}"
GUESS_CLIENTS="${GUESS_CLIENTS:-200}"
GUESS_SECONDS="${GUESS_SECONDS:-20}"
LAUNCHER="$HERE/pop3-examples/bin/mdpop3d"
OURS_JAR="$HERE/pop3-examples/target/mdpop3d.jar"
BENCH_JAR="$HERE/pop3-bench/target/benchmarks.jar"
PASSWD="$WORK/passwd"
CERT="$WORK/tls/cert.pem"
KEY="$WORK/tls/key.pem"
OWNER=65534:65534
declare -A PORT=([ours]=11210 [dovecot]=11220 [dovecot-stock]=11230)
declare -A TLS_PORT=([ours]=11211 [dovecot]=11221 [dovecot-stock]=11231 [reference]=11241)
declare -A PID=()
declare -A NAME=([ours]="ours (mdpop3d)" [dovecot]="Dovecot" [dovecot-stock]="Dovecot, stock process limits")

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

client() { # seconds command args...
  local limit=$1
  shift
  timeout "$limit" java -cp "$BENCH_JAR" io.mdpop3j.bench.attacks.AttackClient "$@"
}

# ---- preparation ----

prepare() {
  if ! command -v dovecot >/dev/null; then
    log "installing dovecot-pop3d"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-pop3d
  fi
  if [[ ! -f "$OURS_JAR" || ! -f "$BENCH_JAR" || "${REBUILD:-no}" == yes ]]; then
    log "building the launcher and pop3-bench"
    (cd "$HERE" && mvn -B -q -Pbench,quick -pl pop3-examples,pop3-bench -am package)
  fi
  mkdir -p "$WORK/tls" "$RUN"
  if [[ ! -f "$CERT" ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$KEY" -out "$CERT" -days 3650 \
      -subj /CN=localhost 2>/dev/null
  fi
  local u
  for u in plain yescrypt box; do mkdir -p "$WORK/home/$u/Maildir"/{cur,new,tmp}; done
  {
    echo "plain:{PLAIN}plain-secret:65534:65534::$WORK/home/plain::"
    echo "yescrypt:{CRYPT}$(mkpasswd -m yescrypt yescrypt-secret):65534:65534::$WORK/home/yescrypt::"
    # Most entries hashed, as in a real file: ours checks unknown users against the most common
    # scheme's hash (docs/auth-unix.md), so the mix decides what an unknown user costs.
    echo "box:{CRYPT}$(mkpasswd -m yescrypt box-secret):65534:65534::$WORK/home/box::"
  } > "$PASSWD"
  chown -R $OWNER "$WORK/home"
  chown root:dovecot "$PASSWD"
  chmod 0640 "$PASSWD"
  make_odd_maildir "$WORK/templates/box"
}

# Defect 1's mailbox: a name with an empty flag list in cur/, a UTF-8 name and a name that is not
# UTF-8 in new/. CRLF lines and no leading dots, so the wire body equals the file.
make_odd_maildir() { # dir
  rm -rf "$1"
  mkdir -p "$1"/{cur,new,tmp}
  printf 'Subject: one\r\n\r\nfirst, cur/1.a:2,\r\n' > "$1/cur/1.a:2,"
  printf 'Subject: two\r\n\r\nsecond, UTF-8 name\r\n' > "$1/new/2.caf"$'\xc3\xa9'
  printf 'Subject: three\r\n\r\nthird, not UTF-8\r\n' > "$1/new/3.x"$'\xff'
  chown -R $OWNER "$1"
}

# ---- servers ----

# The greeting wait of the comparison (its dovecot_conf, below, is this script's own: TLS too).
# shellcheck source=pop3-bench/bench-servers.sh
source "$(dirname "$0")/../bench-servers.sh"

dovecot_conf() { # name failure-delay(default|0)
  local dir="$RUN/$1" limits=""
  mkdir -p "$dir"
  [[ $1 == dovecot ]] && limits="default_process_limit = 12000
default_client_limit = 30000
service anvil {
  client_limit = 30000
}
service auth {
  client_limit = 30000
}"
  cat > "$dir/dovecot.conf" <<EOF
# Private Dovecot for pop3-bench/attacks/compare.sh ($1): loopback only, passwd-file users.
base_dir = $dir/base
state_dir = $dir/state
instance_name = mdpop3j-attacks-$1
protocols = pop3
listen = 127.0.0.1
ssl = yes
ssl_cert = <$CERT
ssl_key = <$KEY
disable_plaintext_auth = no
auth_mechanisms = plain
$([[ $2 == 0 ]] && echo "auth_failure_delay = 0")
log_path = $dir/dovecot.log
mail_location = maildir:~/Maildir
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = dovecot
default_login_user = dovenull
default_vsz_limit = 1G
$limits
passdb {
  driver = passwd-file
  args = $PASSWD
}
userdb {
  driver = passwd-file
  args = $PASSWD
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${PORT[$1]}
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = ${TLS_PORT[$1]}
    ssl = yes
  }
}
EOF
  echo "$dir/dovecot.conf"
}

port_free() { ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# start SERVER [failure-delay], SERVER one of ours, dovecot, dovecot-stock. No locale: env -i.
start() {
  local s=$1 delay=${2:-default} port=${PORT[$1]}
  port_free "$port" || { log "port $port is taken: stop what listens there first"; exit 1; }
  if [[ $s == ours ]]; then
    local extra=()
    [[ $delay == 0 ]] && extra=(--auth-failure-delay=0)
    env -i PATH="$PATH" MDPOP3D_JAR="$OURS_JAR" "$LAUNCHER" --listen "127.0.0.1:$port" \
      --listen-tls "127.0.0.1:${TLS_PORT[$s]}" --tls-cert "$CERT" --tls-key "$KEY" \
      --auth "passwd-file:$PASSWD" --log stderr "${extra[@]}" >"$RUN/$s.log" 2>&1 &
  else
    env -i PATH="$PATH" dovecot -F -c "$(dovecot_conf "$s" "$delay")" >"$RUN/$s.out" 2>&1 &
  fi
  PID[$s]=$!
  echo "${PID[$s]}" >> "$RUN/pids"
  wait_greeting "$port"
  log "started ${NAME[$s]} on $port (pid ${PID[$s]}, failure delay: $delay)"
}

stop_all() {
  local s
  for s in "${!PID[@]}"; do kill "${PID[$s]}" 2>/dev/null || true; done
  for s in "${!PID[@]}"; do
    for _ in $(seq 1 100); do kill -0 "${PID[$s]}" 2>/dev/null || break; sleep 0.1; done
    kill -9 "${PID[$s]}" 2>/dev/null || true
  done
  PID=()
  : > "$RUN/pids"
}

# Servers a previous run left behind (a killed script): only pids it recorded whose command line
# still names this work directory, so a reused pid is never hit.
stop_leftovers() {
  local p
  [[ -f "$RUN/pids" ]] || return 0
  while read -r p; do
    if [[ -n $p ]] && tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -qF "$WORK"; then
      kill "$p" 2>/dev/null || true
    fi
  done < "$RUN/pids"
  : > "$RUN/pids"
  sleep 1
}

# CPU ticks a server used: the process, its live children, and the children it has reaped
# (Dovecot's login processes end with their connection).
cpu_ticks() { # pid
  local root=$1 total=0 f rest
  local -a a
  for f in /proc/[0-9]*/stat; do
    read -r rest 2>/dev/null < "$f" || continue
    rest=${rest##*) }
    read -r -a a <<< "$rest"
    if [[ ${f//[^0-9]/} == "$root" ]]; then
      total=$((total + a[11] + a[12] + a[13] + a[14]))
    elif [[ ${a[1]} == "$root" ]]; then
      total=$((total + a[11] + a[12] + a[13] + a[14]))
    fi
  done
  echo "$total"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---- defect 1: odd Maildir names, no locale ----

reset_box() {
  rm -rf "$WORK/home/box/Maildir"
  cp -a "$WORK/templates/box" "$WORK/home/box/Maildir"
}

names_in() { # dir: the file names, non-ASCII octets as \ooo
  local n
  n=$(cd "$1" && LC_ALL=C ls -b | tr '\n' ' ')
  echo "${n:-(empty)}"
}

item_maildir() {
  log "defect 1: Maildir names"
  start ours
  start dovecot
  local expected s probe
  expected=$(cd "$WORK/templates/box" && find cur new -type f -exec sha256sum {} + | cut -d' ' -f1)
  declare -A listed served failed quit newdir curdir
  for s in ours dovecot; do
    reset_box
    probe=$(client 120 probe --port "${PORT[$s]}" --user box --password box-secret 2>&1 || true)
    echo "$probe" > "$RUN/probe-$s.txt"
    listed[$s]=$(awk '$1 == "LISTED" { print $2 }' <<< "$probe")
    served[$s]=$(awk '$1 == "RETR" && $3 == "ok" { print $5 }' <<< "$probe" | grep -cFx -f <(echo "$expected") || true)
    failed[$s]=$(awk '$1 == "RETR" && $3 == "err"' <<< "$probe" | wc -l)
    quit[$s]=$(sed -n 's/^QUIT //p' <<< "$probe")
    newdir[$s]=$(names_in "$WORK/home/box/Maildir/new")
    curdir[$s]=$(names_in "$WORK/home/box/Maildir/cur")
  done
  stop_all
  cat <<EOF

### Defect 1: Maildir names, servers started without a locale (\`env -i PATH=\$PATH\`)

Maildir: \`cur/1.a:2,\`, \`new/2.caf\303\251\` (UTF-8), \`new/3.x\377\` (not UTF-8). One session:
login, LIST, RETR of every listed message, QUIT. "Served" counts RETR bodies identical to a file.

| | ${NAME[ours]} | ${NAME[dovecot]} |
| --- | --- | --- |
| messages listed (of 3) | ${listed[ours]:-none} | ${listed[dovecot]:-none} |
| messages served byte for byte | ${served[ours]} | ${served[dovecot]} |
| RETR answered -ERR | ${failed[ours]} | ${failed[dovecot]} |
| QUIT reply | \`${quit[ours]:-none}\` | \`${quit[dovecot]:-none}\` |
| \`new/\` after QUIT | \`${newdir[ours]}\` | \`${newdir[dovecot]}\` |
| \`cur/\` after QUIT | \`${curdir[ours]}\` | \`${curdir[dovecot]}\` |
EOF
}

# ---- defect 3: TLS ----

tls_try() { # port openssl-args...: "accepted (protocol, cipher)" or "refused (reason)"
  local port=$1 out
  shift
  out=$(echo quit | timeout 20 openssl s_client -connect "127.0.0.1:$port" -ign_eof "$@" 2>&1 || true)
  if grep -q '^+OK' <<< "$out"; then
    echo "accepted ($(sed -n 's/^ *Protocol *: *//p' <<< "$out" | head -1), $(sed -n 's/^New, [^,]*, Cipher is //p' <<< "$out" | head -1))"
  else
    echo "refused ($(refusal <<< "$out"))"
  fi
}

# Why s_client's handshake failed: the alert it got, or that the server just closed.
refusal() {
  local why
  why=$(grep -o -m1 -E 'alert [a-z ]+|no protocols available|no ciphers? (available|match)|wrong version number|unsupported protocol|unexpected eof' | head -1)
  [[ $why == "unexpected eof" ]] && why="closed without an alert"
  echo "${why:-unknown}"
}

hellos() { grep -c '<<< .*, ServerHello$' "$1" 2>/dev/null || true; }

# Feeds s_client: once the session is up (the greeting; for s_server the end of the handshake),
# one R line per renegotiation, each sent once the previous handshake's ServerHello arrived (at
# most 5 s each); stops when the server ends them.
renegotiation_feed() { # count log ready-pattern
  local count=$1 log=$2 i
  for _ in $(seq 1 100); do grep -q "$3" "$log" && break; sleep 0.1; done
  for ((i = 1; i <= count; i++)); do
    echo R
    for _ in $(seq 1 500); do (($(hellos "$log") > i)) && break; sleep 0.01; done
    (($(hellos "$log") > i)) || break
  done
  echo quit
  sleep 1
}

# One TLS 1.2 connection with COUNT renegotiations: "<renegotiations done> <server CPU ms>".
renegotiation_session() { # server count
  local s=$1 count=$2 log="$RUN/reneg-$1.log" before after tck ready='^+OK'
  [[ $s == reference ]] && ready='^New, '
  tck=$(getconf CLK_TCK)
  sleep 1
  before=$(cpu_ticks "${PID[$s]}")
  renegotiation_feed "$count" "$log" "$ready" |
    timeout 300 openssl s_client -connect "127.0.0.1:${TLS_PORT[$s]}" -tls1_2 -msg >"$log" 2>&1 || true
  sleep 1
  after=$(cpu_ticks "${PID[$s]}")
  echo "$(($(hellos "$log") - 1)) $(((after - before) * 1000 / tck))"
}

# OpenSSL's own test server with client renegotiation allowed (OpenSSL 3 refuses it by default):
# the reference that shows what the renegotiation rows measure when a server says yes. Its stdin is
# a FIFO this shell holds open, so it never sees end of input.
start_reference() {
  rm -f "$RUN/s_server.in"
  mkfifo "$RUN/s_server.in"
  exec {REFERENCE_IN}<>"$RUN/s_server.in"
  openssl s_server -accept "127.0.0.1:${TLS_PORT[reference]}" -cert "$CERT" -key "$KEY" -quiet \
    -client_renegotiation <"$RUN/s_server.in" >"$RUN/s_server.log" 2>&1 &
  PID[reference]=$!
  echo "${PID[reference]}" >> "$RUN/pids"
  for _ in $(seq 1 50); do port_free "${TLS_PORT[reference]}" || break; sleep 0.1; done
}

cpu_cell() { # "ms ms ms ": "median ms (each)"
  echo "$(tr ' ' '\n' <<< "$1" | grep . | median) ms (${1% })"
}

item_tls() {
  log "defect 3: TLS"
  start ours
  start dovecot
  start_reference
  local s round order d c alert
  declare -A v11 rsa modern reneg cpu0 done200 cpu200
  for s in ours dovecot; do
    v11[$s]=$(tls_try "${TLS_PORT[$s]}" -tls1_1 -cipher DEFAULT@SECLEVEL=0)
    rsa[$s]=$(tls_try "${TLS_PORT[$s]}" -tls1_2 -cipher AES128-SHA)
    modern[$s]=$(tls_try "${TLS_PORT[$s]}")
  done
  for ((round = 1; round <= RENEG_ROUNDS; round++)); do
    order="ours dovecot reference"
    ((round % 2 == 0)) && order="reference dovecot ours"
    for s in $order; do
      read -r d c < <(renegotiation_session "$s" 0)
      cpu0[$s]+="$c "
      read -r d c < <(renegotiation_session "$s" "$RENEG_COUNT")
      done200[$s]+="$d "
      cpu200[$s]+="$c "
      log "renegotiation round $round, $s: $d done, $c ms CPU"
    done
  done
  for s in ours dovecot reference; do
    if [[ ${done200[$s]} == 0\ * ]]; then reneg[$s]="refused"; else reneg[$s]="accepted"; fi
    # The server's first alert on the renegotiation connection, if any.
    alert=$(sed -n 's/^<<< .*Alert \[length [0-9a-f]*\], //p' "$RUN/reneg-$s.log" | head -1)
    reneg[$s]+="${alert:+ ($alert)}"
  done
  stop_all
  exec {REFERENCE_IN}>&-
  cat <<EOF

### Defect 3: TLS on the implicit-TLS port, OpenSSL's s_client as the client

Each server with its TLS defaults (ours: \`--tls-cert/--tls-key\`; Dovecot: \`ssl_cert/ssl_key\`), the
same RSA 2048 certificate.

| client | ${NAME[ours]} | ${NAME[dovecot]} |
| --- | --- | --- |
| \`-tls1_1 -cipher DEFAULT@SECLEVEL=0\` | ${v11[ours]} | ${v11[dovecot]} |
| \`-tls1_2 -cipher AES128-SHA\` (static RSA) | ${rsa[ours]} | ${rsa[dovecot]} |
| no options (control) | ${modern[ours]} | ${modern[dovecot]} |
| \`-tls1_2\`, then an \`R\` line (client-initiated renegotiation) | ${reneg[ours]} | ${reneg[dovecot]} |

Renegotiation cost: one \`s_client -tls1_2\` connection sending ${RENEG_COUNT} \`R\` lines, each after the
last handshake ended. CPU: the server's user+system time over the connection (Dovecot: master and
every child, reaped ones included; 10 ms clock ticks); ${RENEG_ROUNDS} rounds, the servers in
alternating order, median and each round. The reference is OpenSSL's test server with client
renegotiation allowed, to show what a server that says yes pays.

| one TLS 1.2 connection | ${NAME[ours]} | ${NAME[dovecot]} | \`openssl s_server -client_renegotiation\` (reference) |
| --- | --- | --- | --- |
| client-initiated renegotiation | ${reneg[ours]} | ${reneg[dovecot]} | ${reneg[reference]} |
| renegotiations done of ${RENEG_COUNT}, each round | ${done200[ours]% } | ${done200[dovecot]% } | ${done200[reference]% } |
| server CPU, ${RENEG_COUNT} \`R\` lines | $(cpu_cell "${cpu200[ours]}") | $(cpu_cell "${cpu200[dovecot]}") | $(cpu_cell "${cpu200[reference]}") |
| server CPU, no \`R\` (handshake, greeting, QUIT) | $(cpu_cell "${cpu0[ours]}") | $(cpu_cell "${cpu0[dovecot]}") | $(cpu_cell "${cpu0[reference]}") |
EOF
}

# ---- defect 5: failed-login timing ----

item_timing() {
  log "defect 5: failed-login timing, $TIMING_SAMPLES samples per user and server"
  local delay octet=7
  cat <<EOF

### Defect 5: time from a wrong PASS to its -ERR

Users of one passwd-file: \`plain\` (\`{PLAIN}\`), \`yescrypt\` (\`{CRYPT}\` from \`mkpasswd -m yescrypt\`),
\`nobody-here\` (not in the file). ${TIMING_SAMPLES} samples per user and server, one connection each,
taken in turns in a shuffled order; each from its own address in 127.0.0.0/8, so neither server's
per-address penalty applies. Median and 10th–90th percentile.
EOF
  for delay in default 0; do
    start ours "$delay"
    start dovecot "$delay"
    if [[ $delay == default ]]; then
      printf '\nFailure delay at its default (ours 2 s, Dovecot `auth_failure_delay = 2 secs`):\n\n'
    else
      printf '\nFailure delay 0 (ours `--auth-failure-delay=0`, Dovecot `auth_failure_delay = 0`):\n\n'
    fi
    client $((TIMING_SAMPLES * 6 * 10 + 120)) login-timing --target "ours=${PORT[ours]}" --target "Dovecot=${PORT[dovecot]}" \
      --user 'plain={PLAIN}' --user 'yescrypt=yescrypt' --user 'nobody-here=unknown user' \
      --samples "$TIMING_SAMPLES" --source-octet "$octet"
    octet=$((octet + 1))
    stop_all
  done
}

# ---- burst ----

item_burst() {
  log "burst: $BURST connects at once, $BURST_ROUNDS rounds"
  start ours
  start dovecot
  start dovecot-stock
  cat <<EOF

### Burst: ${BURST} simultaneous TCP connects to the POP3 port, each held open

One client thread opens all ${BURST} connections at once and waits for the greetings for at most
${BURST_WINDOW} s; ${BURST_ROUNDS} rounds, the servers in alternating order, 10 s apart. Ours with its
defaults (listen backlog 4096; \`net.core.somaxconn\` is $(cat /proc/sys/net/core/somaxconn)); Dovecot as
bench/run.sh sets it up (\`default_process_limit = 12000\`), and with Dovecot's stock limits
(\`default_process_limit = 100\`, so at most 100 pop3-login processes). \`ulimit -n\` $(ulimit -n).

EOF
  client $((BURST_ROUNDS * 3 * (BURST_WINDOW + 40) + 60)) connect-burst --target "ours=${PORT[ours]}" --target "Dovecot=${PORT[dovecot]}" \
    --target "Dovecot stock=${PORT[dovecot-stock]}" --connections "$BURST" \
    --window-seconds "$BURST_WINDOW" --rounds "$BURST_ROUNDS" --settle-seconds 10
  stop_all
}

# ---- login penalty ----

item_guessing() {
  log "login penalty: $GUESS_CLIENTS guessers for $GUESS_SECONDS s per server"
  start ours
  start dovecot
  cat <<EOF

### Login penalty: ${GUESS_CLIENTS} connections from one address guessing \`plain\`'s password

Each connection sends USER and a new wrong PASS as soon as the last was answered, and connects
again when the server hangs up; ${GUESS_SECONDS} s per server, one server after the other (ours
first), each from an address it has not seen. Both servers at their defaults (ours
\`--login-penalty=on\`, 2 s failure delay; Dovecot's auth penalty and \`auth_failure_delay\`).

EOF
  client $((2 * GUESS_SECONDS + 120)) password-guessing --target "ours=${PORT[ours]}" --target "Dovecot=${PORT[dovecot]}" \
    --user plain --clients "$GUESS_CLIENTS" --seconds "$GUESS_SECONDS"
  stop_all
}

versions() {
  cat <<EOF
## mdpop3d and Dovecot on issue 13's inputs

- mdpop3j: $(cd "$HERE" && git rev-parse --short HEAD)$(cd "$HERE" && git diff --quiet HEAD || echo ' (with uncommitted changes)'), $(java -jar "$OURS_JAR" -V 2>/dev/null | head -1)
- Dovecot: $(dovecot --version)
- Java: $(java -version 2>&1 | head -1)
- OpenSSL: $(openssl version)
- Host: $(nproc) cores, $(uname -r), load average at start $(cut -d' ' -f1-3 /proc/loadavg) (the machine
  is shared with other builds: timings are noisy)
- Rerun: \`pop3-bench/attacks/compare.sh${ITEMS_ARG:+ $ITEMS_ARG}\`
EOF
}

main() {
  local items=("$@") stamp out
  ((${#items[@]})) || items=(maildir tls timing burst guessing)
  ITEMS_ARG="$*"
  ulimit -n "$(ulimit -Hn)"
  ((BURST + 100 < $(ulimit -n))) || { log "ulimit -n $(ulimit -n) is too low for $BURST connects"; exit 1; }
  mkdir -p "$RUN"
  stop_leftovers
  prepare
  trap stop_all EXIT
  stamp=$(date -u +%Y%m%d-%H%M%S)
  out="$WORK/compare-$stamp.md"
  {
    trap stop_all EXIT
    versions
    for item in "${items[@]}"; do
      case $item in
        maildir | tls | timing | burst | guessing) "item_$item" ;;
        *) log "unknown item $item (maildir, tls, timing, burst, guessing)"; exit 2 ;;
      esac
    done
    printf '\nLoad average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$out"
  log "tables: $out"
}

main "$@"
