package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Standard input read on a thread of its own, so that {@link #close()} ends a blocked {@link
 * #read}. Closing a pipe does not wake a thread blocked reading it on Linux; without this an idle
 * timeout in inetd mode would write its {@code -ERR} and then wait for the client forever.
 */
final class DetachedInput extends InputStream {

  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
  private byte[] current = new byte[0];
  private int position;
  private volatile boolean closed;

  private DetachedInput() {}

  /** Starts reading {@code source} on a daemon thread. */
  static DetachedInput of(InputStream source) {
    DetachedInput input = new DetachedInput();
    Thread t = new Thread(() -> input.pump(source), "stdin-reader");
    t.setDaemon(true);
    t.start();
    return input;
  }

  private void pump(InputStream source) {
    byte[] buffer = new byte[8192];
    try {
      while (!closed) {
        int n = source.read(buffer);
        if (n < 0) {
          break;
        }
        byte[] chunk = new byte[n];
        System.arraycopy(buffer, 0, chunk, 0, n);
        while (!closed && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
          // The session is busy; wait for it to take more input.
        }
      }
    } catch (IOException | InterruptedException e) {
      // The end of input, as far as the session can tell.
    }
    while (!closed && !chunks.offer(END)) {
      Thread.onSpinWait();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (position >= current.length) {
      if (current == END) {
        return -1;
      }
      if (closed) {
        throw new IOException("input closed");
      }
      try {
        byte[] next = chunks.poll(100, TimeUnit.MILLISECONDS);
        if (next != null) {
          current = next;
          position = 0;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading", e);
      }
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - position;
  }

  @Override
  public void close() {
    closed = true;
  }
}
