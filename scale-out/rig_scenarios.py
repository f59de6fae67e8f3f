#!/usr/bin/env python3
"""The scenarios of the scale-out rig (issue 18), run by rig.sh against the rig it brought up.

Clients run in the root network namespace: through the balancer, or straight to one POP3 host
when a scenario needs to choose the host (the root namespace is not a trusted balancer, so the
hosts expect no PROXY header from it). Mail is delivered, and checked at the end, through the
delivery host's own FUSE mount. Standard library only.
"""
import argparse
import csv
import hashlib
import io
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time

PORT = 110


# --- a POP3 client that keeps the wire octets -------------------------------------------------------

class Pop3Error(Exception):
    pass


class Session:
    """A small POP3 client over a raw socket. RETR returns the body exactly as it came over the
    wire (still dot-stuffed, CRLF line ends), so it can be compared octet for octet with the
    wire form of the file that was delivered."""

    def __init__(self, host, timeout=30.0):
        self.sock = socket.create_connection((host, PORT), timeout=timeout)
        self.buf = bytearray()
        self.greeting = self.line()
        if not self.greeting.startswith("+OK"):
            raise Pop3Error("greeting: " + self.greeting)
        # The rig starts each host with the greeting "<host> ready.", so a client knows who served it.
        self.host = self.greeting.split()[1] if len(self.greeting.split()) > 1 else "?"

    def _fill(self):
        chunk = self.sock.recv(262144)
        if not chunk:
            raise Pop3Error("connection closed by the server")
        self.buf += chunk

    def line(self):
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                text = bytes(self.buf[:i]).decode("ascii", "replace")
                del self.buf[:i + 2]
                return text
            self._fill()

    def command(self, text):
        self.sock.sendall(text.encode("ascii") + b"\r\n")
        return self.line()

    def ok(self, text):
        reply = self.command(text)
        if not reply.startswith("+OK"):
            raise Pop3Error(f"{text.split()[0]}: {reply}")
        return reply

    def multiline(self):
        """The body of a multi-line reply up to (not including) the final ".\\r\\n"."""
        start = 0
        while True:
            if self.buf.startswith(b".\r\n"):
                del self.buf[:3]
                return b""
            i = self.buf.find(b"\r\n.\r\n", start)
            if i >= 0:
                body = bytes(self.buf[:i + 2])
                del self.buf[:i + 5]
                return body
            start = max(0, len(self.buf) - 4)
            self._fill()

    def login(self, user, password):
        """The PASS reply: "+OK ..." or the "-ERR ..." text (such as -ERR [IN-USE])."""
        self.ok("USER " + user)
        return self.command("PASS " + password)

    def uidl(self):
        self.ok("UIDL")
        pairs = (l.split() for l in self.multiline().decode("ascii").splitlines())
        return {int(n): uid for n, uid in pairs}

    def sizes(self):
        self.ok("LIST")
        pairs = (l.split() for l in self.multiline().decode("ascii").splitlines())
        return {int(n): int(size) for n, size in pairs}

    def retr(self, n):
        self.ok(f"RETR {n}")
        return self.multiline()

    def quit(self):
        return self.command("QUIT")

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def wire_form(content):
    """What RFC 1939 says the server sends for a file of LF-ended lines: CRLF line ends and a dot
    doubled at the start of a line (the terminating line not included)."""
    out = []
    for line in content.split(b"\n")[:-1]:
        out.append((b"." + line if line.startswith(b".") else line) + b"\r\n")
    return b"".join(out)


# --- the ledger: what was delivered, what a client deleted with a QUIT that answered +OK -------------

