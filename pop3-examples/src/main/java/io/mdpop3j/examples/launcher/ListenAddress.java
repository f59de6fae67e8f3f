package io.mdpop3j.examples.launcher;

import java.net.InetSocketAddress;

/**
 * A listen address as written on the command line: {@code HOST:PORT}, {@code [V6]:PORT}, {@code
 * :PORT}.
 */
final class ListenAddress {

  private ListenAddress() {}

  /** Checks the form of {@code text} without resolving it; returns it unchanged. */
  static String check(String option, String text) throws UsageException {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new UsageException(
          "option " + option + " needs HOST:PORT (for example 127.0.0.1:110), not '" + text + "'");
    }
    String port = text.substring(colon + 1);
    int n;
    try {
      n = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || n > 65535) {
      throw new UsageException(
          "option "
              + option
              + " needs a port from 0 to 65535, not '"
              + port
              + "' in '"
              + text
              + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") != host.endsWith("]")) {
      throw new UsageException("option " + option + " has an unclosed [ in '" + text + "'");
    }
    return text;
  }

  /** The socket address of a checked {@code text}; an empty host or {@code *} is every address. */
  static InetSocketAddress resolve(String text) {
    int colon = text.lastIndexOf(':');
    String host = text.substring(0, colon);
    int port = Integer.parseInt(text.substring(colon + 1));
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || host.equals("*")) {
      return new InetSocketAddress(port);
    }
    return new InetSocketAddress(host, port);
  }
}
