package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses mdpop3d's command line: POSIX short options as getopt(3) reads them ({@code -t 60}, {@code
 * -t60}, {@code -m.}, grouped flags {@code -qn}, {@code --} ends options) and GNU-style long
 * options ({@code --listen HOST:PORT} or {@code --listen=HOST:PORT}).
 */
public final class OptionParser {

  /** The one-line usage that follows every command-line error. */
  public static final String USAGE =
      "usage: mdpop3d [-acdnqAV] [-t timeout] [-m maildir] [-u user] [-r host] [-R hostvar]"
          + " [-p service] [-T htag] [--auth NAME[:ARG]] [--listen HOST:PORT]..."
          + " [--listen-tls HOST:PORT]... [--tls-cert PEM --tls-key PEM | --tls-keystore P12]"
          + " [--stls] [--set KEY=VALUE]... [--log syslog|stderr|FILE] [--demo]";

  private static final String FLAGS = "acdnqAVh";
  private static final String WITH_ARGUMENT = "tmurRpT";

  /** Core settings that long options set, with the names docs/ uses. */
  static final Set<String> CORE_KEYS =
      Set.of(
          "timeout.idle",
          "timeout.login",
          "timeout.write",
          "auth-failure-delay",
          "max-sessions",
          "max-sessions-per-address",
          "max-failed-logins",
          "max-bad-commands",
          "max-messages",
          "plaintext",
          "greeting",
          "disable-command",
          "idle-thread-release",
          "tls-protocols",
          "tls-ciphers",
          "login-penalty",
          "listen-backlog");

  private static final Set<String> LONG_FLAGS =
      Set.of("stls", "no-stls", "demo", "help", "version", "cds-training");
  private static final Set<String> LONG_WITH_ARGUMENT =
      Set.of(
          "listen",
          "listen-tls",
          "tls-cert",
          "tls-key",
          "tls-keystore",
          "tls-keystore-password",
          "tls-keystore-password-file",
          "auth",
          "store",
          "set",
          "log");

  private OptionParser() {}