class Ledger:
    def __init__(self, maildirs):
        self.maildirs = maildirs        # mailbox -> its Maildir on the delivery host's mount
        self.delivered = {}             # mailbox -> {uid: (sha256, wire bytes, LIST size)}
        self.arrived = {}               # mailbox -> {uid}: renamed into new/, so every later login lists it
        self.deleted = {}               # mailbox -> {uid}
        self.lock = threading.Lock()
        self.seq = 0

    def expected(self, box):
        """What a listing may hold now: delivered (or being delivered) and not deleted."""
        with self.lock:
            return {u: v for u, v in self.delivered[box].items() if u not in self.deleted[box]}

    def settled(self, box):
        """What a login from now on must list: arrived in new/ and not deleted."""
        with self.lock:
            return self.arrived[box] - self.deleted[box]

    def deliver(self, box, content):
        """Maildir delivery from the delivery host: write in tmp/, then rename into new/."""
        with self.lock:
            self.seq += 1
            name = f"{int(time.time())}.M{self.seq}P{os.getpid()}.dlv"
            # LIST's size is the wire size before dot-stuffing (RFC 1939 §11): CRLF line ends.
            # Known before the rename, so a session that lists it finds it in the ledger.
            self.delivered[box][name] = (hashlib.sha256(content).hexdigest(), wire_form(content),
                                         len(content) + content.count(b"\n"))
        d = self.maildirs[box]
        with open(f"{d}/tmp/{name}", "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(f"{d}/tmp/{name}", f"{d}/new/{name}")
        with self.lock:
            self.arrived[box].add(name)
        return name

    def quit_deleted(self, box, uids):
        with self.lock:
            self.deleted[box].update(uids)


def message(rng, size):
    """A message of about `size` octets with the lines a POP3 server must get right: lines that
    start with a dot, a line that is only a dot, empty lines, 8-bit text."""
    head = (f"From: rig@example.org\nTo: user@example.org\nSubject: rig {rng.random()}\n"
            f"Message-ID: <{rng.getrandbits(64):x}@rig>\n\n").encode()
    body = bytearray(head)
    specials = [b".", b"..", b".leading dot", b"", b"caf\xc3\xa9 \xe2\x82\xac", b"From the start"]
    while len(body) < size:
        if rng.random() < 0.1:
            body += rng.choice(specials) + b"\n"
        else:
            body += bytes(rng.choice(b"abcdefghij klmnopqrstuvwxyz0123456789") for _ in range(rng.randint(0, 90))) + b"\n"
    return bytes(body)


# --- the rig around the clients: the balancer's admin socket, PIDs, restarts --------------------------

class Rig:
    def __init__(self, args):
        self.args = args
        self.state = args.state
        self.lb = args.lb
        self.pops = args.pops.split(",")
        self.addr = dict(p.split("=") for p in args.pop_addrs.strip(",").split(","))

    def haproxy(self, command):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(5)
        s.connect(f"{self.state}/lb/admin.sock")
        s.sendall(command.encode() + b"\n")
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
        s.close()
        return out.decode()

    def server_status(self):
        """host -> UP, DOWN, MAINT ... as HAProxy sees it."""
        text = self.haproxy("show stat").lstrip("# ")
        return {r["svname"]: r["status"] for r in csv.DictReader(io.StringIO(text))
                if r["pxname"] == "pop3_hosts" and r["svname"] in self.pops}

    def use_hosts(self, hosts):
        for h in self.pops:
            self.haproxy(f"set server pop3_hosts/{h} state {'ready' if h in hosts else 'maint'}")
        wait_until(lambda: all((s == "UP") == (h in hosts) for h, s in self.server_status().items()), 15,
                   f"HAProxy to use {hosts}")

    def pid(self, name):
        with open(f"{self.state}/pids/{name}.pid") as f:
            return int(f.read())

    def rig_sh(self, *args):
        subprocess.run([self.args.rig, *args], check=True, timeout=120,
                       env=dict(os.environ, MAILBOXES=str(self.args.mailboxes)))

    def brick_pid(self, host):
        d = f"{self.state}/{host}/run/gluster/vols/rigvol"
        for name in os.listdir(d):
            if name.endswith(".pid"):
                with open(f"{d}/{name}") as f:
                    return int(f.read())
        raise RuntimeError(f"no brick pid file in {d}")

    def gluster(self, *args):
        """The gluster CLI in st1's glusterd's namespaces (see gluster_on in rig.sh)."""
        return subprocess.run(["nsenter", "-t", str(self.pid("glusterd-st1")), "-m", "-n", "gluster",
                               "--mode=script", *args], capture_output=True, text=True, timeout=60).stdout

    def heal_pending(self):
        out = self.gluster("volume", "heal", "rigvol", "info", "summary")
        counts = [int(l.split(":")[1]) for l in out.splitlines()
                  if l.strip().startswith("Total Number of entries:")]
        if len(counts) < 3:         # a brick that does not answer is not healed
            raise RuntimeError("heal info: " + out.strip()[:200])
        return sum(counts)


def wait_until(predicate, seconds, what):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return
        except (OSError, Pop3Error):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"timed out after {seconds}s waiting for {what}")


