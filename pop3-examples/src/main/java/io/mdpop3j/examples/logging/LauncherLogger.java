package io.mdpop3j.examples.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named logger; formats a line with the session's MDC and hands it to the current sink. */
final class LauncherLogger extends LegacyAbstractLogger {

  private static final long serialVersionUID = 1L;

  LauncherLogger(String name) {
    this.name = name;
  }

  @Override
  public boolean isTraceEnabled() {
    return LauncherLogging.enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return LauncherLogging.enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return LauncherLogging.enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return LauncherLogging.enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return LauncherLogging.enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    StringBuilder line = new StringBuilder(128);
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    if (mdc != null && mdc.containsKey("session")) {
      line.append('[').append(mdc.get("session")).append("] ");
    }
    String host = LauncherLogging.remoteHost();
    if (host != null) {
      line.append("host=").append(host).append(' ');
    }
    if (mdc != null && mdc.containsKey("user")) {
      line.append("user=").append(mdc.get("user")).append(' ');
    }
    line.append(MessageFormatter.basicArrayFormat(pattern, arguments));
    if (throwable != null) {
      StringWriter trace = new StringWriter();
      throwable.printStackTrace(new PrintWriter(trace));
      line.append(": ").append(trace.toString().replace('\n', ' ').replace('\t', ' '));
    }
    LauncherLogging.sink().write(level, clean(line));
  }

  /**
   * Control characters from client text (C0, DEL and C1, such as NEL U+0085, which some log readers
   * take for a line break) become '?', so one call is one log line.
   */
  private static String clean(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 ? '?' : c);
    }
    return out.toString();
  }
}
