package io.mdpop3j.examples.logging;

import org.slf4j.event.Level;

/** Where the launcher's log lines go: syslog, a stream, or nowhere. */
public interface LogSink {

  /** Writes one formatted line (no line terminator) at {@code level}. */
  void write(Level level, String line);

  /** A sink that drops everything. */
  static LogSink discard() {
    return (level, line) -> {};
  }
}
