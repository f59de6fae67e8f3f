package io.mdpop3j.examples.logging;

import java.util.Objects;
import org.slf4j.event.Level;

/**
 * The launcher's logging switches: where lines go, the lowest level written, and the client's host
 * name ({@code -r}, {@code -R}, {@code REMOTE_HOST}) that every line carries. Set by the launcher
 * before a session starts; read at every log call, so loggers made earlier follow.
 */
public final class LauncherLogging {

  private static volatile LogSink sink = LogSink.discard();
  private static volatile Level threshold = Level.INFO;
  private static volatile String remoteHost;

  private LauncherLogging() {}

  /** Sends every later line to {@code newSink}. */
  public static void sink(LogSink newSink) {
    sink = Objects.requireNonNull(newSink, "newSink");
  }

  /** Writes lines at {@code level} and above ({@code DEBUG} for {@code -d}). */
  public static void threshold(Level level) {
    threshold = Objects.requireNonNull(level, "level");
  }

  /** The client's host name as the environment or options give it, for every line. */
  public static void remoteHost(String name) {
    remoteHost = name;
  }

  static LogSink sink() {
    return sink;
  }

  static boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  static String remoteHost() {
    return remoteHost;
  }
}
