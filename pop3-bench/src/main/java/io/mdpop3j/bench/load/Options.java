package io.mdpop3j.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} options; everything after {@code --} is kept as a command line. */
final class Options {

  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> rest = new ArrayList<>();

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        for (int j = i + 1; j < args.length; j++) {
          o.rest.add(args[j]);
        }
        break;
      }
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value, got " + a);
      }
      o.values.put(a.substring(2), args[++i]);
    }
    return o;
  }

  String get(String key, String dflt) {
    return values.getOrDefault(key, dflt);
  }

  String require(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + key);
    }
    return v;
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  int getInt(String key, int dflt) {
    return values.containsKey(key) ? Integer.parseInt(values.get(key)) : dflt;
  }

  long getLong(String key, long dflt) {
    return values.containsKey(key) ? Long.parseLong(values.get(key)) : dflt;
  }

  double getDouble(String key, double dflt) {
    return values.containsKey(key) ? Double.parseDouble(values.get(key)) : dflt;
  }

  /** The words after {@code --}. */
  List<String> rest() {
    return rest;
  }
}
