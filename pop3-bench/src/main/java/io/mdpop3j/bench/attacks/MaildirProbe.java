package io.mdpop3j.bench.attacks;

import java.io.IOException;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One ordinary session (login, STAT, LIST, RETR of every listed message, QUIT) that reports what
 * the server answered, one fact per line, so the script can compare the served bytes with the
 * files: {@code LISTED n}, {@code RETR i ok OCTETS SHA256} or {@code RETR i err REPLY}, {@code QUIT
 * REPLY}.
 */
final class MaildirProbe {

  private MaildirProbe() {}

  static void run(Arguments args, PrintStream out) throws IOException {
    int port = args.integer("port", 0);
    try (PopClient c = PopClient.connect(port, null, 30_000)) {
      out.println("GREETING " + PopClient.printable(c.readLine()));
      c.command("USER " + args.required("user"));
      String pass = c.command("PASS " + args.required("password"));
      out.println("PASS " + PopClient.printable(pass));
      if (!pass.startsWith("+OK")) {
        return;
      }
      out.println("STAT " + PopClient.printable(c.command("STAT")));
      String list = c.command("LIST");
      List<String> listed = list.startsWith("+OK") ? c.readLines() : List.of();
      out.println("LISTED " + listed.size());
      for (String entry : listed) {
        String number = entry.split(" ", 2)[0];
        String reply = c.command("RETR " + number);
        if (reply.startsWith("+OK")) {
          byte[] body = c.readBody();
          out.println("RETR " + number + " ok " + body.length + " " + sha256(body));
        } else {
          out.println("RETR " + number + " err " + PopClient.printable(reply));
        }
      }
      out.println("QUIT " + PopClient.printable(c.command("QUIT")));
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
