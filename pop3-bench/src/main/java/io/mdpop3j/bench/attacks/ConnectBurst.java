package io.mdpop3j.bench.attacks;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Many TCP connects at once to one POP3 port, each held open: how many had the greeting within 1 s,
 * 5 s and the window, how many were still waiting when it ended, how many were refused or closed
 * without one. One selector thread, so the client itself never queues a connection.
 */
final class ConnectBurst {
  private ConnectBurst() {}

  /** What one burst saw; times are milliseconds from the first connect. */
  record Outcome(
      int connections,
      List<Double> greetedAfter,
      int failed,
      int closedWithoutGreeting,
      int otherReply,
      int droppedAfterGreeting,
      double windowMs) {
    long greetedWithin(double ms) {
      return greetedAfter.stream().filter(t -> t <= ms).count();
    }

    int stillWaiting() {
      return connections - greetedAfter.size() - failed - closedWithoutGreeting - otherReply;
    }
  }

  private static final class Pending {
    final SocketChannel channel;
    final ByteBuffer buffer = ByteBuffer.allocate(512);
    boolean greeted;

    Pending(SocketChannel channel) {
      this.channel = channel;
    }
  }

  static void run(Arguments args, PrintStream out) throws IOException, InterruptedException {
    List<Target> targets = Target.all(args);
    int connections = args.integer("connections", 2000);
    int windowSeconds = args.integer("window-seconds", 60);
    int rounds = args.integer("rounds", 1);
    int settleSeconds = args.integer("settle-seconds", 10);
    out.println(
        "| server | round | greeted ≤ 1 s | ≤ 5 s | ≤ "
            + windowSeconds
            + " s | still waiting at "
            + windowSeconds
            + " s | refused or reset | closed without greeting | greeted, then closed by the"
            + " server | median / slowest greeting |");
    out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    boolean first = true;
    for (int round = 1; round <= rounds; round++) {
      List<Target> order = new ArrayList<>(targets);
      if (round % 2 == 0) {
        Collections.reverse(order);
      }
      for (Target t : order) {
        if (!first) {
          Thread.sleep(settleSeconds * 1000L);
        }
        first = false;
        Outcome o = burst(t.port(), connections, windowSeconds * 1000L);
        out.println(row(t, round, o, windowSeconds));
        out.flush();
      }
    }
  }

  static String row(Target t, int round, Outcome o, int windowSeconds) {
    Spread s = Spread.of(o.greetedAfter());
    double max =
        o.greetedAfter().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %s |",
        t.name(),
        round,
        o.greetedWithin(1000),
        o.greetedWithin(5000),
        o.greetedWithin(windowSeconds * 1000.0),
        o.stillWaiting(),
        o.failed(),
        o.closedWithoutGreeting() + o.otherReply(),
        o.droppedAfterGreeting(),
        o.greetedAfter().isEmpty()
            ? "none"
            : String.format(Locale.ROOT, "%.0f ms / %.0f ms", s.median(), max));
  }

  /** Opens {@code n} connections at once and watches them for {@code windowMs} at most. */
  static Outcome burst(int port, int n, long windowMs) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    List<Double> greeted = new ArrayList<>();
    List<SocketChannel> open = new ArrayList<>(n);
    int failed = 0;
    int closed = 0;
    int other = 0;
    int dropped = 0;
    try (Selector selector = Selector.open()) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        // A socket the client cannot open is the client's limit (ulimit -n), not the server's.
        SocketChannel ch = SocketChannel.open();
        open.add(ch);
        ch.configureBlocking(false);
        try {
          boolean done = ch.connect(address);
          ch.register(
              selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, new Pending(ch));
        } catch (IOException e) {
          failed++;
        }
      }
      long end = start + windowMs * 1_000_000L;
      while (greeted.size() + failed + closed + other < n) {
        long left = (end - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          break;
        }
        selector.select(Math.min(left, 100));
        for (SelectionKey key : selector.selectedKeys()) {
          Pending p = (Pending) key.attachment();
          try {
            if (key.isConnectable()) {
              p.channel.finishConnect();
              key.interestOps(SelectionKey.OP_READ);
            } else if (key.isReadable() && p.greeted) {
              // Watched on after the greeting: a server may drop the oldest waiting sessions.
              p.buffer.clear();
              if (p.channel.read(p.buffer) < 0) {
                dropped++;
                key.cancel();
              }
            } else if (key.isReadable()) {
              switch (readGreeting(p)) {
                case GREETED -> {
                  greeted.add((System.nanoTime() - start) / 1e6);
                  p.greeted = true;
                  continue;
                }
                case OTHER -> other++;
                case CLOSED -> closed++;
                case INCOMPLETE -> {
                  continue;
                }
              }
              key.cancel();
            }
          } catch (IOException e) {
            if (p.greeted) {
              dropped++;
            } else {
              failed++;
            }
            key.cancel();
          }
        }
        selector.selectedKeys().clear();
      }
      double window = (System.nanoTime() - start) / 1e6;
      return new Outcome(n, greeted, failed, closed, other, dropped, window);
    } finally {
      for (SocketChannel ch : open) {
        ch.close();
      }
    }
  }

  private enum Read {
    GREETED,
    OTHER,
    CLOSED,
    INCOMPLETE
  }

  private static Read readGreeting(Pending p) throws IOException {
    int n = p.channel.read(p.buffer);
    ByteBuffer b = p.buffer;
    for (int i = 0; i < b.position(); i++) {
      if (b.get(i) == '\n') {
        boolean ok = b.position() >= 3 && b.get(0) == '+' && b.get(1) == 'O' && b.get(2) == 'K';
        return ok ? Read.GREETED : Read.OTHER;
      }
    }
    if (n < 0) {
      return Read.CLOSED;
    }
    return b.hasRemaining() ? Read.INCOMPLETE : Read.OTHER;
  }
}
