#!/bin/sh
# Measures mdpop3d in inetd mode under tcpserver: connect-to-greeting time and CPU per connection.
# Usage: pop3-bench/measure-tcpserver.sh [N] [LAUNCHER...]   (after mvn package)
# LAUNCHER defaults to pop3-examples/bin/mdpop3d; "java -jar pop3-examples/target/mdpop3d.jar"
# compares the bare JVM. See "Start-up cost" in docs/mdpop3d.md.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20}
[ $# -gt 0 ] && shift
launcher=${*:-$root/pop3-examples/bin/mdpop3d}
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
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086
/usr/bin/time -f '%U %S' -o "$work/cpu" \
  tcpserver -q -R -H -l localhost 127.0.0.1 "$port" \
  $launcher --auth "passwd-file:$work/passwd" --auth-failure-delay=0 --log "$work/log" &
timer=$!
sleep 1
python3 - "$port" "$n" <<'PY'
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
def session(login):
    t0 = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port))
    f = s.makefile("rb")
    greeting = f.readline()
    t1 = time.monotonic()
    assert greeting.startswith(b"+OK"), greeting
    if login:
        s.sendall(b"USER bench\r\nPASS pw\r\nSTAT\r\nRETR 1\r\nQUIT\r\n")
    else:
        s.sendall(b"QUIT\r\n")
    replies = f.read()
    if login:
        assert b"+OK 1 " in replies, replies
    t2 = time.monotonic()
    s.close()
    return t1 - t0, t2 - t0
for _ in range(3):
    session(True)                      # warm the page cache and, with bin/mdpop3d, make the CDS archive
g = sorted(session(False)[0] for _ in range(n))
w = sorted(session(True)[1] for _ in range(n))
ms = lambda v: "%.0f ms" % (v * 1000)
print("connect-to-greeting: median %s, 90th percentile %s (n=%d)" % (ms(g[n // 2]), ms(g[int(n * 0.9)]), n))
print("whole session with login, STAT, RETR, QUIT: median %s (n=%d)" % (ms(w[n // 2]), n))
PY
sleep 1
# Stop this run's tcpserver (the child of /usr/bin/time) so that time reports its children's CPU.
kill "$(pgrep -P "$timer")" 2>/dev/null || true
wait "$timer" 2>/dev/null || true
total=$((2 * n + 3))
awk -v c="$total" '{printf "CPU per connection (user+sys, all %d connections): %.0f ms\n", c, ($1+$2)*1000/c}' "$work/cpu"
