package io.mdpop3j.examples.launcher;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher takes from its environment, with mdpop3d's precedence: an option beats a
 * variable, a variable beats what the socket says. See ENVIRONMENT in docs/mdpop3d.md.
 */
final class LaunchEnvironment {
  private final Map<String, String> env;
  private final Path workingDirectory;

  LaunchEnvironment(Map<String, String> env, Path workingDirectory) {
    this.env = Map.copyOf(env);
    this.workingDirectory = workingDirectory;
  }

  /** The process's own environment and working directory. */
  static LaunchEnvironment current() {
    return new LaunchEnvironment(
        System.getenv(), Path.of(System.getProperty("user.dir")).toAbsolutePath());
  }

  /**
   * The client's host name for the log: {@code -r host}, else the variable {@code -R} names (which
   * must be set), else {@code REMOTE_HOST}, else {@code TCPREMOTEHOST}; empty when none says.
   *
   * @throws UsageException when {@code -R} names a variable that is not set
   */
  Optional<String> remoteHostName(LaunchOptions o) throws UsageException {
    LaunchOptions.Logging logging = o.logging();
    if (logging.remoteHost().isPresent()) {
      return logging.remoteHost();
    }
    if (logging.remoteHostVariable().isPresent()) {
      String name = logging.remoteHostVariable().get();
      String value = env.get(name);
      if (value == null || value.isEmpty()) {
        throw new UsageException(
            "option -R " + name + ": environment variable " + name + " is not set");
      }
      return Optional.of(value);
    }
    return variable("REMOTE_HOST").or(() -> variable("TCPREMOTEHOST"));
  }

  /**
   * The client's address when the session runs on pipes or a UNIX-domain socket: {@code
   * TCPREMOTEIP} and {@code TCPREMOTEPORT} as tcpserver sets them, else {@code REMOTE_HOST} and
   * {@code REMOTE_PORT} when they hold an address (stunnel), else {@code SOCAT_PEERADDR} and {@code
   * SOCAT_PEERPORT} (socat); port 0 when only the address is known. Only address literals count: a
   * host name is never looked up, and a session whose address is unknown is treated as remote.
   */
  Optional<InetSocketAddress> pipeRemote() {
    return literal("TCPREMOTEIP", "TCPREMOTEPORT")
        // stunnel's exec sets REMOTE_HOST to the client's address and REMOTE_PORT to its port.
        .or(() -> literal("REMOTE_HOST", "REMOTE_PORT"))
        .or(() -> literal("SOCAT_PEERADDR", "SOCAT_PEERPORT"));
  }

  private Optional<InetSocketAddress> literal(String addressVariable, String portVariable) {
    Optional<InetAddress> address = variable(addressVariable).flatMap(LaunchEnvironment::parseIp);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(variable(portVariable).orElse("0"));
    } catch (NumberFormatException e) {
      port = 0;
    }
    return Optional.of(new InetSocketAddress(address.get(), port < 0 || port > 65535 ? 0 : port));
  }

  /**
   * An IPv4 dotted quad or an IPv6 literal (a {@code %scope} suffix is dropped: the address is what
   * the policies need); anything else, a host name included, is empty and never looked up.
   */
  static Optional<InetAddress> parseIp(String text) {
    String ip =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    int scope = ip.indexOf('%');
    if (scope >= 0) {
      ip = ip.substring(0, scope);
    }
    boolean v4 = ip.matches("(\\d{1,3}\\.){3}\\d{1,3}") && octetsFit(ip);
    boolean v6 = ip.indexOf(':') >= 0 && ip.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // A literal only (checked above): getByName does no lookup for it.
      return Optional.of(InetAddress.getByName(ip));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean octetsFit(String quad) {
    for (String octet : quad.split("\\.", 0)) {
      if (Integer.parseInt(octet) > 255) {
        // getByName would take it for a host name and look it up.
        return false;
      }
    }
    return true;
  }

  /**
   * The user of a pre-authenticated session: {@code -u}, else {@code LOGNAME}, else {@code USER}.
   *
   * @throws UsageException when none of them is set
   */
  String preauthenticatedUser(LaunchOptions o) throws UsageException {
    return o.session()
        .user()
        .or(() -> variable("LOGNAME"))
        .or(() -> variable("USER"))
        .orElseThrow(() -> new UsageException("option -a needs -u user, LOGNAME or USER"));
  }

  /**
   * The Maildir of a pre-authenticated session: {@code -m}, else {@code MAILDIR}, else {@code
   * Maildir}; a relative path is taken from the working directory, as qmail-pop3d does.
   */
  Path preauthenticatedMaildir(LaunchOptions o) {
    String name = o.session().maildir().or(() -> variable("MAILDIR")).orElse("Maildir");
    return workingDirectory.resolve(name).normalize();
  }

  /** The working directory. */
  Path workingDirectory() {
    return workingDirectory;
  }

  private Optional<String> variable(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
