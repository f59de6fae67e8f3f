package io.mdpop3j.examples.logging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.event.Level;

/** Logs lines with a timestamp and level to stderr or a file (daemon and demo modes). */
public final class StreamSink implements LogSink {

  private final OutputStream out;

  private StreamSink(OutputStream out) {
    this.out = out;
  }

  /** A sink on the process's standard error, written unbuffered. */
  public static StreamSink stderr() {
    return new StreamSink(new FileOutputStream(java.io.FileDescriptor.err));
  }

  /** A sink appending to {@code file}. */
  public static StreamSink appendingTo(String file) throws IOException {
    return new StreamSink(new FileOutputStream(file, true));
  }

  @Override
  public void write(Level level, String line) {
    byte[] bytes =
        (Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " " + line + "\n")
            .getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        // A log that cannot be written must not end the session.
      }
    }
  }
}
