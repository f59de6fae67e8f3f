package io.mdpop3j.bench.load;

import java.nio.file.Path;

/**
 * Drives any POP3 server on host:port with concurrent clients and prints one {@code RESULT} line
 * per scenario; JDK only, so it can measure any server. Scenarios: {@code login}, {@code retr},
 * {@code bigbox}, {@code warm-open}, {@code drain}, {@code idle}, {@code startup}; helpers {@code
 * deliver} (SMTP, to fill GreenMail) and {@code expect} (count and RFC 1939 octets of a directory's
 * messages). Exits 0 when figures were printed, 1 when they were withheld, 2 on bad usage. See
 * docs/performance.md.
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
      o.require("scenario");
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: LoadGenerator --scenario login|retr|bigbox|warm-open|drain|idle|startup"
              + "|deliver|expect"
              + " --server NAME --port N [--host 127.0.0.1] [--server-pid PID] ...");
      System.exit(2);
      return;
    }
    ServerProcess server = new ServerProcess(o.getLong("server-pid", -1));
    Result r;
    switch (o.require("scenario")) {
      case "login" -> r = SessionLoops.login(o, server);
      case "retr" -> r = SessionLoops.retr(o, server);
      case "bigbox" -> r = MailboxScenarios.bigbox(o, server);
      case "warm-open" -> r = MailboxScenarios.warmOpen(o, server);
      case "drain" -> r = MailboxScenarios.drain(o, server);
      case "idle" -> r = IdleScenario.run(o, server);
      case "startup" -> r = StartupScenario.run(o);
      case "deliver" -> {
        SmtpDelivery.deliver(o);
        return;
      }
      case "expect" -> {
        long[] totals = ExpectedMessages.totals(Path.of(o.require("expect-dir")));
        System.out.println(totals[0] + " " + totals[1]);
        return;
      }
      default -> {
        System.err.println("unknown scenario " + o.require("scenario"));
        System.exit(2);
        return;
      }
    }
    System.exit(r.print() ? 0 : 1);
  }
}
