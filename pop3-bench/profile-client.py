#!/usr/bin/env python3
"""A fixed number of POP3 commands, for profile-commands.sh: counts, not rates.

  profile-client.py PORT login N USER-FORMAT PASSWORD   # N sessions: USER, PASS, STAT, QUIT
  profile-client.py PORT drain N USER PASSWORD          # one session: RETR k, DELE k for k=1..N, QUIT
  profile-client.py PORT drainp N USER PASSWORD         # the same, every command sent at once
  profile-client.py PORT open 0 USER PASSWORD           # one session: USER, PASS, STAT, QUIT

Every reply is checked, so a count is never of failed commands.
"""
import socket
import sys
import threading


class Session:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.buf = b""
        self.status()

    def line(self):
        while b"\r\n" not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise SystemExit("connection closed early")
            self.buf += data
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def status(self):
        line = self.line()
        if not line.startswith(b"+OK"):
            raise SystemExit("unexpected reply: %r" % line)
        return line

    def command(self, text):
        self.sock.sendall(text.encode() + b"\r\n")
        return self.status()

    def login(self, user, password):
        self.command("USER " + user)
        self.command("PASS " + password)

    def quit(self):
        self.command("QUIT")
        self.sock.close()


def main():
    port, mode, n, user, password = sys.argv[1:6]
    port, n = int(port), int(n)
    if mode == "login":
        for i in range(n):
            s = Session(port)
            s.login(user % (i % 16) if "%" in user else user, password)
            s.command("STAT")
            s.quit()
    elif mode in ("drain", "drainp"):
        s = Session(port)
        s.login(user, password)
        if mode == "drainp":
            # RFC 2449 PIPELINING: every command at once, from another thread, as a client may.
            batch = b"".join(b"RETR %d\r\nDELE %d\r\n" % (k, k) for k in range(1, n + 1))
            sender = threading.Thread(target=s.sock.sendall, args=(batch,))
            sender.start()
        for k in range(1, n + 1):
            # The reply to RETR starts with "+OK size"; the text is one line then the body.
            if mode == "drain":
                s.sock.sendall(b"RETR %d\r\n" % k)
            s.status()
            while b"\r\n.\r\n" not in s.buf and not s.buf.startswith(b".\r\n"):
                data = s.sock.recv(65536)
                if not data:
                    raise SystemExit("closed in RETR")
                s.buf += data
            if s.buf.startswith(b".\r\n"):
                s.buf = s.buf[3:]
            else:
                s.buf = s.buf.split(b"\r\n.\r\n", 1)[1]
            if mode == "drain":
                s.command("DELE %d" % k)
            else:
                s.status()
        if mode == "drainp":
            sender.join()
        s.quit()
    elif mode == "open":
        s = Session(port)
        s.login(user, password)
        s.command("STAT")
        s.quit()
    else:
        raise SystemExit("unknown mode " + mode)


main()
