package io.mdpop3j.examples.launcher;

import static io.mdpop3j.examples.launcher.OptionArguments.count;
import static io.mdpop3j.examples.launcher.OptionArguments.duration;
import static io.mdpop3j.examples.launcher.OptionArguments.durationOrZero;
import static io.mdpop3j.examples.launcher.OptionArguments.firstLine;
import static io.mdpop3j.examples.launcher.OptionArguments.list;
import static io.mdpop3j.examples.launcher.OptionArguments.nonEmpty;
import static io.mdpop3j.examples.launcher.OptionArguments.onOff;
import static io.mdpop3j.examples.launcher.OptionArguments.plaintext;

import io.mdpop3j.core.server.SessionThreads;
import io.mdpop3j.examples.launcher.Option.Section;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every option of mdpop3d, once: the parser reads the command line by it, {@code --help} prints it,
 * and a test holds docs/mdpop3d.md and mdpop3d.8 to it. Letters are mdpop3d(8)'s; long names use
 * the vocabulary of docs/.
 */
final class OptionTable {

  /** The options in the order of {@code --help} and docs/mdpop3d.md. */
  static final List<Option> ALL =
      List.of(
          Option.letter(
              't',
              "timeout",
              "idle and write timeout: 60, 90s, 10m (default 60 s; daemon 10 m)",
              (d, o, v) -> d.timeout = Optional.of(duration(o, v))),
          Option.flag(
              Section.LETTERS,
              'c',
              "",
              "commit on error: apply DELE when a session ends without QUIT",
              d -> d.commitOnError = true),
          Option.letter(
              'm',
              "maildir",
              "the Maildir below the home (default Maildir; -m. is the home)",
              (d, o, v) -> d.maildir = Optional.of(nonEmpty(o, v))),
          Option.flag(
              Section.LETTERS,
              'a',
              "",
              "pre-authenticated mode: the session starts in TRANSACTION",
              d -> d.preauthenticated = true),
          Option.letter(
              'u',
              "user",
              "pre-authenticated mode for this user (implies -a)",
              (d, o, v) -> {
                d.user = Optional.of(nonEmpty(o, v));
                d.preauthenticated = true;
              }),
          Option.letter(
              'r',
              "host",
              "the client's host name for the log",
              (d, o, v) -> d.remoteHost = Optional.of(nonEmpty(o, v))),
          Option.letter(
              'R',
              "hostvar",
              "take the client's host name from this environment variable",
              (d, o, v) -> d.remoteHostVariable = Optional.of(nonEmpty(o, v))),
          Option.flag(
              Section.LETTERS,
              'q',
              "",
              "quiet: no connect and disconnect log lines",
              d -> d.quiet = true),
          Option.flag(
              Section.LETTERS,
              'n',
              "",
              "leave messages in new/ at QUIT (maildir.move-new=false)",
              d -> d.leaveNew = true),
          Option.flag(
              Section.LETTERS,
              'd',
              "",
              "debug: log every client line, the PASS text hidden",
              d -> d.debug = true),
          Option.letter(
              'p',
              "service",
              "authenticate with PAM under this service",
              (d, o, v) -> d.pamService = Optional.of(nonEmpty(o, v))),
          Option.flag(
              Section.LETTERS,
              'A',
              "",
              "offer APOP when the authenticator can check it",
              d -> d.apop = true),
          Option.letter(
              'T',
              "htag",
              "the host part of the APOP timestamp (default: this host's name)",
              (d, o, v) -> d.apopHost = Optional.of(nonEmpty(o, v))),
          Option.flag(
              Section.LETTERS,
              'V',
              "version",
              "print the version and the plug-ins found, and exit",
              d -> d.version = true),
          Option.flag(Section.LETTERS, 'h', "help", "print this help and exit", d -> d.help = true),
          Option.value(
              Section.PLUGINS,
              "auth",
              "NAME[:ARG]",
              "unix (default), pam[:SERVICE], passwd-file:PATH or memory",
              (d, o, v) -> d.auth = Optional.of(nonEmpty(o, v))),
          Option.value(
              Section.PLUGINS,
              "store",
              "NAME",
              "the mail store (default maildir)",
              (d, o, v) -> d.store = Optional.of(nonEmpty(o, v))),
          Option.setting(
              Section.PLUGINS,
              "oauth",
              "jwt|introspection",
              "check OAuth bearer tokens (OAUTHBEARER, XOAUTH2) with this validator",
              (b, o, v) -> b.tokenValidator(nonEmpty(o, v))),
          Option.setting(
              Section.PLUGINS,
              "sasl",
              "LIST",
              "SASL mechanisms AUTH may offer, in order (default: all)",
              (b, o, v) -> b.saslMechanisms(list(v))),
          Option.value(
              Section.PLUGINS,
              "set",
              "KEY=VALUE",
              "a setting by full key (maildir.subdir=Mail); also --KEY=VALUE",
              OptionTable::set),
          Option.setting(
              Section.SERVER,
              "timeout.idle",
              "D",
              "how long a session may wait for a command (default: as -t)",
              (b, o, v) -> b.idleTimeout(duration(o, v))),
          Option.setting(
              Section.SERVER,
              "timeout.login",
              "D",
              "how long a session may take to log in (default 3 min)",
              (b, o, v) -> b.loginTimeout(duration(o, v))),
          Option.setting(
              Section.SERVER,
              "timeout.write",
              "D",
              "how long one write may block (default -t, else the idle timeout)",
              (b, o, v) -> b.writeTimeout(duration(o, v))),
          Option.setting(
              Section.SERVER,
              "auth-failure-delay",
              "D",
              "time from a login's start to a failure's reply (default 2 s)",
              (b, o, v) -> b.authFailureDelay(durationOrZero(o, v))),
          Option.setting(
              Section.SERVER,
              "login-penalty",
              "on|off",
              "slow down addresses whose logins keep failing (default on)",
              (b, o, v) -> b.loginPenalty(onOff(o, v))),
          Option.setting(
              Section.SERVER,
              "max-sessions",
              "N",
              "sessions open at once (default unlimited)",
              (b, o, v) -> b.maxSessions(count(o, v))),
          Option.setting(
              Section.SERVER,
              "listen-backlog",
              "N",
              "connections the kernel holds for each listener (default 4096)",
              (b, o, v) -> b.backlog(count(o, v))),
          Option.setting(
              Section.SERVER,
              "max-sessions-per-address",
              "N",
              "sessions open at once from one address (default unlimited)",
              (b, o, v) -> b.maxSessionsPerAddress(count(o, v))),
          Option.setting(
              Section.SERVER,
              "max-failed-logins",
              "N",
              "failed logins before a session is closed (default 3)",
              (b, o, v) -> b.maxFailedLogins(count(o, v))),
          Option.setting(
              Section.SERVER,
              "max-bad-commands",
              "N",
              "bad commands in a row before a session is closed (default 20)",
              (b, o, v) -> b.maxBadCommands(count(o, v))),
          Option.setting(
              Section.SERVER,
              "max-messages",
              "N",
              "the most messages a mailbox snapshot holds (default unlimited)",
              (b, o, v) -> b.maxMessages(count(o, v))),
          Option.setting(
              Section.SERVER,
              "plaintext",
              "auto|allow|require-tls",
              "when USER and PASS may go without TLS (default auto)",
              (b, o, v) -> b.plaintext(plaintext(o, v))),
          Option.setting(
              Section.SERVER,
              "greeting",
              "TEXT",
              "the greeting after +OK (default: mdpop3j ready.)",
              (b, o, v) -> b.greeting(v)),
          Option.setting(
              Section.SERVER,
              "disable-command",
              "LIST",
              "commands to turn off, comma-separated (such as TOP,UIDL)",
              (b, o, v) -> {
                for (String command : list(v)) {
                  b.disableCommand(command);
                }
              }),
          Option.setting(
              Section.SERVER,
              "idle-thread-release",
              "D|off",
              "how long an idle plain session keeps its thread (default 1 s)",
              (b, o, v) -> {
                if (v.trim().equalsIgnoreCase("off")) {
                  b.releaseIdleThreads(false);
                } else {
                  b.idleThreadRelease(durationOrZero(o, v));
                }
              }),
          Option.setting(
              Section.SERVER,
              "session-threads",
              "auto|platform|virtual",
              "thread kind for sessions (auto: virtual for woken ones on 21+)",
              (b, o, v) -> {
                SessionThreads kind;
                try {
                  kind = SessionThreads.valueOf(v.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                  throw new UsageException(
                      "option " + o + ": expected auto, platform or virtual, not " + v);
                }
                try {
                  b.sessionThreads(kind);
                } catch (IllegalStateException e) {
                  throw new UsageException("option " + o + ": " + e.getMessage());
                }
              }),
          Option.setting(
              Section.SERVER,
              "proxy-trusted",
              "CIDR,...",
              "balancers whose PROXY header (v1/v2) names the client (default none)",
              (b, o, v) -> {
                try {
                  b.proxyProtocol(v);
                } catch (IllegalArgumentException e) {
                  throw new UsageException("option " + o + ": " + e.getMessage());
                }
              }),
          Option.setting(
              Section.SERVER,
              "proxy-timeout",
              "D",
              "how long a trusted balancer has to send its header (default 5 s)",
              (b, o, v) -> b.proxyHeaderTimeout(duration(o, v))),
          Option.value(
              Section.TLS,
              "tls-cert",
              "FILE",
              "PEM certificate chain, server first (with --tls-key)",
              (d, o, v) -> d.tlsCert = Optional.of(nonEmpty(o, v))),
          Option.value(
              Section.TLS,
              "tls-key",
              "FILE",
              "PEM private key, unencrypted PKCS#8 or PKCS#1 RSA",
              (d, o, v) -> d.tlsKey = Optional.of(nonEmpty(o, v))),
          Option.value(
              Section.TLS,
              "tls-keystore",
              "FILE",
              "a PKCS#12 key store with one key entry",
              (d, o, v) -> d.tlsKeystore = Optional.of(nonEmpty(o, v))),
          Option.value(
              Section.TLS,
              "tls-keystore-password",
              "PW",
              "its password (visible in ps; prefer the next)",
              (d, o, v) -> d.tlsKeystorePassword = Optional.of(v)),
          Option.value(
              Section.TLS,
              "tls-keystore-password-file",
              "FILE",
              "its password, the first line of FILE",
              (d, o, v) -> d.tlsKeystorePassword = Optional.of(firstLine(o, v))),
          Option.flag(
              Section.TLS,
              Option.NO_LETTER,
              "stls",
              "offer STLS on plain listeners (default once TLS is configured)",
              d -> d.stls = Optional.of(true)),
          Option.flag(
              Section.TLS,
              Option.NO_LETTER,
              "no-stls",
              "do not offer STLS",
              d -> d.stls = Optional.of(false)),
          Option.setting(
              Section.TLS,
              "tls-protocols",
              "LIST",
              "the TLS versions offered (default TLSv1.3,TLSv1.2)",
              (b, o, v) -> b.tlsProtocols(list(v))),
          Option.setting(
              Section.TLS,
              "tls-ciphers",
              "LIST",
              "cipher suites, preferred first (default: forward secrecy only)",
              (b, o, v) -> b.tlsCipherSuites(list(v))),
          Option.value(
              Section.TLS,
              "listen",
              "HOST:PORT",
              "a plain listener, repeatable: daemon mode",
              (d, o, v) -> d.listen.add(ListenAddress.check(o, v))),
          Option.value(
              Section.TLS,
              "listen-tls",
              "HOST:PORT",
              "an implicit-TLS (POP3S) listener, repeatable",
              (d, o, v) -> d.listenTls.add(ListenAddress.check(o, v))),
          Option.value(
              Section.LOGGING,
              "log",
              "syslog|stderr|FILE",
              "where the log goes (default syslog; demo: stderr)",
              (d, o, v) -> d.log = Optional.of(nonEmpty(o, v))),
          Option.flag(
              Section.LOGGING,
              Option.NO_LETTER,
              "demo",
              "serve a temporary Maildir of sample messages on 127.0.0.1:1110",
              d -> d.demo = true),
          Option.flag(
              Section.INTERNAL,
              Option.NO_LETTER,
              "cds-training",
              "one scripted session in memory, for bin/mdpop3d's class-data archive",
              d -> d.cdsTraining = true));

  private OptionTable() {}

  /** The option written {@code -letter}. */
  static Optional<Option> byLetter(char letter) {
    return ALL.stream().filter(o -> o.letter() == letter).findFirst();
  }

  /** The option written {@code --name}. */
  static Optional<Option> byName(String name) {
    return ALL.stream().filter(o -> !o.name().isEmpty() && o.name().equals(name)).findFirst();
  }

  /** The server setting called {@code key}, as the builder takes it. */
  static Optional<Option.BuilderSetter> serverSetting(String key) {
    return byName(key)
        .map(Option::effect)
        .filter(Option.ServerSetting.class::isInstance)
        .map(e -> ((Option.ServerSetting) e).apply());
  }

  /** Whether {@code key} names a server setting or, as {@code provider.key}, a provider's. */
  static boolean isSettingKey(String key) {
    return serverSetting(key).isPresent() || isProviderKey(key);
  }

  /** {@code provider.key}: a provider name, a dot, a setting name. */
  static boolean isProviderKey(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && dot < name.length() - 1 && name.matches("[a-z0-9-]+\\.[a-z0-9.-]+");
  }

  private static void set(OptionDraft d, String option, String value) throws UsageException {
    int eq = value.indexOf('=');
    String key = eq < 0 ? "" : value.substring(0, eq);
    if (!isSettingKey(key)) {
      throw new UsageException(
          "option "
              + option
              + " needs KEY=VALUE with a key such as maildir.subdir, not '"
              + value
              + "'");
    }
    d.settings.put(key, value.substring(eq + 1));
  }
}
