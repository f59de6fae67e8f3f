#!/usr/bin/env bash
# The scale-out rig (issue 18): on one Debian 12 machine, as root, GlusterFS bricks, two or three
# mdpop3d "hosts" and an HAProxy balancer, each in its own network namespace, then the scenarios
# of docs/scale-out.md, one table, and nothing left behind.
#
#   scale-out/rig.sh            full run (every scenario)
#   scale-out/rig.sh --quick    the CI subset: a short throughput run, one mailbox from two hosts,
#                               the hand-over case, the end invariant
#   scale-out/rig.sh up         bring the rig up and leave it running, to look around
#   scale-out/rig.sh teardown   remove what a run left (processes, mounts, namespaces, links)
#
# KEEP_LOGS=DIR keeps the daemons', HAProxy's and the FUSE clients' logs there after the teardown.
# RIG_POP_OPTS="--opt ..." adds launcher options to every mdpop3d (for example
# --maildir.trust-folder-stamps=always, the cache rule before issue 18, which the hand-over
# scenario must catch).
#
# The scenarios themselves are in rig_scenarios.py beside this file (python3's standard library
# only); this script installs, builds, brings the rig up, runs them and tears down.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ beside the script
REPO=$(cd "$HERE/.." && pwd)
STATE=${RIG_STATE:-/var/tmp/mdpop3j-rig}   # PIDs, logs, bricks, mounts: everything the run owns
NET=10.18.0                                # the rig's private /24, on a bridge in the root namespace
BRIDGE=rigbr0
VOLUME=rigvol
LEASE=15s                                  # maildir.lock-stale-after: short, so take-over is quick
RUN_LIMIT=600                              # the whole run, in seconds
STORAGE=(st1 st2 st3)
POPS=(pop1 pop2 pop3)
# Every namespace of the rig; the root namespace (10.18.0.1) runs the clients.
declare -A ADDR=([st1]=$NET.11 [st2]=$NET.12 [st3]=$NET.13 [pop1]=$NET.21 [pop2]=$NET.22
                 [pop3]=$NET.23 [lb]=$NET.30 [dlv]=$NET.40)
NAMESPACES=(st1 st2 st3 pop1 pop2 pop3 lb dlv)

