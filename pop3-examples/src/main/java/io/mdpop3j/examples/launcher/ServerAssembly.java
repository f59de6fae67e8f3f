package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.server.PlaintextPolicy;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.server.TlsContexts;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.AuthenticatorProvider;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreProvider;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Maps a parsed command line one to one onto {@link Pop3Server#builder()} and the providers. */
final class ServerAssembly {

  /** How the process serves. */
  enum Mode {
    /** One session on the inherited socket or on stdin/stdout. */
    INETD,
    /** One session straight in TRANSACTION for the calling user. */
    PREAUTHENTICATED,
    /** Listeners in one long-running process. */
    DAEMON
  }

  /** mdpop3d's default idle and write timeout for one-session processes. */
  static final Duration MDPOP3D_TIMEOUT = Duration.ofSeconds(60);

  /** The mail store when {@code --store} is not given. */
  static final String DEFAULT_STORE = "maildir";

  /** The authenticator when neither {@code --auth} nor {@code -p} is given, as in mdpop3d. */
  static final String DEFAULT_AUTHENTICATOR = "unix";

  /** The provider setting that {@code --auth NAME:ARG} sets. */
  private static final Map<String, String> AUTH_ARGUMENT =
      Map.of("passwd-file", "path", "pam", "service");

  private ServerAssembly() {}

  /** The authenticator provider's name and the settings the command line gives it. */
  record AuthChoice(String name, Map<String, String> settings) {}

  /** The authenticator the options choose: {@code --auth}, {@code -p}, or {@code unix}. */
  static AuthChoice authChoice(LaunchOptions o) throws UsageException {
    Map<String, String> extra = new LinkedHashMap<>();
    String spec = o.auth().orElse(o.pamService().isPresent() ? "pam" : DEFAULT_AUTHENTICATOR);
    int colon = spec.indexOf(':');
    String name = colon < 0 ? spec : spec.substring(0, colon);
    if (colon >= 0) {
      String key = AUTH_ARGUMENT.get(name);
      if (key == null) {
        throw new UsageException(
            "option --auth " + name + " takes no :ARG (only passwd-file:PATH, pam:SERVICE)");
      }
      extra.put(name + "." + key, spec.substring(colon + 1));
    }
    o.pamService().ifPresent(s -> extra.put("pam.service", s));
    if (o.apop() && name.equals("pam")) {
      extra.put("pam.apop", "true");
    }
    return new AuthChoice(name, extra);
  }

  /**
   * A builder for {@code mode} with everything the options say.
   *
   * @param fixedAuthenticator an authenticator instance (demo mode) instead of a provider
   * @throws UsageException for an unknown provider, a bad setting or bad TLS files
   */
  /**
   * The server the options describe, for {@code mode}; a setting the core refuses (an unknown TLS
   * protocol, say) is a usage error naming it.
   */
  static Pop3Server server(LaunchOptions o, Mode mode) throws UsageException {
    Pop3ServerBuilder b = builder(o, mode, Optional.empty());
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static Pop3ServerBuilder builder(
      LaunchOptions o, Mode mode, Optional<Authenticator> fixedAuthenticator)
      throws UsageException {
    Pop3ServerBuilder b = Pop3Server.builder();
    Map<String, String> providerSettings = new LinkedHashMap<>();
    Map<String, String> core = new LinkedHashMap<>();
    o.settings()
        .forEach(
            (k, v) -> {
              if (OptionParser.CORE_KEYS.contains(k)) {
                core.put(k, v);
              } else {
                providerSettings.put(k, v);
              }
            });
    String storeName = o.store().orElse(DEFAULT_STORE);
    AuthChoice auth = authChoice(o);
    auth.settings().forEach(providerSettings::putIfAbsent);
    if (mode != Mode.PREAUTHENTICATED && o.maildir().isPresent() && storeName.equals("maildir")) {
      providerSettings.putIfAbsent("maildir.subdir", o.maildir().get());
    }
    if (o.leaveNew() && storeName.equals("maildir")) {
      providerSettings.putIfAbsent("maildir.move-new", "false");
    }
    String authName = fixedAuthenticator.isPresent() ? null : auth.name();
    for (String key : providerSettings.keySet()) {
      String provider = key.substring(0, key.indexOf('.'));
      if (!provider.equals(storeName) && !provider.equals(authName)) {
        throw new UsageException(
            "setting "
                + key
                + " is for provider '"
                + provider
                + "', which is not in use (store "
                + storeName
                + ", authenticator "
                + (authName == null ? "built in" : authName)
                + ")");
      }
    }
    b.mailStore(store(storeName, providerSettings, mode));
    b.authenticator(
        fixedAuthenticator.isPresent()
            ? fixedAuthenticator.get()
            : authenticator(auth.name(), providerSettings, mode));
    Duration timeout =
        o.timeout()
            .orElse(mode == Mode.DAEMON ? Pop3ServerBuilder.DEFAULT_IDLE_TIMEOUT : MDPOP3D_TIMEOUT);
    b.idleTimeout(timeout);
    // The write timeout is -t when given, else whatever the idle timeout ends up being
    // (--timeout.idle included): the builder's own default.
    o.timeout().ifPresent(b::writeTimeout);
    applyCore(b, core);
    b.commitOnError(o.commitOnError()).quiet(o.quiet()).logCommands(o.debug()).apop(o.apop());
    o.apopHost().ifPresent(b::apopHost);
    tls(o).ifPresent(b::sslContext);
    o.stls().ifPresent(b::stls);
    for (String address : o.listen()) {
      b.bind(ListenAddress.resolve(address));
    }
    for (String address : o.listenTls()) {
      b.bindTls(ListenAddress.resolve(address));
    }
    return b;
  }

  private static MailStore store(String name, Map<String, String> settings, Mode mode)
      throws UsageException {
    MailStore store;
    try {
      MailStoreProvider provider = ProviderRegistry.mailStores(loader()).find(name);
      store = provider.create(Settings.fromPrefixed(name, settings));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return mode == Mode.INETD
        ? new PrivilegeDroppingMailStore(store, new PrivilegeDrop(UnixProcess::libc))
        : store;
  }

  private static Authenticator authenticator(String name, Map<String, String> settings, Mode mode)
      throws UsageException {
    if (mode == Mode.PREAUTHENTICATED) {
      return (session, credentials) ->
          AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, "pre-authenticated session");
    }
    AuthenticatorProvider provider;
    try {
      provider = ProviderRegistry.authenticators(loader()).find(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Settings own = Settings.fromPrefixed(name, settings);
    if (mode == Mode.INETD) {
      return new LazyAuthenticator(() -> provider.create(own));
    }
    try {
      return provider.create(own);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static void applyCore(Pop3ServerBuilder b, Map<String, String> core)
      throws UsageException {
    for (Map.Entry<String, String> e : core.entrySet()) {
      String option = "--" + e.getKey();
      String v = e.getValue();
      switch (e.getKey()) {
        case "timeout.idle":
          b.idleTimeout(OptionParser.duration(option, v));
          break;
        case "timeout.login":
          b.loginTimeout(OptionParser.duration(option, v));
          break;
        case "timeout.write":
          b.writeTimeout(OptionParser.duration(option, v));
          break;
        case "auth-failure-delay":
          b.authFailureDelay(
              v.trim().equals("0") ? Duration.ZERO : OptionParser.duration(option, v));
          break;
        case "max-sessions":
          b.maxSessions(count(option, v));
          break;
        case "max-sessions-per-address":
          b.maxSessionsPerAddress(count(option, v));
          break;
        case "max-failed-logins":
          b.maxFailedLogins(count(option, v));
          break;
        case "max-bad-commands":
          b.maxBadCommands(count(option, v));
          break;
        case "max-messages":
          b.maxMessages(count(option, v));
          break;
        case "plaintext":
          b.plaintext(plaintext(option, v));
          break;
        case "greeting":
          b.greeting(v);
          break;
        case "idle-thread-release":
          if (v.trim().equalsIgnoreCase("off")) {
            b.releaseIdleThreads(false);
          } else {
            b.idleThreadRelease(
                v.trim().equals("0") ? Duration.ZERO : OptionParser.duration(option, v));
          }
          break;
        case "listen-backlog":
          b.backlog(count(option, v));
          break;
        case "login-penalty":
          b.loginPenalty(OptionParser.onOff(option, v));
          break;
        case "tls-protocols":
          b.tlsProtocols(list(v));
          break;
        case "tls-ciphers":
          b.tlsCipherSuites(list(v));
          break;
        default:
          for (String command : v.split(",")) {
            if (!command.isBlank()) {
              b.disableCommand(command.trim());
            }
          }
      }
    }
  }

  /** A comma-separated list, blanks dropped. */
  private static String[] list(String v) {
    return java.util.Arrays.stream(v.split(","))
        .map(String::trim)
        .filter(x -> !x.isEmpty())
        .toArray(String[]::new);
  }

  private static int count(String option, String v) throws UsageException {
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException(
        "option " + option + " needs a whole number of at least 1, not '" + v + "'");
  }

  private static PlaintextPolicy plaintext(String option, String v) throws UsageException {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "auto":
        return PlaintextPolicy.AUTO;
      case "allow":
        return PlaintextPolicy.ALLOW;
      case "require-tls":
        return PlaintextPolicy.REQUIRE_TLS;
      default:
        throw new UsageException(
            "option " + option + " needs auto, allow or require-tls, not '" + v + "'");
    }
  }

  private static Optional<SSLContext> tls(LaunchOptions o) throws UsageException {
    try {
      if (o.tlsCert().isPresent()) {
        return Optional.of(
            TlsContexts.fromPem(Path.of(o.tlsCert().get()), Path.of(o.tlsKey().get())));
      }
      if (o.tlsKeystore().isPresent()) {
        char[] password = o.tlsKeystorePassword().orElse("").toCharArray();
        try {
          return Optional.of(TlsContexts.fromPkcs12(Path.of(o.tlsKeystore().get()), password));
        } finally {
          Arrays.fill(password, '\0');
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new UsageException("TLS: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static ClassLoader loader() {
    return ServerAssembly.class.getClassLoader();
  }
}
