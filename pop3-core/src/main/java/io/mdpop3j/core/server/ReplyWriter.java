package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.Reply;
import io.mdpop3j.core.protocol.TopLimiter;
import io.mdpop3j.core.protocol.WireEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Writes replies and messages in wire form through one buffer, flushing only when asked, when full,
 * or before the session waits for input. Every write to the socket is timed by the watchdog.
 */
final class ReplyWriter {

  /**
   * Stored bytes read per step while streaming a message, and about the bytes written per flush: on
   * this path the cost is mostly per system call (a read and a write each step), so steps are
   * large.
   */
  private static final int CHUNK = 128 * 1024;

  /** Below this much free room the buffer is flushed rather than filled in smaller pieces. */
  private static final int MIN_ENCODE_ROOM = 8 * 1024;

  /** Replies are small; an idle session should cost little memory. */
  private static final int REPLY_BUFFER = 4 * 1024;

  /** Multi-line replies longer than this many lines are written through the large buffer. */
  private static final int LARGE_REPLY_LINES = 256;

  /** The buffer of a session that has streamed a message or a large listing. */
  private static final int LARGE_BUFFER = CHUNK + REPLY_BUFFER;

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] TERMINATOR = {'.', '\r', '\n'};

  private final OutputStream out;
  private final WriteClock clock;
  // Made on first use and dropped by release(), so a parked session holds none.
  private byte[] buffer;
  private int used;

  /** Marks the start and end of each blocking write, for the write timeout. */
  interface WriteClock {
    void writeStarted();

    void writeEnded();

    /** Everything queued so far has been handed to the transport. */
    void flushed();
  }

  ReplyWriter(OutputStream out, WriteClock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Queues {@code reply}: its status line and, for a multi-line reply, its lines and {@code .}. */
  void write(Reply reply) throws IOException {
    if (reply.lines().size() > LARGE_REPLY_LINES) {
      // A listing of a large mailbox: a few big writes instead of one per 4 KiB.
      useLargeBuffer();
    }
    line(reply.statusLine());
    if (reply.multiline()) {
      for (String line : reply.lines()) {
        if (line.startsWith(".")) {
          put((byte) '.');
        }
        line(line);
      }
      put(TERMINATOR, 0, TERMINATOR.length);
    }
  }

  /**
   * Streams a stored message in wire form, then {@code .} CRLF; with {@code bodyLines} present only
   * the header and that many body lines. Returns the RFC 1939 size of what was sent (before
   * dot-stuffing, without the final {@code .} line).
   */
  long writeMessage(InputStream body, OptionalLong bodyLines) throws IOException {
    useLargeBuffer();
    byte[] chunk = MessageChunks.take(CHUNK);
    try {
      WireEncoder encoder = new WireEncoder();
      TopLimiter limiter = bodyLines.isPresent() ? new TopLimiter(bodyLines.getAsLong()) : null;
      int n;
      while ((n = body.read(chunk, 0, CHUNK)) > 0) {
        int take = limiter == null ? n : limiter.accept(chunk, 0, n);
        encodeInto(encoder, chunk, take);
        if (limiter != null && limiter.isDone()) {
          break;
        }
      }
      if (buffer.length - used < WireEncoder.MAX_FINISH_BYTES) {
        flush();
      }
      used += encoder.finish(buffer, used);
      return encoder.size();
    } finally {
      MessageChunks.give(chunk);
    }
  }

  /**
   * Encodes {@code chunk[0..len)} into the buffer, flushing it when nearly full. The encoder may
   * need twice its input in room, so each piece is at most half the free room: the buffer fills to
   * within {@link #MIN_ENCODE_ROOM} before a flush, and needs to be no larger than one step.
   */
  private void encodeInto(WireEncoder encoder, byte[] chunk, int len) throws IOException {
    int at = 0;
    while (at < len) {
      int room = buffer.length - used;
      if (room < MIN_ENCODE_ROOM) {
        flush();
        room = buffer.length;
      }
      int take = Math.min(len - at, room / 2);
      used += encoder.encode(chunk, at, take, buffer, used);
      at += take;
    }
  }

  /**
   * Makes the message buffer on the first RETR, TOP or large listing; it is kept for the session,
   * until it parks.
   */
  private void useLargeBuffer() {
    if (buffer == null || buffer.length < LARGE_BUFFER) {
      byte[] large = new byte[LARGE_BUFFER];
      if (buffer != null) {
        System.arraycopy(buffer, 0, large, 0, used);
      }
      buffer = large;
    }
  }

  /**
   * Lets go of the buffers once everything is sent, for a session about to park; the next write
   * makes a small one again.
   */
  void release() {
    if (used == 0) {
      buffer = null;
    }
  }

  /** Sends everything queued. */
  void flush() throws IOException {
    if (used == 0) {
      return;
    }
    clock.writeStarted();
    try {
      out.write(buffer, 0, used);
      out.flush();
    } finally {
      clock.writeEnded();
    }
    used = 0;
    clock.flushed();
  }

  private void line(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    put(bytes, 0, bytes.length);
    put(CRLF, 0, 2);
  }

  private void put(byte b) throws IOException {
    if (buffer == null) {
      buffer = new byte[REPLY_BUFFER];
    }
    if (used == buffer.length) {
      flush();
    }
    buffer[used++] = b;
  }

  private void put(byte[] bytes, int off, int len) throws IOException {
    if (buffer == null) {
      buffer = new byte[REPLY_BUFFER];
    }
    while (len > 0) {
      if (used == buffer.length) {
        flush();
      }
      int n = Math.min(len, buffer.length - used);
      System.arraycopy(bytes, off, buffer, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }
}