started=$SECONDS
log() { printf '[rig %3ss] %s\n' "$((SECONDS - started))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
ns() { echo "rig-$1"; }
# Run a command with only the network namespace of a rig host (the mount namespace stays the
# root one, so FUSE mounts made there are visible to every process and to the teardown).
in_net() { local host=$1; shift; nsenter --net="/run/netns/$(ns "$host")" "$@"; }
# The same, replacing the shell: `in_net_exec HOST CMD &` makes $! the command's own PID (nsenter,
# unshare and sh below all exec), which is what the state dir records.
in_net_exec() { local host=$1; shift; exec nsenter --net="/run/netns/$(ns "$host")" "$@"; }
# disown: the teardown kills these by PID, and bash need not report each one as "Killed".
record_pid() { echo "$2" > "$STATE/pids/$1.pid"; disown "$2" 2>/dev/null || true; }

# --- install and build --------------------------------------------------------------------------

install_packages() {
  local need=()
  command -v glusterd >/dev/null || need+=(glusterfs-server)
  command -v haproxy >/dev/null || need+=(haproxy)
  command -v ip >/dev/null || need+=(iproute2)
  command -v nsenter >/dev/null || need+=(util-linux)
  command -v python3 >/dev/null || need+=(python3)
  command -v java >/dev/null || need+=(openjdk-17-jre-headless)
  [ -e /sbin/mount.glusterfs ] || need+=(glusterfs-client)
  [ ${#need[@]} = 0 ] && return
  log "installing ${need[*]}"
  # Another process may hold the dpkg lock (CI, another job): wait for it rather than fail.
  timeout 300 apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
    --no-install-recommends "${need[@]}" >/dev/null
}

find_jar() {
  JAR=$REPO/pop3-examples/target/mdpop3d.jar   # the shaded launcher (attached as classifier launcher)
  if [ ! -f "$JAR" ]; then
    if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
      log "installing maven and a JDK to build the launcher"
      timeout 300 apt-get update -qq
      DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
        --no-install-recommends maven openjdk-17-jdk-headless >/dev/null
    fi
    # Offline first (a developer's ~/.m2 has everything); a fresh machine has to download.
    log "building the launcher (mvn package)"
    (cd "$REPO" && { timeout 600 mvn -B -o -q -pl pop3-examples -am package -DskipTests ||
                     timeout 600 mvn -B -q -pl pop3-examples -am package -DskipTests; }) ||
      die "the launcher did not build"
  fi
  [ -f "$JAR" ] || die "no $JAR after the build"
}

# --- network: one bridge, one veth per namespace, no default route anywhere ----------------------

net_up() {
  log "network: bridge $BRIDGE ($NET.0/24), namespaces ${NAMESPACES[*]}"
  ip link add "$BRIDGE" type bridge
  ip addr add "$NET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  local h
  for h in "${NAMESPACES[@]}"; do
    ip netns add "$(ns "$h")"
    ip link add "rv-$h" type veth peer name eth0 netns "$(ns "$h")"
    ip link set "rv-$h" master "$BRIDGE" up
    ip -n "$(ns "$h")" addr add "${ADDR[$h]}/24" dev eth0
    ip -n "$(ns "$h")" link set lo up
    ip -n "$(ns "$h")" link set eth0 up
  done
}

# --- storage: one glusterd per storage namespace ---------------------------------------------------

# glusterd keeps its state in /var/lib/glusterd and its sockets and pid files in /run; three of them
# on one machine need three of each. Each runs in a private mount namespace (unshare -m) where its
# own directories are bound over those paths, and in its storage host's network namespace, so all
# three listen on 24007 at their own address and know each other as peers by IP, as real hosts do.
# Geo-replication's helper is replaced there by a stub: at start glusterd runs it, a Python
# program, several times to configure geo-replication, which the rig does not use; that cost
# 10-30 s per start on a loaded 2-core machine. (glusterd refuses to start when it is present but
# fails, so the stub answers --version as the helper does and accepts everything else.)
GSYNCD=/usr/lib/$(uname -m)-linux-gnu/glusterfs/gsyncd
start_glusterd() {
  local h=$1 d=$STATE/$1
  mkdir -p "$d/lib" "$d/run/gluster" "$d/log" "$d/brick"
  printf '#!/bin/sh\necho "gsyncd.py (mdpop3j rig stub)"\n' > "$STATE/gsyncd-stub"
  chmod 755 "$STATE/gsyncd-stub"
  in_net_exec "$h" unshare --mount --propagation private sh -c '
      mount --bind "$1/lib" /var/lib/glusterd &&
      mount --bind "$1/run" /run &&
      mount --bind "$1/log" /var/log/glusterfs &&
      { [ ! -e "$2" ] || mount --bind "$1/../gsyncd-stub" "$2"; } &&
      exec glusterd --no-daemon --log-level=WARNING' sh "$d" "$GSYNCD" > "$d/glusterd.out" 2>&1 &
  record_pid "glusterd-$h" $!
}

# The gluster CLI talks to glusterd through /run/glusterd.socket, so it runs in that glusterd's
# mount namespace.
gluster_on() {
  local h=$1; shift
  timeout 60 nsenter -t "$(cat "$STATE/pids/glusterd-$h.pid")" -m -n gluster --mode=script "$@"
}

wait_for() {   # wait_for SECONDS WHAT COMMAND...: poll every 0.2 s
  local limit=$1 what=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || die "$what: not ready after ${limit}s"
    sleep 0.2
  done
}

storage_up() {
  local h
  for h in "${STORAGE[@]}"; do start_glusterd "$h"; done
  for h in "${STORAGE[@]}"; do wait_for 30 "glusterd on $h" gluster_on "$h" peer status; done
  gluster_on st1 peer probe "${ADDR[st2]}" >/dev/null
  gluster_on st1 peer probe "${ADDR[st3]}" >/dev/null
  wait_for 30 "peers" sh -c "[ \$(nsenter -t $(cat "$STATE/pids/glusterd-st1.pid") -m -n \
      gluster peer status | grep -c 'Peer in Cluster (Connected)') = 2 ]"
  # replica 3 arbiter 1: two full copies and a metadata-only arbiter, as the issue's trial; `force`
  # because the three bricks are directories of one file system, not a disk each.
  log "storage: volume $VOLUME, replica 3 arbiter 1 on ${STORAGE[*]}"
  wait_for 30 "volume create" gluster_on st1 volume create "$VOLUME" replica 3 arbiter 1 \
    "${ADDR[st1]}:$STATE/st1/brick" "${ADDR[st2]}:$STATE/st2/brick" \
    "${ADDR[st3]}:$STATE/st3/brick" force
  gluster_on st1 volume start "$VOLUME" >/dev/null
  wait_for 30 "bricks online" bricks_online 3
}

bricks_online() {   # bricks_online N: at least N bricks say Online: Y in the volume status
  [ "$(gluster_on st1 volume status "$VOLUME" detail 2>/dev/null | grep -c '^Online.*: Y')" -ge "$1" ]
}

# A host's FUSE mount of the volume, with Gluster's default options (no cache timeouts changed):
# the glusterfs client runs in the host's network namespace and mounts in the root mount namespace.
mount_volume() {
  local h=$1 mnt=$STATE/mnt/$1
  mkdir -p "$mnt" "$STATE/$h"
  in_net "$h" timeout 30 glusterfs --process-name=fuse --volfile-id="$VOLUME" \
    --volfile-server="${ADDR[st1]}" --volfile-server="${ADDR[st2]}" --volfile-server="${ADDR[st3]}" \
    --log-level=WARNING --log-file="$STATE/$h/fuse.log" --pid-file="$STATE/pids/fuse-$h.pid" "$mnt"
  wait_for 30 "FUSE mount on $h" sh -c "[ \"\$(stat -f -c %T '$mnt')\" = fuseblk ] || \
      grep -q ' $mnt fuse' /proc/mounts"
}

# --- POP3 hosts and the balancer --------------------------------------------------------------------

# Each POP3 host: its own network namespace (no default route), its own UTS name, its own FUSE
# mount, a passwd-file whose homes are on that mount, and a lock-host of its own.
write_users() {
  local h=$1 i
  : > "$STATE/$h/users"
  for i in $(seq -w 1 "$MAILBOXES"); do
    echo "u$i:{PLAIN}pw$i::::$STATE/mnt/$h/mail/u$i" >> "$STATE/$h/users"
  done
}

start_pop() {
  local h=$1
  write_users "$h"
  # -T is not given: the APOP host tag is not asked of a resolver (there is none in the namespace).
  in_net_exec "$h" unshare --uts sh -c 'hostname "$1"; shift; exec "$@"' sh "$h" \
    java -Xmx256m -XX:+UseSerialGC -jar "$JAR" --listen :110 --log stderr -q --greeting="$h ready." \
      --auth "passwd-file:$STATE/$h/users" --maildir.subdir=. \
      --maildir.lock-host="$h" --maildir.lock-stale-after="$LEASE" \
      --proxy-trusted="${ADDR[lb]}/32" --proxy-timeout=2s \
      --auth-failure-delay=0 --login-penalty=off ${RIG_POP_OPTS:-} \
    >> "$STATE/$h/daemon.log" 2>&1 &
  record_pid "pop-$h" $!
}

wait_pop() { wait_for 60 "mdpop3d on $1" python3 "$HERE/rig_scenarios.py" --state "$STATE" probe "${ADDR[$1]}"; }

balancer_up() {
  mkdir -p "$STATE/lb"
  local h servers=""
  for h in "${POPS[@]}"; do servers+="    server $h ${ADDR[$h]}:110"$'\n'; done
  # tcp mode, leastconn, PROXY v2 to every host; the health check sends the header too
  # (check-send-proxy) and wants the greeting, so a killed host is out within about a second.
  cat > "$STATE/lb/haproxy.cfg" <<EOF
global
    maxconn 4000
    stats socket $STATE/lb/admin.sock mode 600 level admin
defaults
    mode tcp
    timeout connect 2s
    timeout client 11m
    timeout server 11m
frontend pop3
    bind :110
    default_backend pop3_hosts
backend pop3_hosts
    balance leastconn
    # A connection that reaches a host which has just died is tried on another one.
    option redispatch
    retries 3
    option tcp-check
    tcp-check expect string +OK
    default-server send-proxy-v2 check check-send-proxy inter 500ms fall 2 rise 2
$servers
EOF
  in_net_exec lb haproxy -db -f "$STATE/lb/haproxy.cfg" > "$STATE/lb/haproxy.log" 2>&1 &
  record_pid haproxy $!
  wait_for 20 "haproxy" test -S "$STATE/lb/admin.sock"
}

rig_up() {
  # The state dir is a tmpfs of its own: the bricks live there (tmpfs keeps the trusted.* extended
  # attributes Gluster needs), so the run does not wait on the disk, and the teardown is an unmount.
  mkdir -p "$STATE"
  mount -t tmpfs -o size=2g,mode=0700 mdpop3j-rig "$STATE"
  mkdir -p "$STATE/pids" "$STATE/mnt"
  net_up
  storage_up
  local h
  for h in "${POPS[@]}" dlv; do mount_volume "$h"; done
  log "storage: mounted on ${POPS[*]} dlv"
  for h in "${POPS[@]}"; do start_pop "$h"; done
  balancer_up
  for h in "${POPS[@]}"; do wait_pop "$h"; done
  log "rig up: ${#POPS[@]} POP3 hosts behind HAProxy on ${ADDR[lb]}:110"
}

# --- teardown: by recorded PID and by namespace, never by process name ------------------------------

kill_namespace_processes() {
  local h pids
  for h in "${NAMESPACES[@]}"; do
    [ -e "/run/netns/$(ns "$h")" ] || continue
    pids=$(ip netns pids "$(ns "$h")" 2>/dev/null || true)
    [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
  done
}

teardown() {
  local f pid h
  trap - EXIT INT TERM
  [ -n "${WATCHDOG:-}" ] && kill "$WATCHDOG" 2>/dev/null || true
  # Nothing to do when no state, bridge or namespace of the rig is left.
  [ -d "$STATE" ] || ip link show "$BRIDGE" >/dev/null 2>&1 || ip netns list | grep -q '^rig-' || return 0
  log "teardown"
  # The scenarios' `timeout` passes TERM on to them (a KILL would leave them running).
  [ -n "${SCENARIOS:-}" ] && kill -TERM "$SCENARIOS" 2>/dev/null && wait "$SCENARIOS" 2>/dev/null || true
  # Processes first, so nothing writes while the mounts go.
  if [ -d "$STATE/pids" ]; then
    for f in "$STATE"/pids/*.pid; do
      [ -e "$f" ] || continue
      pid=$(cat "$f"); [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    done
  fi
  kill_namespace_processes
  log "teardown: processes killed"
  if [ -d "$STATE/mnt" ]; then
    for f in "$STATE"/mnt/*; do
      grep -q " $f " /proc/mounts && umount -l "$f" 2>/dev/null || true
    done
  fi
  sleep 0.3
  kill_namespace_processes
  for h in "${NAMESPACES[@]}"; do
    ip link del "rv-$h" 2>/dev/null || true
    ip netns del "$(ns "$h")" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  log "teardown: mounts, namespaces and links removed"
  if [ -n "${KEEP_LOGS:-}" ] && [ -d "$STATE" ]; then
    mkdir -p "$KEEP_LOGS"
    for f in "$STATE"/*/*.log; do cp "$f" "$KEEP_LOGS/$(basename "$(dirname "$f")")-$(basename "$f")"; done
  fi
  # Nothing under the state dir is mounted now but the state dir's own tmpfs.
  if ! grep -q " $STATE/" /proc/mounts; then
    grep -q " $STATE " /proc/mounts && umount "$STATE"
    rm -rf "$STATE"
  fi
  log "teardown done"
}

main() {
  [ "$(id -u)" = 0 ] || die "run as root (network namespaces, FUSE, bind mounts)"
  local mode=full
  case "${1:-}" in
    teardown) teardown; log "torn down"; exit 0 ;;
    up) mode=up ;;
    --quick) mode=quick ;;
    "") ;;
    _restart-pop) start_pop "$2"; wait_pop "$2"; exit 0 ;;   # for rig_scenarios.py
    _restart-bricks) gluster_on st1 volume start "$VOLUME" force >/dev/null; wait_for 30 "bricks" bricks_online 3; exit 0 ;;
    *) echo "usage: $0 [--quick | up | teardown]" >&2; exit 2 ;;
  esac
  # Installing and building are bounded by their own timeouts, outside the run's limit.
  if [ "$mode" = quick ]; then POPS=(pop1 pop2); fi
  install_packages
  find_jar
  started=$SECONDS
  # Leftovers of an interrupted run would collide with this one.
  teardown
  trap teardown EXIT
  trap 'exit 130' INT TERM
  # The whole run is bounded: after RUN_LIMIT seconds the watchdog stops it (and the trap cleans).
  # Its sleep is killed with it (the trap), so no process outlives the run.
  (trap 'kill $sleeper 2>/dev/null; exit 0' TERM
   sleep "$RUN_LIMIT" & sleeper=$!; wait $sleeper
   log "run limit of ${RUN_LIMIT}s reached"; kill -TERM $$) >/dev/null &
  WATCHDOG=$!
  if [ "$mode" = quick ]; then MAILBOXES=12; else MAILBOXES=24; fi
  export MAILBOXES
  rig_up
  if [ "$mode" = up ]; then
    trap - EXIT INT TERM; kill "$WATCHDOG"
    log "left running; state in $STATE; remove it with: $0 teardown"
    exit 0
  fi
  log "scenarios ($mode)"
  local rc=0
  # In the background with `wait`, so that a signal (Ctrl-C, the watchdog) is acted on at once:
  # bash runs a trap only after the foreground command ends.
  timeout $((RUN_LIMIT - (SECONDS - started) - 20)) python3 "$HERE/rig_scenarios.py" \
    --state "$STATE" --rig "$HERE/rig.sh" --mode "$mode" --mailboxes "$MAILBOXES" \
    --pops "$(IFS=,; echo "${POPS[*]}")" --lb "${ADDR[lb]}" --lease "${LEASE%s}" \
    --pop-addrs "$(for h in "${POPS[@]}"; do printf '%s=%s,' "$h" "${ADDR[$h]}"; done)" &
  SCENARIOS=$!
  wait "$SCENARIOS" || rc=$?
  SCENARIOS=
  log "done in $((SECONDS - started))s; exit status $rc"
  exit "$rc"
}

# The restart helpers run inside a rig brought up by main: they need its settings.
if [ "${1:-}" = _restart-pop ] || [ "${1:-}" = _restart-bricks ]; then
  MAILBOXES=${MAILBOXES:?}; find_jar
fi
main "$@"
