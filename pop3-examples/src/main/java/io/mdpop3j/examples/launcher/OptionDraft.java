package io.mdpop3j.examples.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options as they are read, one by one ({@link OptionTable} says which option sets which
 * field), before {@link #finish} checks how they combine.
 */
final class OptionDraft {
  boolean help;
  boolean version;
  boolean cdsTraining;
  boolean demo;
  boolean preauthenticated;

  Optional<Duration> timeout = Optional.empty();
  boolean commitOnError;
  Optional<String> maildir = Optional.empty();
  boolean leaveNew;
  boolean apop;
  Optional<String> apopHost = Optional.empty();
  Optional<String> user = Optional.empty();

  Optional<String> auth = Optional.empty();
  Optional<String> store = Optional.empty();
  Optional<String> pamService = Optional.empty();
  final Map<String, String> settings = new LinkedHashMap<>();

  final List<String> listen = new ArrayList<>();
  final List<String> listenTls = new ArrayList<>();

  Optional<String> tlsCert = Optional.empty();
  Optional<String> tlsKey = Optional.empty();
  Optional<String> tlsKeystore = Optional.empty();
  Optional<String> tlsKeystorePassword = Optional.empty();
  Optional<Boolean> stls = Optional.empty();

  Optional<String> log = Optional.empty();
  boolean quiet;
  boolean debug;
  Optional<String> remoteHost = Optional.empty();
  Optional<String> remoteHostVariable = Optional.empty();

  /**
   * The command line the options make.
   *
   * @throws UsageException when two options do not go together, or one needs another
   */
  LaunchOptions finish() throws UsageException {
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new UsageException("options --tls-cert and --tls-key go together");
    }
    if (tlsCert.isPresent() && tlsKeystore.isPresent()) {
      throw new UsageException("give either --tls-cert/--tls-key or --tls-keystore, not both");
    }
    LaunchOptions.Tls tls =
        new LaunchOptions.Tls(tlsCert, tlsKey, tlsKeystore, tlsKeystorePassword, stls);
    if (!listenTls.isEmpty() && !tls.configured()) {
      throw new UsageException("option --listen-tls needs --tls-cert/--tls-key or --tls-keystore");
    }
    if (stls.orElse(false) && !tls.configured()) {
      throw new UsageException("option --stls needs --tls-cert/--tls-key or --tls-keystore");
    }
    LaunchOptions.Listeners listeners = new LaunchOptions.Listeners(listen, listenTls);
    if (preauthenticated && (listeners.any() || demo)) {
      throw new UsageException("option -a (or -u) cannot be combined with --listen or --demo");
    }
    if (pamService.isPresent() && auth.isPresent() && !auth.get().startsWith("pam")) {
      throw new UsageException(
          "option -p means PAM and cannot be combined with --auth " + auth.get());
    }
    return new LaunchOptions(
        mode(listeners),
        new LaunchOptions.Session(timeout, commitOnError, maildir, leaveNew, apop, apopHost, user),
        new LaunchOptions.Plugins(auth, store, pamService),
        settings,
        listeners,
        tls,
        new LaunchOptions.Logging(log, quiet, debug, remoteHost, remoteHostVariable));
  }

  private LaunchMode mode(LaunchOptions.Listeners listeners) {
    if (help) {
      return LaunchMode.HELP;
    }
    if (cdsTraining) {
      return LaunchMode.CDS_TRAINING;
    }
    if (version) {
      return LaunchMode.VERSION;
    }
    if (demo) {
      return LaunchMode.DEMO;
    }
    if (listeners.any()) {
      return LaunchMode.DAEMON;
    }
    return preauthenticated ? LaunchMode.PREAUTHENTICATED : LaunchMode.INETD;
  }
}
