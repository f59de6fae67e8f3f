package io.mdpop3j.core.testing;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.spi.UpdateResult;
import io.mdpop3j.core.wire.WireSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mail store with one message of a chosen length that is never held in memory: its bytes are
 * computed as they are read. Lines end in bare LF and every seventh line starts with a dot, so the
 * server must convert and stuff while streaming; the last line is cut off without a line break. It
 * records how far the server has read.
 */
public final class GeneratedMailStore implements MailStore {

  private final long length;
  private final long wireSize;

  /** How many bytes of the message the server has read so far, over all opens. */
  public final AtomicLong bytesRead = new AtomicLong();

  /** A store whose one message is {@code length} bytes long. */
  public GeneratedMailStore(long length) {
    this.length = length;
    try (InputStream in = new Generated(length, new AtomicLong())) {
      this.wireSize = WireSize.of(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The wire size of the message (RFC 1939 section 11). */
  public long wireSize() {
    return wireSize;
  }

  /** A fresh stream of the message's stored bytes. */
  public InputStream content() {
    return new Generated(length, new AtomicLong());
  }

  @Override
  public Mailbox open(Session session, Account account) {
    return new Mailbox() {
      @Override
      public List<MessageInfo> messages() {
        return List.of(new MessageInfo("generated-1", wireSize));
      }

      @Override
      public InputStream open(int index) {
        return new Generated(length, bytesRead);
      }

      @Override
      public UpdateResult update(Set<Integer> deleted, Set<Integer> retrieved) {
        return UpdateResult.allRemoved();
      }

      @Override
      public void close() {}
    };
  }

  /**
   * The message: a header, a blank line, then a body that repeats a block of about 1 MiB of lines
   * of random lengths (fixed seed), every seventh starting with a dot.
   */
  private static final class Generated extends InputStream {
    private static final byte[] HEADER =
        "Subject: generated\nFrom: gen@example.org\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLOCK = block();

    private final long length;
    private final AtomicLong counter;
    private long position;

    Generated(long length, AtomicLong counter) {
      this.length = length;
      this.counter = counter;
    }

    private static byte[] block() {
      java.util.Random random = new java.util.Random(1939);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (int line = 1; out.size() < 1024 * 1024; line++) {
        if (line % 7 == 0) {
          out.write('.');
        }
        int len = random.nextInt(120);
        for (int i = 0; i < len; i++) {
          out.write('a' + random.nextInt(26));
        }
        out.write('\n');
      }
      return out.toByteArray();
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - position);
      int done = 0;
      while (done < n) {
        long p = position + done;
        int run;
        if (p < HEADER.length) {
          run = (int) Math.min(n - done, HEADER.length - p);
          System.arraycopy(HEADER, (int) p, b, off + done, run);
        } else {
          int at = (int) ((p - HEADER.length) % BLOCK.length);
          run = Math.min(n - done, BLOCK.length - at);
          System.arraycopy(BLOCK, at, b, off + done, run);
        }
        done += run;
      }
      position += n;
      counter.addAndGet(n);
      return n;
    }
  }
}
