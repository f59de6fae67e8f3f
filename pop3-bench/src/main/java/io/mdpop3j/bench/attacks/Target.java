package io.mdpop3j.bench.attacks;

import java.util.List;

/** A server under test: the name the tables show, and its port on 127.0.0.1. */
record Target(String name, int port) {

  /** {@code name=port}, as in {@code --target ours=11210}. */
  static Target parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("expected --target NAME=PORT, got " + text);
    }
    return new Target(text.substring(0, eq), Integer.parseInt(text.substring(eq + 1)));
  }

  static List<Target> all(Arguments args) {
    List<Target> targets = args.all("target").stream().map(Target::parse).toList();
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("missing --target NAME=PORT");
    }
    return targets;
  }
}
