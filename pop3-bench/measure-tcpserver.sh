#!/bin/sh
# Measures mdpop3d in inetd mode under tcpserver: connect-to-greeting time and CPU per connection.
# Usage (from the project root, after mvn package):
#   pop3-bench/measure-tcpserver.sh [N] [LAUNCHER...]    one launcher, N connections of each kind
#   pop3-bench/measure-tcpserver.sh [N] VARIANT...       several, interleaved, N rounds
# LAUNCHER defaults to pop3-examples/bin/mdpop3d; "java -jar pop3-examples/target/mdpop3d.jar"
# measures the bare JVM. A VARIANT is JAVA:CACHE[:ROOT], bin/mdpop3d with
#   JAVA   17, 25 ($JAVA17, $JAVA25: the JDKs in /usr/lib/jvm) or the path of a java command;
#   CACHE  none, cds (AppCDS archive), aot (JDK 25 AOT cache) or auto (what bin/mdpop3d picks);
#   ROOT   another checkout, built, whose bin/mdpop3d and jar to run (an A/B of two versions).
# Example: pop3-bench/measure-tcpserver.sh 40 17:none 17:cds 25:none 25:cds 25:aot
# Each round runs every variant once, greeting-and-QUIT, then once with a login, in an order that
# rotates by round; each variant's cache is made first, untimed. See "Start-up cost" in
# docs/mdpop3d.md.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20}
[ $# -gt 0 ] && shift
java17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home/Maildir/cur" "$work/home/Maildir/new" "$work/home/Maildir/tmp"
printf 'Subject: x\n\nbody\n' > "$work/home/Maildir/new/1.a.bench"
uid=$(id -u)
gid=$(id -g)
if [ "$uid" = 0 ]; then
  # As root, inetd mode drops to the account's user, which must not be root: use nobody.
  uid=65534
  gid=65534
  chmod 755 "$work"
  chown -R "$uid:$gid" "$work/home"
fi
echo "bench:{PLAIN}pw:$uid:$gid::$work/home::" > "$work/passwd"

variants=true
for arg in "$@"; do
  case $arg in *:*) ;; *) variants=false ;; esac
done
[ $# -eq 0 ] && variants=false

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

labels=""
ports=""
i=0
if $variants; then
  for variant in "$@"; do
    i=$((i + 1))
    javacmd=${variant%%:*}
    rest=${variant#*:}
    cache=${rest%%:*}
    other=$root
    [ "$rest" != "$cache" ] && other=${rest#*:}
    case $javacmd in
      17) javacmd=$java17 ;;
      25) javacmd=$java25 ;;
    esac
    case $cache in
      none) cds=none ;;
      cds) cds=$work/cache$i.jsa ;;
      aot) cds=$work/cache$i.aot ;;
      auto) cds= ;;
      *) echo "measure-tcpserver.sh: cache must be none, cds, aot or auto: $variant" >&2; exit 2 ;;
    esac
    # A jar of the variant's own, so that each variant makes its own cache (auto: beside it).
    mkdir -p "$work/v$i"
    cp "$other/pop3-examples/target/mdpop3d.jar" "$work/v$i/mdpop3d.jar"
    chmod -R a+rX "$work/v$i"
    # Make the cache now, untimed, as the Debian package's postinst does (bin/mdpop3d -V).
    JAVA="$javacmd" MDPOP3D_JAR="$work/v$i/mdpop3d.jar" MDPOP3D_CDS="$cds" \
      "$other/pop3-examples/bin/mdpop3d" -V >/dev/null
    port=$(free_port)
    /usr/bin/time -f '%U %S' -o "$work/cpu$i" \
      env JAVA="$javacmd" MDPOP3D_JAR="$work/v$i/mdpop3d.jar" MDPOP3D_CDS="$cds" \
      tcpserver -q -R -H -l localhost 127.0.0.1 "$port" \
      "$other/pop3-examples/bin/mdpop3d" \
      --auth "passwd-file:$work/passwd" --auth-failure-delay=0 --log "$work/log" &
    echo $! > "$work/timer$i"
    labels="$labels $variant"
    ports="$ports $port"
  done
else
  launcher=${*:-$root/pop3-examples/bin/mdpop3d}
  port=$(free_port)
  i=1
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S' -o "$work/cpu1" \
    tcpserver -q -R -H -l localhost 127.0.0.1 "$port" \
    $launcher --auth "passwd-file:$work/passwd" --auth-failure-delay=0 --log "$work/log" &
  echo $! > "$work/timer1"
  labels="launcher"
  ports=$port
fi
sleep 1
# shellcheck disable=SC2086
python3 - "$n" "$ports" "$labels" > "$work/result" <<'PY'
import math, socket, sys, time
n = int(sys.argv[1])
ports = [int(p) for p in sys.argv[2].split()]
labels = sys.argv[3].split()
def session(port, login):
    t0 = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port))
    f = s.makefile("rb")
    greeting = f.readline()
    t1 = time.monotonic()
    assert greeting.startswith(b"+OK") and greeting.endswith(b"\r\n"), greeting
    if login:
        s.sendall(b"USER bench\r\nPASS pw\r\nSTAT\r\nRETR 1\r\nQUIT\r\n")
    else:
        s.sendall(b"QUIT\r\n")
    replies = f.read()
    if login:
        assert b"+OK 1 " in replies, replies
    assert replies.startswith(b"+OK"), replies   # a JVM warning on the socket would show here
    t2 = time.monotonic()
    s.close()
    return t1 - t0, t2 - t0
for port in ports:
    for _ in range(3):
        session(port, True)   # warm the page cache (and make the cache of a LAUNCHER run)
greet = [[] for _ in ports]
whole = [[] for _ in ports]
k = len(ports)
for r in range(n):
    for j in range(k):
        v = (j + r) % k       # rotate the order so that no variant always follows the same one
        greet[v].append(session(ports[v], False)[0])
        whole[v].append(session(ports[v], True)[1])
ms = lambda x: "%.0f ms" % (x * 1000)
def median(xs):
    xs = sorted(xs)
    m = len(xs) // 2
    return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2
def p90(xs):
    return sorted(xs)[math.ceil(0.9 * len(xs)) - 1]
for v in range(k):
    print("%s\t%s\t%s\t%s\t%d" % (labels[v], ms(median(greet[v])), ms(p90(greet[v])),
                                 ms(median(whole[v])), n))
PY
sleep 1
# Stop each tcpserver (the child of /usr/bin/time) so that time reports its children's CPU.
j=0
for port in $ports; do
  j=$((j + 1))
  timer=$(cat "$work/timer$j")
  kill "$(pgrep -P "$timer")" 2>/dev/null || true
  wait "$timer" 2>/dev/null || true
done
total=$((2 * n + 3))
echo "| variant | connect-to-greeting, median / 90th percentile | whole session (login, STAT, RETR, QUIT), median | CPU per connection | rounds |"
echo "| --- | --- | --- | --- | --- |"
j=0
while IFS="$(printf '\t')" read -r label gmed gp90 wmed rounds; do
  j=$((j + 1))
  cpu=$(awk -v c="$total" '{printf "%.0f ms", ($1+$2)*1000/c}' "$work/cpu$j")
  echo "| $label | $gmed / $gp90 | $wmed | $cpu | $rounds |"
done < "$work/result"
