package io.mdpop3j.bench.load;

/**
 * Distinct client addresses {@code 127.N.x.y}: all of 127/8 reaches a server bound to 127.0.0.1. A
 * fresh address per attempt keeps a server's per-address login penalties out of a measurement that
 * is about something else; a few addresses in turn give more than one address's ephemeral ports
 * (about 28,000 on Linux) of sessions to one server port.
 */
public final class LoopbackSources {

  /** Usable last octets per third octet: never .0 or .255. */
  private static final int PER_BLOCK = 254;

  private final int second;
  private int next = 0;

  /**
   * Addresses in {@code 127.second.0.0/16}.
   *
   * @param second the second octet, 0..254
   */
  public LoopbackSources(int second) {
    if (second < 0 || second > 254) {
      throw new IllegalArgumentException("second octet must be 0..254, got " + second);
    }
    this.second = second;
  }

  /** The next address, starting at {@code 127.N.0.1}. */
  public synchronized String next() {
    return address(next++);
  }

  /**
   * The {@code index}-th address from 0: {@code 127.N.0.1}, {@code 127.N.0.2} ... {@code
   * 127.N.0.254}, {@code 127.N.1.1} ...
   */
  public String address(int index) {
    int block = index / PER_BLOCK;
    if (index < 0 || block > 255) {
      throw new IllegalStateException(
          "address "
              + index
              + " is outside 127."
              + second
              + ".0.0/16 (0.."
              + (256 * PER_BLOCK - 1)
              + ")");
    }
    return "127." + second + "." + block + "." + (1 + index % PER_BLOCK);
  }
}
