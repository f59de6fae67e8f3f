package io.mdpop3j.examples.launcher;

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

  /** The prefix of the bearer-token validator's settings, {@code --oauth.KEY=VALUE}. */
  static final String OAUTH = "oauth";

  /** The provider setting that {@code --auth NAME:ARG} sets. */
  private static final Map<String, String> AUTH_ARGUMENT =
      Map.of("passwd-file", "path", "pam", "service");

  private ServerAssembly() {}

  /** The authenticator provider's name and the settings the command line gives it. */
  record AuthChoice(String name, Map<String, String> settings) {}

  /** The authenticator the options choose: {@code --auth}, {@code -p}, or {@code unix}. */
  static AuthChoice authChoice(LaunchOptions o) throws UsageException {
    Map<String, String> extra = new LinkedHashMap<>();
    LaunchOptions.Plugins plugins = o.plugins();
    String spec =
        plugins.auth().orElse(plugins.pamService().isPresent() ? "pam" : DEFAULT_AUTHENTICATOR);
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
    plugins.pamService().ifPresent(s -> extra.put("pam.service", s));
    if (o.session().apop() && name.equals("pam")) {
      extra.put("pam.apop", "true");
    }
    return new AuthChoice(name, extra);
  }

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

  /**
   * A builder for {@code mode} with everything the options say.
   *
   * @param fixedAuthenticator an authenticator instance (demo mode) instead of a provider
   * @throws UsageException for an unknown provider, a bad setting or bad TLS files
   */
  static Pop3ServerBuilder builder(
      LaunchOptions o, Mode mode, Optional<Authenticator> fixedAuthenticator)
      throws UsageException {
    Pop3ServerBuilder b = Pop3Server.builder();
    Map<String, String> providerSettings = new LinkedHashMap<>();
    Map<String, String> serverSettings = new LinkedHashMap<>();
    o.settings()
        .forEach(
            (k, v) -> {
              if (OptionTable.serverSetting(k).isPresent()) {
                serverSettings.put(k, v);
              } else {
                providerSettings.put(k, v);
              }
            });
    LaunchOptions.Session session = o.session();
    String storeName = o.plugins().store().orElse(DEFAULT_STORE);
    AuthChoice auth = authChoice(o);
    auth.settings().forEach(providerSettings::putIfAbsent);
    if (mode != Mode.PREAUTHENTICATED
        && session.maildir().isPresent()
        && storeName.equals("maildir")) {
      providerSettings.putIfAbsent("maildir.subdir", session.maildir().get());
    }
    if (session.leaveNew() && storeName.equals("maildir")) {
      providerSettings.putIfAbsent("maildir.move-new", "false");
    }
    String authName = fixedAuthenticator.isPresent() ? null : auth.name();
    boolean validator = serverSettings.containsKey(OAUTH);
    for (Map.Entry<String, String> e : providerSettings.entrySet()) {
      String key = e.getKey();
      String provider = key.substring(0, key.indexOf('.'));
      if (provider.equals(OAUTH)) {
        if (!validator) {
          throw new UsageException(
              "setting "
                  + key
                  + " is for a bearer-token validator, and none is in use: add --oauth=jwt or"
                  + " --oauth=introspection");
        }
        b.setting(key, e.getValue());
      } else if (!provider.equals(storeName) && !provider.equals(authName)) {
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
        session
            .timeout()
            .orElse(mode == Mode.DAEMON ? Pop3ServerBuilder.DEFAULT_IDLE_TIMEOUT : MDPOP3D_TIMEOUT);
    b.idleTimeout(timeout);
    // The write timeout is -t when given, else whatever the idle timeout ends up being
    // (--timeout.idle included): the builder's own default.
    session.timeout().ifPresent(b::writeTimeout);
    applyServerSettings(b, serverSettings);
    b.commitOnError(session.commitOnError())
        .quiet(o.logging().quiet())
        .logCommands(o.logging().debug())
        .apop(session.apop());
    session.apopHost().ifPresent(b::apopHost);
    tls(o.tls()).ifPresent(b::sslContext);
    o.tls().stls().ifPresent(b::stls);
    for (String address : o.listeners().plain()) {
      b.bind(ListenAddress.resolve(address));
    }
    for (String address : o.listeners().implicitTls()) {
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

  /** Server settings by name, as {@link OptionTable} hands each one to the builder. */
  private static void applyServerSettings(Pop3ServerBuilder b, Map<String, String> settings)
      throws UsageException {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      OptionTable.serverSetting(e.getKey()).orElseThrow().apply(b, "--" + e.getKey(), e.getValue());
    }
  }

  private static Optional<SSLContext> tls(LaunchOptions.Tls o) throws UsageException {
    try {
      if (o.cert().isPresent()) {
        return Optional.of(TlsContexts.fromPem(Path.of(o.cert().get()), Path.of(o.key().get())));
      }
      if (o.keystore().isPresent()) {
        char[] password = o.keystorePassword().orElse("").toCharArray();
        try {
          return Optional.of(TlsContexts.fromPkcs12(Path.of(o.keystore().get()), password));
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
