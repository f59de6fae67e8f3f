package io.mdpop3j.bench.attacks;

import io.mdpop3j.bench.load.LoopbackSources;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The time from a wrong PASS to its {@code -ERR}, for several kinds of user on several servers,
 * sampled in turns (every server and user once per round, in a shuffled order) so that the load of
 * the machine falls on all of them alike. Each attempt is a new connection from a new loopback
 * address, so no per-address penalty adds to the failure delay being measured. Prints a markdown
 * table: one row per user, one column per server, median and 10th–90th percentile.
 */
final class FailedLoginTiming {

  static final String WRONG_PASSWORD = "not-the-password";

  private FailedLoginTiming() {}

  /** A user to try: the login name and the words the table shows for it. */
  record User(String name, String label) {
    static User parse(String text) {
      int eq = text.indexOf('=');
      return eq < 0
          ? new User(text, text)
          : new User(text.substring(0, eq), text.substring(eq + 1));
    }
  }

  static void run(Arguments args, PrintStream out) throws IOException {
    List<Target> targets = Target.all(args);
    List<User> users = args.all("user").stream().map(User::parse).toList();
    int samples = args.integer("samples", 21);
    LoopbackSources sources = new LoopbackSources(args.integer("source-octet", 7));
    Map<Target, Map<User, List<Double>>> millis = new LinkedHashMap<>();
    Map<String, Integer> unexpected = new LinkedHashMap<>();
    Random random = new Random(13);
    for (int round = 0; round < samples; round++) {
      List<Runnable> attempts = new ArrayList<>();
      for (Target t : targets) {
        for (User u : users) {
          attempts.add(
              () -> {
                try {
                  double ms = attempt(t.port(), u.name(), sources.next());
                  millis
                      .computeIfAbsent(t, k -> new LinkedHashMap<>())
                      .computeIfAbsent(u, k -> new ArrayList<>())
                      .add(ms);
                } catch (IOException e) {
                  unexpected.merge(t.name() + ": " + e.getMessage(), 1, Integer::sum);
                }
              });
        }
      }
      Collections.shuffle(attempts, random);
      attempts.forEach(Runnable::run);
    }
    print(out, targets, users, millis);
    unexpected.forEach((what, n) -> out.println("\n" + n + " × " + what));
  }

  /** Milliseconds from sending a wrong PASS for {@code user} to the whole reply line. */
  static double attempt(int port, String user, String source) throws IOException {
    try (PopClient c = PopClient.connect(port, source, 60_000)) {
      expect(c.readLine(), "+OK", "greeting");
      expect(c.command("USER " + user), "+OK", "USER");
      long start = System.nanoTime();
      String reply = c.command("PASS " + WRONG_PASSWORD);
      double ms = (System.nanoTime() - start) / 1e6;
      expect(reply, "-ERR", "a wrong PASS");
      return ms;
    }
  }

  private static void expect(String reply, String status, String what) throws IOException {
    if (!reply.startsWith(status)) {
      throw new IOException(what + " answered " + PopClient.printable(reply));
    }
  }

  private static void print(
      PrintStream out,
      List<Target> targets,
      List<User> users,
      Map<Target, Map<User, List<Double>>> millis) {
    StringBuilder head = new StringBuilder("| user |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (Target t : targets) {
      head.append(' ').append(t.name()).append(": median (p10–p90) |");
      rule.append(" --- |");
    }
    out.println(head);
    out.println(rule);
    for (User u : users) {
      StringBuilder row = new StringBuilder("| " + u.label() + " |");
      for (Target t : targets) {
        List<Double> sample = millis.getOrDefault(t, Map.of()).getOrDefault(u, List.of());
        Spread s = Spread.of(sample);
        row.append(' ').append(s.format()).append(", n=").append(s.n()).append(" |");
      }
      out.println(row);
    }
    StringBuilder gap = new StringBuilder("| gap between the users' medians |");
    for (Target t : targets) {
      List<Double> medians = new ArrayList<>();
      for (User u : users) {
        medians.add(
            Spread.of(millis.getOrDefault(t, Map.of()).getOrDefault(u, List.of())).median());
      }
      double g = Collections.max(medians) - Collections.min(medians);
      gap.append(String.format(Locale.ROOT, " %.1f ms |", g));
    }
    out.println(gap);
  }
}