# --- checks shared by the scenarios --------------------------------------------------------------------

def user(box):
    return box, "pw" + box[1:]


def check_mailbox(session, ledger, box, retrieve=True, settled=None):
    """Compare one logged-in session's listing with the ledger, and every RETR octet for octet:
    it must list what had arrived before the login (`settled`, taken before it, when mail is
    delivered meanwhile) and nothing that was not delivered or was deleted by a QUIT.
    Returns (octets retrieved, list of problems)."""
    problems = []
    if settled is None:
        settled = ledger.settled(box)
    uids = session.uidl()
    sizes = session.sizes()
    expected = ledger.expected(box)
    listed = set(uids.values())
    missing = settled - listed
    extra = listed - set(expected)
    if missing or extra:
        problems.append(f"{box} on {session.host}: listing differs from the ledger "
                        f"(missing {sorted(missing)[:3]}, extra {sorted(extra)[:3]})")
    octets = 0
    for n, uid in uids.items():
        if uid not in expected:
            continue
        _, wire, size = expected[uid]
        if sizes[n] != size:
            problems.append(f"{box} on {session.host}: LIST {n} says {sizes[n]}, the message has {size} octets")
        if retrieve:
            body = session.retr(n)
            octets += len(body)
            if body != wire:
                problems.append(f"{box} on {session.host}: RETR {n} ({uid}) differs from the file written")
    return octets, problems


class Results:
    def __init__(self):
        self.rows = []

    def add(self, name, passed, numbers):
        self.rows.append((name, "PASS" if passed else "FAIL", numbers))
        print(f"  {'PASS' if passed else 'FAIL'}  {name}: {numbers}", flush=True)

    def table(self):
        w = max(len(r[0]) for r in self.rows)
        print()
        print(f"| {'scenario'.ljust(w)} | result | numbers |")
        print(f"| {'-' * w} | ------ | ------- |")
        for name, result, numbers in self.rows:
            print(f"| {name.ljust(w)} | {result}   | {numbers} |")
        return all(r[1] == "PASS" for r in self.rows)


# --- scenario 1: many clients through the balancer, every octet checked -------------------------------

