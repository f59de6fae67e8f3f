package io.mdpop3j.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the {@code RESULT} lines of one run of pop3-bench/run.sh into one markdown table: per
 * scenario and figure, the median over rounds for each server, and mdpop3j's ratio to the others,
 * taken within each round and then the median of those ratios. Rounds whose figures were withheld
 * are counted and named below the table.
 *
 * <p>Usage: {@code Report <results.txt>}
 */
public final class Report {

  private static final List<String> ORDER =
      List.of(
          "dovecot", "dovecot-tuned", "greenmail", "raw", "mdpop3j", "mdpop3j-25", "mdpop3j-cds");
  private static final String OURS = "mdpop3j";
  private static final Set<String> NOT_FIGURES =
      Set.of("round", "scenario", "server", "status", "ops", "failed", "first_error", "runs");

  private Report() {}

  public static void main(String[] args) throws IOException {
    List<String> header = new ArrayList<>();
    // scenario -> figure -> server -> round -> value
    Map<String, Map<String, Map<String, Map<Integer, Double>>>> data = new LinkedHashMap<>();
    Set<String> servers = new LinkedHashSet<>(ORDER);
    Set<String> seenServers = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    Map<String, int[]> okCount = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.startsWith("#")) {
        header.add(line.substring(1).trim());
        continue;
      }
      if (!line.startsWith("RESULT ")) {
        continue;
      }
      Map<String, String> kv = parse(line.substring(7));
      String scenario = kv.get("scenario");
      String server = kv.get("server");
      int round = Integer.parseInt(kv.getOrDefault("round", "1"));
      seenServers.add(server);
      servers.add(server);
      int[] counts = okCount.computeIfAbsent(scenario + "/" + server, k -> new int[2]);
      counts[1]++;
      if (!"ok".equals(kv.get("status"))) {
        problems.add(
            scenario
                + " on "
                + server
                + ", round "
                + round
                + ": "
                + kv.get("status")
                + ", "
                + kv.get("failed")
                + " of "
                + kv.get("ops")
                + " operations failed; first: "
                + kv.getOrDefault("first_error", "-"));
        continue;
      }
      counts[0]++;
      for (Map.Entry<String, String> e : kv.entrySet()) {
        if (NOT_FIGURES.contains(e.getKey())) {
          continue;
        }
        double v;
        try {
          v = Double.parseDouble(e.getValue());
        } catch (NumberFormatException ex) {
          continue;
        }
        data.computeIfAbsent(scenario, k -> new LinkedHashMap<>())
            .computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
            .computeIfAbsent(server, k -> new LinkedHashMap<>())
            .put(round, v);
      }
    }
    servers.retainAll(seenServers);
    List<String> cols = new ArrayList<>(servers);
    List<String> ratioTo = new ArrayList<>();
    for (String s : cols) {
      if (!s.startsWith(OURS)) {
        ratioTo.add(s);
      }
    }
    StringBuilder out = new StringBuilder();
    for (String h : header) {
      out.append("- ").append(h).append('\n');
    }
    out.append('\n').append("| scenario | figure |");
    cols.forEach(c -> out.append(' ').append(c).append(" |"));
    ratioTo.forEach(c -> out.append(" ").append(OURS).append(" ÷ ").append(c).append(" |"));
    out.append('\n').append("|---|---|");
    cols.forEach(c -> out.append("---:|"));
    ratioTo.forEach(c -> out.append("---:|"));
    out.append('\n');
    for (var sc : data.entrySet()) {
      for (var fig : sc.getValue().entrySet()) {
        out.append("| ").append(sc.getKey()).append(" | ").append(fig.getKey()).append(" |");
        Map<String, Map<Integer, Double>> byServer = fig.getValue();
        for (String c : cols) {
          Map<Integer, Double> rounds = byServer.get(c);
          out.append(' ').append(rounds == null ? "" : fmt(median(rounds.values())));
          int[] n = okCount.get(sc.getKey() + "/" + c);
          if (rounds != null && n != null && n[0] < n[1]) {
            out.append(" (").append(n[0]).append('/').append(n[1]).append(" ok)");
          }
          out.append(" |");
        }
        Map<Integer, Double> ours = byServer.get(OURS);
        for (String c : ratioTo) {
          Map<Integer, Double> other = byServer.get(c);
          List<Double> ratios = new ArrayList<>();
          if (ours != null && other != null) {
            for (var e : ours.entrySet()) {
              Double o = other.get(e.getKey());
              if (o != null && o != 0) {
                ratios.add(e.getValue() / o);
              }
            }
          }
          out.append(' ').append(ratios.isEmpty() ? "" : fmt(median(ratios)) + "×").append(" |");
        }
        out.append('\n');
      }
    }
    if (!problems.isEmpty()) {
      out.append("\nFigures withheld (more than 0.1 % of operations failed, or none ran):\n\n");
      problems.forEach(p -> out.append("- ").append(p).append('\n'));
    }
    System.out.print(out);
  }

  private static Map<String, String> parse(String s) {
    Map<String, String> kv = new LinkedHashMap<>();
    int i = 0;
    while (i < s.length()) {
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = s.substring(i, eq).trim();
      int end;
      String value;
      if (eq + 1 < s.length() && s.charAt(eq + 1) == '"') {
        end = s.indexOf('"', eq + 2);
        end = end < 0 ? s.length() : end;
        value = s.substring(eq + 2, end);
        end++;
      } else {
        end = s.indexOf(' ', eq);
        end = end < 0 ? s.length() : end;
        value = s.substring(eq + 1, end);
      }
      kv.put(key, value);
      i = end + 1;
    }
    return kv;
  }

  private static double median(java.util.Collection<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static String fmt(double v) {
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
