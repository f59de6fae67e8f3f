package io.mdpop3j.core.security;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.spi.UpdateResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mail store whose messages are made on the fly, so that a 50 MB message costs no memory, and
 * whose reads can be slowed down, so that a RETR can be caught in the middle. It records every
 * UPDATE and every mailbox close, so tests can see that nothing was deleted.
 */
final class GeneratedMailStore implements MailStore {

  private static final byte[] HEADER =
      "Subject: generated\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int LINE = 78; // 76 letters and CRLF

  private final List<Long> sizes = new ArrayList<>();
  private final Duration pausePerRead;
  private final AtomicInteger updates = new AtomicInteger();
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicLong lastClose = new AtomicLong();
  private final AtomicInteger closes = new AtomicInteger();

  /** Messages of about {@code approximateSizes} octets each (whole lines), read at full speed. */
  GeneratedMailStore(long... approximateSizes) {
    this(Duration.ZERO, approximateSizes);
  }

  /** As above, with a pause before every read of the message stream. */
  GeneratedMailStore(Duration pausePerRead, long... approximateSizes) {
    this.pausePerRead = pausePerRead;
    for (long size : approximateSizes) {
      long lines = Math.max(1, (size - HEADER.length) / LINE);
      sizes.add(HEADER.length + lines * LINE);
    }
  }

  /** The exact size of message {@code index} (0-based), equal to its wire size. */
  long size(int index) {
    return sizes.get(index);
  }

  int count() {
    return sizes.size();
  }

  int updates() {
    return updates.get();
  }

  int opened() {
    return opened.get();
  }

  int closes() {
    return closes.get();
  }

  /** {@link System#nanoTime()} of the last mailbox close, or 0. */
  long lastClose() {
    return lastClose.get();
  }

  @Override
  public Mailbox open(Session session, Account account) {
    opened.incrementAndGet();
    List<MessageInfo> infos = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      infos.add(new MessageInfo("gen" + i, sizes.get(i)));
    }
    return new Mailbox() {
      @Override
      public List<MessageInfo> messages() {
        return List.copyOf(infos);
      }

      @Override
      public InputStream open(int index) {
        return new Generated(sizes.get(index));
      }

      @Override
      public UpdateResult update(Set<Integer> deleted, Set<Integer> retrieved) {
        updates.incrementAndGet();
        return UpdateResult.allRemoved();
      }

      @Override
      public void close() {
        closes.incrementAndGet();
        lastClose.set(System.nanoTime());
      }
    };
  }

  /** A header, then lines of letters, {@code size} octets in all. */
  private final class Generated extends InputStream {
    private final long size;
    private long position;

    Generated(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      if (!pausePerRead.isZero()) {
        try {
          Thread.sleep(pausePerRead.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int n = (int) Math.min(len, size - position);
      for (int i = 0; i < n; i++, position++) {
        b[off + i] = byteAt(position);
      }
      return n;
    }

    private byte byteAt(long p) {
      if (p < HEADER.length) {
        return HEADER[(int) p];
      }
      int q = (int) ((p - HEADER.length) % LINE);
      return q == LINE - 2 ? (byte) '\r' : q == LINE - 1 ? (byte) '\n' : (byte) ('a' + q % 26);
    }
  }
}