def load(rig, ledger, boxes, workers, seconds, deletes=False, stop=None):
    """`workers` clients, each with its own share of `boxes`, do whole sessions through the
    balancer (login, UIDL, LIST, RETR every message and compare it, QUIT) for `seconds`.
    With `deletes`, each session also deletes one message and the ledger learns it at +OK."""
    stats = {"sessions": 0, "octets": 0, "errors": [], "problems": [], "hosts": {}}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(mine):
        rng = random.Random()
        i = 0
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            box = mine[i % len(mine)]
            i += 1
            settled = ledger.settled(box)
            try:
                s = Session(rig.lb)
                try:
                    reply = s.login(*user(box))
                    if not reply.startswith("+OK"):
                        raise Pop3Error(f"PASS {box} on {s.host}: {reply}")
                    octets, problems = check_mailbox(s, ledger, box, settled=settled)
                    gone = set()
                    if deletes:
                        uids = s.uidl()
                        if uids:
                            n = rng.choice(sorted(uids))
                            s.ok(f"DELE {n}")
                            gone.add(uids[n])
                    reply = s.quit()
                    if reply.startswith("+OK"):
                        ledger.quit_deleted(box, gone)
                    else:
                        problems.append(f"QUIT {box} on {s.host}: {reply}")
                finally:
                    s.close()
                with lock:
                    stats["sessions"] += 1
                    stats["octets"] += octets
                    stats["problems"] += problems
                    stats["hosts"][s.host] = stats["hosts"].get(s.host, 0) + 1
            except (OSError, Pop3Error) as e:
                with lock:
                    stats["errors"].append(f"{box}: {e}")
                time.sleep(0.2)

    threads = [threading.Thread(target=worker, args=(boxes[w::workers],)) for w in range(min(workers, len(boxes)))]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats["seconds"] = time.monotonic() - started
    return stats


def scenario_throughput(rig, ledger, results, boxes, host_counts, seconds):
    numbers, passed = [], True
    # A few seconds on every host first, so no configuration pays for the JVMs' warm-up.
    load(rig, ledger, boxes, workers=12, seconds=3)
    for n in host_counts:
        hosts = rig.pops[:n]
        rig.use_hosts(hosts)
        st = load(rig, ledger, boxes, workers=12, seconds=seconds)
        ok = not st["errors"] and not st["problems"] and st["sessions"] > 0 and len(st["hosts"]) == n
        passed &= ok
        for line in (st["errors"] + st["problems"])[:5]:
            print("    " + line)
        numbers.append(f"{n} host{'s' if n > 1 else ''}: {st['sessions'] / st['seconds']:.1f} sessions/s, "
                       f"{st['octets'] / st['seconds'] / 1e6:.1f} MB/s "
                       f"({st['sessions']} sessions, {st['octets'] / 1e6:.0f} MB checked, "
                       f"{len(st['errors'])} errors, {len(st['problems'])} mismatches)")
    rig.use_hosts(rig.pops)
    results.add("1 many clients via HAProxy, octets checked", passed, "; ".join(numbers))


# --- scenario 2: one mailbox from two hosts at once -----------------------------------------------------

