package io.mdpop3j.bench.attacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} pairs; a key may repeat, as {@code --target} does. */
record Arguments(Map<String, List<String>> values) {

  static Arguments parse(String[] args, int from) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = from; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value, got " + args[i]);
      }
      values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
    }
    return new Arguments(values);
  }

  List<String> all(String key) {
    return values.getOrDefault(key, List.of());
  }

  String one(String key, String dflt) {
    List<String> v = all(key);
    return v.isEmpty() ? dflt : v.get(v.size() - 1);
  }

  String required(String key) {
    String v = one(key, null);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + key);
    }
    return v;
  }

  int integer(String key, int dflt) {
    return Integer.parseInt(one(key, Integer.toString(dflt)));
  }
}
