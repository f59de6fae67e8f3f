package io.mdpop3j.bench.attacks;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An online password guesser: many connections from one address, each sending USER and a new wrong
 * PASS as fast as the server answers, reconnecting whenever the server hangs up, for a fixed time.
 * Counts the answers by kind and when they came, per server in turn, and prints a markdown table:
 * one row per figure, one column per server.
 */
final class PasswordGuessing {

  private PasswordGuessing() {}

  /** What one server answered during the run; {@code answers} maps a reply's kind to its times. */
  record Outcome(
      Map<String, List<Double>> answers, long connections, long connectFailures, double seconds) {

    /** Replies that say the guess was checked and wrong. */
    List<Double> checked() {
      return answers.getOrDefault("-ERR [AUTH]", List.of());
    }
  }

  static void run(Arguments args, PrintStream out) throws InterruptedException {
    List<Target> targets = Target.all(args);
    String user = args.required("user");
    int clients = args.integer("clients", 200);
    int seconds = args.integer("seconds", 20);
    int settle = args.integer("settle-seconds", 5);
    String sourcePrefix = args.one("source-prefix", "127.9.0.");
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      if (i > 0) {
        Thread.sleep(settle * 1000L);
      }
      // One address per server: the attacker's, as each server sees it for the first time.
      outcomes.add(guess(targets.get(i).port(), user, clients, seconds, sourcePrefix + (i + 1)));
    }
    print(out, targets, outcomes, seconds);
  }

  static Outcome guess(int port, String user, int clients, int seconds, String source)
      throws InterruptedException {
    Map<String, List<Double>> answers = new ConcurrentHashMap<>();
    Set<PopClient> open = ConcurrentHashMap.newKeySet();
    AtomicLong connections = new AtomicLong();
    AtomicLong connectFailures = new AtomicLong();
    AtomicInteger guessNumber = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    int readTimeoutMs = (seconds + 10) * 1000;
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  PopClient c;
                  try {
                    c = PopClient.connect(port, source, readTimeoutMs);
                  } catch (IOException e) {
                    connectFailures.incrementAndGet();
                    pause();
                    continue;
                  }
                  open.add(c);
                  connections.incrementAndGet();
                  try (c) {
                    c.readLine();
                    while (System.nanoTime() < end) {
                      c.command("USER " + user);
                      String reply = c.command("PASS guess-" + guessNumber.incrementAndGet());
                      double at = (System.nanoTime() - start) / 1e9;
                      if (System.nanoTime() < end) {
                        answers
                            .computeIfAbsent(
                                kind(reply), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(at);
                      }
                    }
                  } catch (IOException e) {
                    // Hung up by the server, or closed by us at the end: connect again.
                  } finally {
                    open.remove(c);
                  }
                }
              },
              "guesser-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000L));
    open.forEach(PopClient::close);
    for (Thread t : threads) {
      t.join(10_000);
    }
    return new Outcome(new TreeMap<>(answers), connections.get(), connectFailures.get(), seconds);
  }

  /** The status and response code of a reply ({@code -ERR [AUTH]}), or its first words. */
  static String kind(String reply) {
    int close = reply.indexOf(']');
    if (reply.startsWith("-ERR [") && close > 0) {
      return reply.substring(0, close + 1);
    }
    String p = PopClient.printable(reply);
    return p.length() > 40 ? p.substring(0, 40) + "…" : p;
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void print(PrintStream out, List<Target> targets, List<Outcome> o, int seconds) {
    StringBuilder head = new StringBuilder("| figure |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (Target t : targets) {
      head.append(' ').append(t.name()).append(" |");
      rule.append(" --- |");
    }
    out.println(head);
    out.println(rule);
    row(
        out,
        "wrong guesses answered (`-ERR [AUTH]`) in " + seconds + " s",
        o,
        x -> x.checked().size());
    row(out, "… per second, whole run", o, x -> rate(x.checked(), 0, seconds));
    row(out, "… per second, first 5 s", o, x -> rate(x.checked(), 0, 5));
    row(out, "… per second, last 10 s", o, x -> rate(x.checked(), seconds - 10, seconds));
    TreeMap<String, Boolean> kinds = new TreeMap<>();
    o.forEach(x -> x.answers().keySet().forEach(k -> kinds.put(k, true)));
    for (String k : kinds.keySet()) {
      if (!k.equals("-ERR [AUTH]")) {
        row(
            out,
            "other replies: `" + k + "`",
            o,
            x -> x.answers().getOrDefault(k, List.of()).size());
      }
    }
    row(out, "connections opened", o, Outcome::connections);
    row(out, "connects that failed", o, Outcome::connectFailures);
  }

  private static String rate(List<Double> times, double from, double to) {
    long n = times.stream().filter(t -> t >= from && t < to).count();
    return String.format(Locale.ROOT, "%.1f", n / (to - from));
  }

  private static void row(PrintStream out, String label, List<Outcome> o, Function<Outcome, ?> f) {
    StringBuilder row = new StringBuilder("| " + label + " |");
    o.forEach(x -> row.append(' ').append(f.apply(x)).append(" |"));
    out.println(row);
  }
}