def scenario_one_mailbox_two_hosts(rig, ledger, results, box, rounds):
    a, b = rig.pops[0], rig.pops[1]
    outcomes = {"one winner": 0, "both in": 0, "none in": 0, "other": 0}
    details = []
    for r in range(rounds):
        barrier = threading.Barrier(2)
        replies = {}

        def attempt(host):
            s = Session(rig.addr[host])
            try:
                s.ok("USER " + box)
                barrier.wait(10)
                replies[host] = s.command("PASS " + user(box)[1])
                if replies[host].startswith("+OK"):
                    time.sleep(0.3)         # hold the lock while the other one tries
                    s.quit()
            finally:
                s.close()

        threads = [threading.Thread(target=attempt, args=(h,)) for h in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        oks = [h for h, r in replies.items() if r.startswith("+OK")]
        in_use = [h for h, r in replies.items() if r.startswith("-ERR [IN-USE]")]
        if len(oks) == 1 and len(in_use) == 1:
            outcomes["one winner"] += 1
        elif len(oks) == 2:
            outcomes["both in"] += 1
        elif not oks and len(in_use) == 2:
            outcomes["none in"] += 1
        else:
            outcomes["other"] += 1
            details.append(str(replies))
    for d in details[:3]:
        print("    " + d)
    results.add("2 one mailbox from two hosts at once", outcomes["one winner"] == rounds,
                f"{outcomes['one winner']}/{rounds} rounds exactly one session in and the other -ERR [IN-USE] "
                f"(both in: {outcomes['both in']}, none: {outcomes['none in']}, other: {outcomes['other']})")


# --- scenario 3: delivery from another host during sessions ---------------------------------------------

def scenario_delivery(rig, ledger, results, boxes, rng):
    problems, delivered = [], 0
    sessions = []
    for box in boxes:
        s = Session(rig.lb)
        if not s.login(*user(box)).startswith("+OK"):
            problems.append(f"{box}: login refused")
        sessions.append((box, s, s.uidl()))
    # While every mailbox is open somewhere, the delivery host writes new mail into each.
    new = {box: [ledger.deliver(box, message(rng, rng.randint(500, 40000))) for _ in range(3)] for box in boxes}
    delivered = sum(len(v) for v in new.values())
    for box, s, before in sessions:
        # The session's snapshot does not change (RFC 1939); it deletes its first message.
        if s.uidl() != before:
            problems.append(f"{box} on {s.host}: the listing changed within the session")
        if before:
            s.ok("DELE 1")
        if s.quit().startswith("+OK") and before:
            ledger.quit_deleted(box, {before[1]})
        s.close()
    seen = 0
    for box in boxes:
        s = Session(rig.lb)
        try:
            if not s.login(*user(box)).startswith("+OK"):
                problems.append(f"{box}: second login refused")
                continue
            _, p = check_mailbox(s, ledger, box)
            problems += p
            seen += len(set(new[box]) & set(s.uidl().values()))
            s.quit()
        finally:
            s.close()
    for p in problems[:5]:
        print("    " + p)
    results.add("3 delivery from another host during sessions", not problems and seen == delivered,
                f"{delivered} messages delivered into {len(boxes)} open mailboxes from the delivery host; "
                f"{seen}/{delivered} in the next session, octets checked; {len(problems)} problems")


# --- scenario 6: the hand-over case under Gluster's default mount options -------------------------------

def scenario_hand_over(rig, ledger, results, box, rounds, rng):
    stale, refused, other, gaps = 0, 0, [], []
    for r in range(rounds):
        a, b = (rig.pops[0], rig.pops[1]) if r % 2 == 0 else (rig.pops[1], rig.pops[0])
        # The folders rest long enough for their stamp to settle (the store writes a stamp into its
        # cache only when both folders' times are 2 s old), then B sees the Maildir (as in the
        # issue's trial, where B served it before A): B's cache file has a stamp, and B's FUSE
        # client holds the folders' attributes (1 s by default) when A changes them.
        time.sleep(2.5)
        s = Session(rig.addr[b])
        if s.login(*user(box)).startswith("+OK"):
            s.uidl()
            s.quit()
        s.close()
        s = Session(rig.addr[a])
        reply = s.login(*user(box))
        if not reply.startswith("+OK"):
            other.append(f"round {r}: login on {a}: {reply}")
            s.close()
            continue
        uids = s.uidl()
        s.ok("DELE 1")
        if not s.quit().startswith("+OK"):
            other.append(f"round {r}: QUIT on {a} failed")
        ledger.quit_deleted(box, {uids[1]})
        s.close()
        gap = rng.uniform(0.1, 0.7)
        gaps.append(gap)
        time.sleep(gap)
        s = Session(rig.addr[b])
        reply = s.login(*user(box))
        if not reply.startswith("+OK"):
            refused += 1
            other.append(f"round {r}: {b} {gap * 1000:.0f} ms after {a}'s QUIT: {reply}")
        else:
            listed = set(s.uidl().values())
            if uids[1] in listed:
                stale += 1
                other.append(f"round {r}: {b} lists {uids[1]} {gap * 1000:.0f} ms after {a} deleted it")
            _, p = check_mailbox(s, ledger, box)
            other += p
            s.quit()
        s.close()
    for o in other[:5]:
        print("    " + o)
    results.add("6 hand-over: A deletes and QUITs, B logs in", not other,
                f"{rounds - stale - refused}/{rounds} rounds B did not list the deleted message "
                f"({min(gaps) * 1000:.0f}-{max(gaps) * 1000:.0f} ms after A's QUIT, default mount options); "
                f"stale listings {stale}, logins refused {refused}")


# --- scenario 4: kill -9 of a POP3 host mid-session -------------------------------------------------------

def scenario_kill_host(rig, ledger, results, boxes, lease):
    problems = []
    sessions = []
    for box in boxes:
        s = Session(rig.lb)
        if not s.login(*user(box)).startswith("+OK"):
            problems.append(f"{box}: login refused")
        sessions.append((box, s))
    by_host = {}
    for box, s in sessions:
        by_host.setdefault(s.host, []).append((box, s))
    victim = max(by_host, key=lambda h: len(by_host[h]))
    victims = by_host[victim]
    # The victim's sessions delete messages and are mid-RETR when the host dies; no QUIT reaches it.
    for box, s in victims:
        uids = s.uidl()
        for n in list(uids)[:2]:
            s.ok(f"DELE {n}")
        big = max(s.sizes().items(), key=lambda kv: kv[1])[0]
        s.sock.sendall(f"RETR {big}\r\n".encode())
    time.sleep(0.05)
    os.kill(rig.pid(f"pop-{victim}"), signal.SIGKILL)
    killed = time.monotonic()
    for box, s in victims:
        s.close()
    # HAProxy notices by its health check.
    wait_until(lambda: rig.server_status()[victim] == "DOWN", 15, f"HAProxy to mark {victim} down")
    down_after = time.monotonic() - killed
    # New sessions for the other hosts' mailboxes: all served by the survivors.
    others = [box for h, l in by_host.items() if h != victim for box, s in l]
    for box, s in sessions:
        if (box, s) not in victims:
            s.quit()
            s.close()
    routed, wrong = 0, 0
    for box in others * 2:
        s = Session(rig.lb)
        try:
            if s.host == victim:
                wrong += 1
            if s.login(*user(box)).startswith("+OK"):
                _, p = check_mailbox(s, ledger, box, retrieve=False)
                problems += p
                routed += 1
            s.quit()
        finally:
            s.close()
    # The victim's Maildirs: [IN-USE] until its lease lapses, then taken over, nothing deleted.
    taken = {}
    early = []
    pending = {box for box, s in victims}
    end = killed + 3 * lease + 10
    while pending and time.monotonic() < end:
        for box in sorted(pending):
            s = Session(rig.lb)
            try:
                reply = s.login(*user(box))
                if reply.startswith("+OK"):
                    taken[box] = time.monotonic() - killed
                    _, p = check_mailbox(s, ledger, box)
                    problems += p
                    s.quit()
                    pending.discard(box)
                elif "[IN-USE]" not in reply:
                    problems.append(f"{box}: {reply}")
            finally:
                s.close()
        time.sleep(0.5)
    for box, t in taken.items():
        # The holder refreshed its lock every third of the lease, so it is stale at the earliest
        # two thirds of a lease after the kill; a take-over before that would trust a dead PID.
        if t < lease * 2 / 3 - 1:
            early.append(f"{box} after {t:.1f}s")
    if pending:
        problems.append(f"not taken over after {end - killed:.0f}s: {sorted(pending)}")
    # The host comes back for the next scenarios.
    rig.rig_sh("_restart-pop", victim)
    wait_until(lambda: rig.server_status()[victim] == "UP", 30, f"{victim} up again")
    for p in (problems + early)[:5]:
        print("    " + p)
    passed = not problems and not early and wrong == 0 and routed == len(others) * 2
    t = sorted(taken.values())
    results.add("4 kill -9 of a POP3 host mid-session", passed,
                f"{victim} killed with {len(victims)} sessions open (DELE sent, RETR under way); HAProxy marked it "
                f"DOWN after {down_after:.1f}s; {routed}/{len(others) * 2} new sessions served by the others; "
                f"its {len(victims)} Maildirs taken over {t[0] if t else 0:.1f}-{t[-1] if t else 0:.1f}s after the kill "
                f"(lease {lease:.0f}s), nothing deleted without QUIT")


# --- scenario 5: a storage brick killed mid-run -----------------------------------------------------------

def scenario_kill_brick(rig, ledger, results, boxes, rng):
    stop = threading.Event()
    out = {}
    loader = threading.Thread(target=lambda: out.update(load(rig, ledger, boxes, workers=8, seconds=20,
                                                                deletes=True, stop=stop)))
    delivered, failed = [0], []

    def deliverer():
        while not stop.is_set():
            try:
                ledger.deliver(rng.choice(boxes), message(rng, rng.randint(500, 20000)))
                delivered[0] += 1
            except OSError as e:          # an MTA would retry; the invariant counts it
                failed.append(str(e))
            time.sleep(0.1)

    d = threading.Thread(target=deliverer)
    loader.start()
    d.start()
    time.sleep(3)
    victim = "st2"          # a data brick (st3 is the arbiter)
    os.kill(rig.brick_pid(victim), signal.SIGKILL)
    killed = time.monotonic()
    time.sleep(8)
    during = dict(out)
    rig.rig_sh("_restart-bricks")
    back = time.monotonic() - killed
    rig.gluster("volume", "heal", "rigvol")      # start the index heal now, not at the next crawl
    time.sleep(2)
    stop.set()
    loader.join()
    d.join()
    heal_start = time.monotonic()
    wait_until(lambda: rig.heal_pending() == 0, 60, "self-heal")
    healed = time.monotonic() - heal_start
    for line in (out["errors"] + out["problems"])[:5]:
        print("    " + line)
    for line in failed[:3]:
        print("    delivery failed: " + line)
    passed = not out["errors"] and not out["problems"] and out["sessions"] > 0 and not failed
    results.add("5 a storage brick killed mid-run", passed,
                f"brick on {victim} killed 3s into {out['seconds']:.0f}s of load with deletions and "
                f"{delivered[0]} deliveries ({len(failed)} failed), restarted after {back:.0f}s; {out['sessions']} sessions, "
                f"{len(out['errors'])} errors, {len(out['problems'])} mismatches; healed {healed:.1f}s later")


# --- scenario 7: the invariant at the end -------------------------------------------------------------------

def scenario_invariant(rig, ledger, results):
    lost, wrongly_deleted, dup, corrupt, unknown, locks = [], [], [], [], [], []
    total_delivered = total_deleted = present = 0
    for box, d in ledger.maildirs.items():
        names = {}
        for sub in ("new", "cur"):
            for name in os.listdir(f"{d}/{sub}"):
                names.setdefault(name.split(":")[0], []).append(f"{d}/{sub}/{name}")
        if os.path.exists(f"{d}/mdpop3j-pop3.lock"):
            locks.append(box)
        delivered = ledger.delivered[box]
        deleted = ledger.deleted[box]
        total_delivered += len(delivered)
        total_deleted += len(deleted)
        for uid, (digest, _, _) in delivered.items():
            files = names.get(uid, [])
            if uid not in ledger.arrived[box]:
                continue          # its delivery failed (counted by its scenario)
            if uid in deleted:
                if files:
                    wrongly_deleted.append(f"{box}/{uid} deleted by a QUIT but present")
                continue
            if not files:
                lost.append(f"{box}/{uid}")
            elif len(files) > 1:
                dup.append(f"{box}/{uid}: {files}")
            else:
                present += 1
                with open(files[0], "rb") as f:
                    if hashlib.sha256(f.read()).hexdigest() != digest:
                        corrupt.append(f"{box}/{uid}")
        unknown += [f"{box}/{n}" for n in names if n not in delivered]
    bad = lost + wrongly_deleted + dup + corrupt + unknown + locks
    for b in bad[:8]:
        print("    " + b)
    results.add("7 invariant: present once, or deleted by a QUIT", not bad,
                f"{total_delivered} delivered, {total_deleted} deleted by QUIT, {present} present "
                f"(bytes as written); lost {len(lost)}, resurrected {len(wrongly_deleted)}, "
                f"duplicated {len(dup)}, altered {len(corrupt)}, unknown {len(unknown)}, locks left {len(locks)}")


# --- main ----------------------------------------------------------------------------------------------------

def probe(address):
    s = Session(address, timeout=2)
    s.quit()
    s.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--state", required=True)
    p.add_argument("--rig")
    p.add_argument("--mode", default="full")
    p.add_argument("--mailboxes", type=int, default=24)
    p.add_argument("--pops", default="pop1,pop2,pop3")
    p.add_argument("--lb")
    p.add_argument("--pop-addrs")
    p.add_argument("--lease", type=float, default=15)
    p.add_argument("command", nargs="*")
    args = p.parse_args()
    if args.command[:1] == ["probe"]:
        probe(args.command[1])
        return 0
    rig = Rig(args)
    rng = random.Random(18)
    boxes = [f"u{i:02d}" for i in range(1, args.mailboxes + 1)]
    hand_over_box, same_box = boxes[-1], boxes[-2]
    ledger = Ledger({b: f"{args.state}/mnt/dlv/mail/{b}" for b in boxes})
    quick = args.mode == "quick"
    t = time.monotonic()
    for box in boxes:
        for sub in ("cur", "new", "tmp"):
            os.makedirs(f"{ledger.maildirs[box]}/{sub}", exist_ok=True)
        ledger.delivered[box] = {}
        ledger.arrived[box] = set()
        ledger.deleted[box] = set()
        # The hand-over box loses one message per round, so it starts with more.
        for _ in range(16 if box == boxes[-1] else 8 if quick else 12):
            size = rng.choice([300, 2000, 8000, 30000, 120000])
            ledger.deliver(box, message(rng, rng.randint(size // 2, size)))
    print(f"  seeded {sum(len(v) for v in ledger.delivered.values())} messages into {len(boxes)} Maildirs "
          f"through the delivery host in {time.monotonic() - t:.1f}s", flush=True)
    results = Results()
    load_boxes = boxes[:-2]
    def run(name, scenario, *a, **kw):
        """A scenario that stops with an error is a FAIL row; the others still run."""
        try:
            scenario(rig, ledger, results, *a, **kw)
        except Exception as e:      # noqa: BLE001 - any error of a scenario is its failure
            results.add(name, False, f"stopped: {type(e).__name__}: {e}")

    if quick:
        run("1 many clients via HAProxy", scenario_throughput, load_boxes, [len(rig.pops)], seconds=5)
        run("2 one mailbox from two hosts", scenario_one_mailbox_two_hosts, same_box, rounds=10)
        run("6 hand-over", scenario_hand_over, hand_over_box, rounds=8, rng=rng)
    else:
        run("1 many clients via HAProxy", scenario_throughput, load_boxes, [1, 2, 3], seconds=10)
        run("2 one mailbox from two hosts", scenario_one_mailbox_two_hosts, same_box, rounds=20)
        run("3 delivery from another host", scenario_delivery, load_boxes[:8], rng)
        run("6 hand-over", scenario_hand_over, hand_over_box, rounds=8, rng=rng)
        run("4 kill -9 of a POP3 host", scenario_kill_host, load_boxes[:9], args.lease)
        run("5 a storage brick killed", scenario_kill_brick, load_boxes, rng)
    run("7 invariant", scenario_invariant)
    return 0 if results.table() else 1


if __name__ == "__main__":
    sys.exit(main())
