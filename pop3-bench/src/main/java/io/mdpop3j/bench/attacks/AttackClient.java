package io.mdpop3j.bench.attacks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The client side of {@code pop3-bench/attacks/compare.sh}: the same hostile or unusual inputs sent
 * to any POP3 servers on 127.0.0.1, JDK only, results as markdown. Commands: {@code probe} (one
 * session over a whole mailbox), {@code login-timing} (time to a failed login's answer), {@code
 * connect-burst} (many connects at once), {@code password-guessing} (an online guesser from one
 * address). Exits 2 on bad usage.
 */
public final class AttackClient {

  private AttackClient() {}

  public static void main(String[] argv) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String command = argv.length > 0 ? argv[0] : "";
    Arguments args;
    try {
      args = Arguments.parse(argv, 1);
      switch (command) {
        case "probe" -> MaildirProbe.run(args, out);
        case "login-timing" -> FailedLoginTiming.run(args, out);
        case "connect-burst" -> ConnectBurst.run(args, out);
        case "password-guessing" -> PasswordGuessing.run(args, out);
        default -> throw new IllegalArgumentException("unknown command: " + command);
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: AttackClient probe|login-timing|connect-burst|password-guessing"
              + " --target NAME=PORT... (see pop3-bench/attacks/compare.sh)");
      System.exit(2);
    }
  }
}