  /**
   * Parses {@code args}.
   *
   * @throws UsageException naming the bad option, the missing argument or the bad value
   */
  public static LaunchOptions parse(List<String> args) throws UsageException {
    Draft d = new Draft();
    int i = 0;
    while (i < args.size()) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        i++;
        break;
      }
      if (arg.startsWith("--")) {
        i = longOption(args, i, d);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        i = shortOptions(args, i, d);
      } else {
        break;
      }
    }
    if (i < args.size()) {
      throw new UsageException("unexpected argument '" + args.get(i) + "'");
    }
    return d.finish();
  }

  private static int shortOptions(List<String> args, int i, Draft d) throws UsageException {
    String group = args.get(i);
    for (int k = 1; k < group.length(); k++) {
      char c = group.charAt(k);
      if (FLAGS.indexOf(c) >= 0) {
        d.flag(c);
      } else if (WITH_ARGUMENT.indexOf(c) >= 0) {
        String value;
        if (k + 1 < group.length()) {
          value = group.substring(k + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException("option -" + c + " needs an argument");
        }
        d.shortValue(c, value);
        return i + 1;
      } else {
        throw new UsageException("unknown option -" + c);
      }
    }
    return i + 1;
  }

  private static int longOption(List<String> args, int i, Draft d) throws UsageException {
    String text = args.get(i).substring(2);
    int eq = text.indexOf('=');
    String name = eq < 0 ? text : text.substring(0, eq);
    Optional<String> inline = eq < 0 ? Optional.empty() : Optional.of(text.substring(eq + 1));
    if (LONG_FLAGS.contains(name)) {
      if (inline.isPresent()) {
        throw new UsageException("option --" + name + " takes no argument");
      }
      d.longFlag(name);
      return i + 1;
    }
    boolean known =
        LONG_WITH_ARGUMENT.contains(name) || CORE_KEYS.contains(name) || isProviderKey(name);
    if (!known) {
      throw new UsageException("unknown option --" + name);
    }
    String value;
    int next = i + 1;
    if (inline.isPresent()) {
      value = inline.get();
    } else if (next < args.size()) {
      value = args.get(next++);
    } else {
      throw new UsageException("option --" + name + " needs an argument");
    }
    if (LONG_WITH_ARGUMENT.contains(name)) {
      d.longValue(name, value);
    } else {
      d.setting(name, value);
    }
    return next;
  }

  /** {@code provider.key}: a provider name, a dot, a setting name. */
  static boolean isProviderKey(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && dot < name.length() - 1 && name.matches("[a-z0-9-]+\\.[a-z0-9.-]+");
  }

  /** A switch: on, yes, true or 1; off, no, false or 0. */
  static boolean onOff(String option, String text) throws UsageException {
    switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "yes", "true", "1":
        return true;
      case "off", "no", "false", "0":
        return false;
      default:
        throw new UsageException("option " + option + " needs on or off, not '" + text + "'");
    }
  }

  /** A duration as mdpop3d writes it (seconds) or with a unit: 60, 90s, 500ms, 10m, 1h. */
  static Duration duration(String option, String text) throws UsageException {
    String t = text.trim();
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    String unit = t.substring(i);
    if (i == 0 || i > 9) {
      throw new UsageException(
          "option "
              + option
              + " needs a duration such as 60 (seconds), 90s or 10m, not '"
              + text
              + "'");
    }
    long n = Long.parseLong(t.substring(0, i));
    Duration d;
    switch (unit) {
      case "", "s":
        d = Duration.ofSeconds(n);
        break;
      case "ms":
        d = Duration.ofMillis(n);
        break;
      case "m":
        d = Duration.ofMinutes(n);
        break;
      case "h":
        d = Duration.ofHours(n);
        break;
      default:
        throw new UsageException(
            "option "
                + option
                + " needs a duration such as 60 (seconds), 90s or 10m, not '"
                + text
                + "'");
    }
    if (d.isZero()) {
      throw new UsageException("option " + option + " must be more than 0, not '" + text + "'");
    }
    return d;
  }

  /** The options as they are read, before they become a {@link LaunchOptions}. */
  private static final class Draft {
    Optional<Duration> timeout = Optional.empty();
    boolean commitOnError;
    Optional<String> maildir = Optional.empty();
    boolean preauthenticated;
    Optional<String> user = Optional.empty();
    Optional<String> remoteHost = Optional.empty();
    Optional<String> remoteHostVariable = Optional.empty();
    boolean quiet;
    boolean leaveNew;
    boolean debug;
    Optional<String> pamService = Optional.empty();
    boolean apop;
    Optional<String> apopHost = Optional.empty();
    boolean version;
    boolean help;
    final List<String> listen = new ArrayList<>();
    final List<String> listenTls = new ArrayList<>();
    Optional<String> tlsCert = Optional.empty();
    Optional<String> tlsKey = Optional.empty();
    Optional<String> tlsKeystore = Optional.empty();
    Optional<String> tlsKeystorePassword = Optional.empty();
    Optional<Boolean> stls = Optional.empty();
    Optional<String> auth = Optional.empty();
    Optional<String> store = Optional.empty();
    final Map<String, String> settings = new LinkedHashMap<>();
    Optional<String> log = Optional.empty();
    boolean demo;
    boolean cdsTraining;

    void flag(char c) {
      switch (c) {
        case 'a':
          preauthenticated = true;
          break;
        case 'c':
          commitOnError = true;
          break;
        case 'd':
          debug = true;
          break;
        case 'n':
          leaveNew = true;
          break;
        case 'q':
          quiet = true;
          break;
        case 'A':
          apop = true;
          break;
        case 'V':
          version = true;
          break;
        default:
          help = true;
      }
    }

    void shortValue(char c, String value) throws UsageException {
      switch (c) {
        case 't':
          timeout = Optional.of(duration("-t", value));
          break;
        case 'm':
          maildir = Optional.of(nonEmpty("-m", value));
          break;
        case 'u':
          user = Optional.of(nonEmpty("-u", value));
          preauthenticated = true;
          break;
        case 'r':
          remoteHost = Optional.of(nonEmpty("-r", value));
          break;
        case 'R':
          remoteHostVariable = Optional.of(nonEmpty("-R", value));
          break;
        case 'p':
          pamService = Optional.of(nonEmpty("-p", value));
          break;
        default:
          apopHost = Optional.of(nonEmpty("-T", value));
      }
    }

    void longFlag(String name) {
      switch (name) {
        case "stls":
          stls = Optional.of(true);
          break;
        case "no-stls":
          stls = Optional.of(false);
          break;
        case "demo":
          demo = true;
          break;
        case "version":
          version = true;
          break;
        case "cds-training":
          cdsTraining = true;
          break;
        default:
          help = true;
      }
    }

    void longValue(String name, String value) throws UsageException {
      String option = "--" + name;
      switch (name) {
        case "listen":
          listen.add(ListenAddress.check(option, value));
          break;
        case "listen-tls":
          listenTls.add(ListenAddress.check(option, value));
          break;
        case "tls-cert":
          tlsCert = Optional.of(nonEmpty(option, value));
          break;
        case "tls-key":
          tlsKey = Optional.of(nonEmpty(option, value));
          break;
        case "tls-keystore":
          tlsKeystore = Optional.of(nonEmpty(option, value));
          break;
        case "tls-keystore-password":
          tlsKeystorePassword = Optional.of(value);
          break;
        case "tls-keystore-password-file":
          tlsKeystorePassword = Optional.of(firstLine(option, value));
          break;
        case "auth":
          auth = Optional.of(nonEmpty(option, value));
          break;
        case "store":
          store = Optional.of(nonEmpty(option, value));
          break;
        case "set":
          int eq = value.indexOf('=');
          String key = eq < 0 ? "" : value.substring(0, eq);
          if (!CORE_KEYS.contains(key) && !isProviderKey(key)) {
            throw new UsageException(
                "option --set needs KEY=VALUE with a key such as maildir.subdir, not '"
                    + value
                    + "'");
          }
          setting(key, value.substring(eq + 1));
          break;
        default:
          log = Optional.of(nonEmpty(option, value));
      }
    }

    void setting(String key, String value) {
      settings.put(key, value);
    }

    LaunchOptions finish() throws UsageException {
      if (tlsCert.isPresent() != tlsKey.isPresent()) {
        throw new UsageException("options --tls-cert and --tls-key go together");
      }
      if (tlsCert.isPresent() && tlsKeystore.isPresent()) {
        throw new UsageException("give either --tls-cert/--tls-key or --tls-keystore, not both");
      }
      if (!listenTls.isEmpty() && tlsCert.isEmpty() && tlsKeystore.isEmpty()) {
        throw new UsageException(
            "option --listen-tls needs --tls-cert/--tls-key or --tls-keystore");
      }
      if (stls.orElse(false) && tlsCert.isEmpty() && tlsKeystore.isEmpty()) {
        throw new UsageException("option --stls needs --tls-cert/--tls-key or --tls-keystore");
      }
      if (preauthenticated && (!listen.isEmpty() || !listenTls.isEmpty() || demo)) {
        throw new UsageException("option -a (or -u) cannot be combined with --listen or --demo");
      }
      if (pamService.isPresent() && auth.isPresent() && !auth.get().startsWith("pam")) {
        throw new UsageException(
            "option -p means PAM and cannot be combined with --auth " + auth.get());
      }
      return new LaunchOptions(
          timeout,
          commitOnError,
          maildir,
          preauthenticated,
          user,
          remoteHost,
          remoteHostVariable,
          quiet,
          leaveNew,
          debug,
          pamService,
          apop,
          apopHost,
          version,
          help,
          listen,
          listenTls,
          tlsCert,
          tlsKey,
          tlsKeystore,
          tlsKeystorePassword,
          stls,
          auth,
          store,
          settings,
          log,
          demo,
          cdsTraining);
    }

    private static String nonEmpty(String option, String value) throws UsageException {
      if (value.isEmpty()) {
        throw new UsageException("option " + option + " needs a non-empty argument");
      }
      return value;
    }

    private static String firstLine(String option, String file) throws UsageException {
      try {
        List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0);
      } catch (IOException e) {
        throw new UsageException("option " + option + ": cannot read " + file + " (" + e + ")");
      }
    }
  }
}
