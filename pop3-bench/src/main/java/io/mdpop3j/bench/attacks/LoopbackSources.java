package io.mdpop3j.bench.attacks;

/**
 * Distinct client addresses {@code 127.N.x.y}: all of 127/8 reaches a server bound to 127.0.0.1,
 * and a fresh address per attempt keeps both servers' per-address login penalties out of a
 * measurement that is about something else.
 */
final class LoopbackSources {

  private final int second;
  private int next = 0;

  LoopbackSources(int second) {
    if (second < 1 || second > 254) {
      throw new IllegalArgumentException("second octet must be 1..254, got " + second);
    }
    this.second = second;
  }

  /** The next address, never one ending in .0 or .255. */
  synchronized String next() {
    do {
      next++;
    } while ((next & 0xff) == 0 || (next & 0xff) == 255);
    if (next > 0xffff) {
      throw new IllegalStateException("no more addresses in 127." + second + ".0.0/16");
    }
    return "127." + second + "." + (next >> 8) + "." + (next & 0xff);
  }
}
