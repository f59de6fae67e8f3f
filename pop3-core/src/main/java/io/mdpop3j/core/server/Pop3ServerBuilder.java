package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.CommandTable;
import io.mdpop3j.core.protocol.LoginThrottle;
import io.mdpop3j.core.protocol.ProtocolSettings;
import io.mdpop3j.core.protocol.SaslMechanisms;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.AuthenticatorProvider;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.BearerTokenValidatorProvider;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreProvider;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.SaslMechanism;
import io.mdpop3j.core.spi.Settings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/** Builds a {@link Pop3Server}. Every setting has a default; only the plug-ins are required. */
public final class Pop3ServerBuilder {

  /** The idle timeout RFC 1939 section 3 asks for at least: 10 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** The listen backlog by default: room for a burst of a few thousand connects. */
  public static final int DEFAULT_BACKLOG = 4096;

  /** The default time allowed in the AUTHORIZATION state. */
  public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofMinutes(3);

  /**
   * How long a session waits for a command on its own thread before it gives the thread back: 1 s.
   * A client in the middle of a login or a download sends its next command within a round trip and
   * some local work (milliseconds, rarely near a second), so busy sessions never leave their
   * thread; a session idle for longer waits in a selector instead, at the cost of a few system
   * calls and one executor hand-off when it wakes.
   */
  public static final Duration DEFAULT_IDLE_THREAD_RELEASE = Duration.ofSeconds(1);

  /** The default wait before a failed login's reply, as Dovecot's auth_failure_delay. */
  public static final Duration DEFAULT_AUTH_FAILURE_DELAY = Duration.ofSeconds(2);

  final List<InetSocketAddress> plainAddresses = new ArrayList<>();
  final List<InetSocketAddress> tlsAddresses = new ArrayList<>();
  Executor executor;
  int maxSessions = Integer.MAX_VALUE;
  int maxSessionsPerAddress = Integer.MAX_VALUE;
  int backlog = DEFAULT_BACKLOG;
  Duration shutdownGrace = Duration.ofSeconds(5);
  long threadStackSize = 256 * 1024;
  SessionThreads sessionThreads = SessionThreads.AUTO;
  Duration idleThreadRelease = DEFAULT_IDLE_THREAD_RELEASE;
  boolean releaseIdleThreads = true;

  private Authenticator authenticator;
  private MailStore store;
  private String authenticatorName;
  private String storeName;
  private final Map<String, String> providerSettings = new LinkedHashMap<>();
  private final List<MailStoreProvider> storeProviders = new ArrayList<>();
  private final List<AuthenticatorProvider> authenticatorProviders = new ArrayList<>();
  private SSLContext sslContext;
  private List<String> tlsProtocols = List.of();
  private List<String> tlsCipherSuites = List.of();
  private boolean offerStls = true;
  private PlaintextPolicy plaintextPolicy = PlaintextPolicy.AUTO;
  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
  private Duration writeTimeout;
  private Duration authFailureDelay = DEFAULT_AUTH_FAILURE_DELAY;
  private boolean loginPenalty = true;
  private int maxFailedLogins = ProtocolSettings.DEFAULT_MAX_FAILED_LOGINS;
  private int maxBadCommands = ProtocolSettings.DEFAULT_MAX_BAD_COMMANDS;
  private String greeting = "mdpop3j ready.";
  private boolean apop;
  private String apopHost;
  private Optional<String> implementation = Optional.of("mdpop3j");
  private final Set<String> disabledCommands = new TreeSet<>();
  private int maxMessages = Integer.MAX_VALUE;
  private long maxBytes = Long.MAX_VALUE;
  private boolean commitOnError;
  private boolean quiet;
  private boolean routineAtDebug;
  private boolean logCommands;
  private SessionListener listener;
  private Map<String, String> attributes = Map.of();
  private List<String> saslNames;
  private final List<SaslMechanism> customMechanisms = new ArrayList<>();
  private BearerTokenValidator tokenValidator;
  private String tokenValidatorName;
  private final List<BearerTokenValidatorProvider> validatorProviders = new ArrayList<>();

  Pop3ServerBuilder() {}

  /** Adds a plain listener (STLS is offered there when TLS is configured). Port 0 picks one. */
  public Pop3ServerBuilder bind(InetSocketAddress address) {
    plainAddresses.add(Objects.requireNonNull(address, "address"));
    return this;
  }

  /** Adds a plain listener on {@code host}:{@code port}. */
  public Pop3ServerBuilder bind(String host, int port) {
    return bind(new InetSocketAddress(host, port));
  }

  /** Adds an implicit-TLS listener (POP3S, RFC 8314); needs {@link #sslContext}. */
  public Pop3ServerBuilder bindTls(InetSocketAddress address) {
    tlsAddresses.add(Objects.requireNonNull(address, "address"));
    return this;
  }

  /** Adds an implicit-TLS listener on {@code host}:{@code port}; needs {@link #sslContext}. */
  public Pop3ServerBuilder bindTls(String host, int port) {
    return bindTls(new InetSocketAddress(host, port));
  }

  /** The authenticator instance to use. */
  public Pop3ServerBuilder authenticator(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.authenticatorName = null;
    return this;
  }

  /** An authenticator by provider name, made with the settings given to {@link #setting}. */
  public Pop3ServerBuilder authenticator(String providerName) {
    this.authenticatorName = Objects.requireNonNull(providerName, "providerName");
    this.authenticator = null;
    return this;
  }

  /** The mail store instance to use. */
  public Pop3ServerBuilder mailStore(MailStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.storeName = null;
    return this;
  }

  /** A mail store by provider name, made with the settings given to {@link #setting}. */
  public Pop3ServerBuilder mailStore(String providerName) {
    this.storeName = Objects.requireNonNull(providerName, "providerName");
    this.store = null;
    return this;
  }

  /** A provider setting by its full key, such as {@code maildir.subdir}. */
  public Pop3ServerBuilder setting(String fullKey, String value) {
    providerSettings.put(fullKey, value);
    return this;
  }

  /** A provider the host supplies; it wins over one of the same name found on the class path. */
  public Pop3ServerBuilder provider(MailStoreProvider provider) {
    storeProviders.add(provider);
    return this;
  }

  /** A provider the host supplies; it wins over one of the same name found on the class path. */
  public Pop3ServerBuilder provider(AuthenticatorProvider provider) {
    authenticatorProviders.add(provider);
    return this;
  }

  /**
   * The SASL mechanisms AUTH may offer, by name, in this order (default: every mechanism on the
   * class path, strongest first). Each is offered only where it can work: where the authenticator
   * (or the token validator) can check its credentials, and, for PLAIN, LOGIN and the bearer-token
   * mechanisms, where the plaintext policy allows a reusable secret.
   *
   * @throws IllegalArgumentException at {@link #build()} when a name is not a known mechanism
   */
  public Pop3ServerBuilder saslMechanisms(String... names) {
    List<String> upper = new ArrayList<>();
    for (String name : names) {
      upper.add(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
    this.saslNames = List.copyOf(upper);
    return this;
  }

  /**
   * A SASL mechanism the host supplies; it wins over one of the same name found on the class path,
   * and is offered unless {@link #saslMechanisms} leaves it out.
   */
  public Pop3ServerBuilder saslMechanism(SaslMechanism mechanism) {
    customMechanisms.add(Objects.requireNonNull(mechanism, "mechanism"));
    return this;
  }

  /**
   * The validator of OAuth 2.0 bearer tokens (OAUTHBEARER, XOAUTH2; default none, so neither is
   * offered). A valid token's user then gets the account the authenticator gives for {@link
   * io.mdpop3j.core.spi.Credentials.Verified}, which it must accept.
   */
  public Pop3ServerBuilder tokenValidator(BearerTokenValidator validator) {
    this.tokenValidator = Objects.requireNonNull(validator, "validator");
    this.tokenValidatorName = null;
    return this;
  }

  /**
   * A bearer-token validator by provider name ({@code jwt}, {@code introspection}), made with the
   * settings under {@code oauth.} given to {@link #setting}.
   */
  public Pop3ServerBuilder tokenValidator(String providerName) {
    this.tokenValidatorName = Objects.requireNonNull(providerName, "providerName");
    this.tokenValidator = null;
    return this;
  }

  /** A provider the host supplies; it wins over one of the same name found on the class path. */
  public Pop3ServerBuilder provider(BearerTokenValidatorProvider provider) {
    validatorProviders.add(provider);
    return this;
  }

  /** Runs sessions on the host's executor, which this server never shuts down. */
  public Pop3ServerBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * TLS for STLS and implicit-TLS listeners: the context's keys, with the protocols and suites of
   * {@link #tlsProtocols} and {@link #tlsCipherSuites}. A client that starts a second handshake
   * (renegotiation) on a connection is disconnected.
   */
  public Pop3ServerBuilder sslContext(SSLContext context) {
    this.sslContext = Objects.requireNonNull(context, "context");
    return this;
  }

  /**
   * The TLS protocol versions offered, by their JDK names (default {@code TLSv1.3} and {@code
   * TLSv1.2}). A name the JDK does not support is refused by {@link #build()}, which lists the
   * supported ones.
   */
  public Pop3ServerBuilder tlsProtocols(String... protocols) {
    this.tlsProtocols = List.of(protocols);
    return this;
  }

  /**
   * The TLS cipher suites offered, in the server's order of preference, by their JDK names
   * (default: the context's default suites that have forward secrecy, that is the TLS 1.3 suites
   * and the ECDHE ones; static-RSA and DHE suites are left out). A name the JDK does not support is
   * refused by {@link #build()}, which lists the supported ones.
   */
  public Pop3ServerBuilder tlsCipherSuites(String... suites) {
    this.tlsCipherSuites = List.of(suites);
    return this;
  }

  /** Whether plain listeners offer STLS when TLS is configured (default true). */
  public Pop3ServerBuilder stls(boolean offer) {
    this.offerStls = offer;
    return this;
  }

  /** When cleartext logins are allowed (default {@link PlaintextPolicy#AUTO}). */
  public Pop3ServerBuilder plaintext(PlaintextPolicy policy) {
    this.plaintextPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** How long a session may wait for a complete command (default 10 minutes). */
  public Pop3ServerBuilder idleTimeout(Duration timeout) {
    this.idleTimeout = positive(timeout, "idleTimeout");
    return this;
  }

  /** How long a session may stay in AUTHORIZATION (default 3 minutes). */
  public Pop3ServerBuilder loginTimeout(Duration timeout) {
    this.loginTimeout = positive(timeout, "loginTimeout");
    return this;
  }

  /** How long one write may block on a client that does not read (default: the idle timeout). */
  public Pop3ServerBuilder writeTimeout(Duration timeout) {
    this.writeTimeout = positive(timeout, "writeTimeout");
    return this;
  }

  /**
   * Whether failed logins from one client address slow down that address's later logins, across
   * sessions (default on): after 3 failures its attempts are answered one at a time, 0.25 s apart,
   * doubling with each further failure up to 8 s; an attempt that would wait over 30 s is refused
   * unchecked; an address is forgotten 15 minutes after its last failure. IPv6 clients count by
   * their /64. Other addresses are never slowed. One server keeps the record, so a process per
   * connection (inetd mode) has none.
   */
  public Pop3ServerBuilder loginPenalty(boolean on) {
    this.loginPenalty = on;
    return this;
  }

  /**
   * The time from the start of a login check to the reply to a failure (default 2 s; zero for
   * tests): every failure takes the same time whatever the user and the password scheme, unless the
   * check itself takes longer.
   */
  public Pop3ServerBuilder authFailureDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("authFailureDelay must not be negative, was " + delay);
    }
    this.authFailureDelay = delay;
    return this;
  }

  /** Failed logins in one session before it is closed (default 3). */
  public Pop3ServerBuilder maxFailedLogins(int n) {
    this.maxFailedLogins = atLeastOne(n, "maxFailedLogins");
    return this;
  }

  /** Bad commands in a row before the session is closed (default 20). */
  public Pop3ServerBuilder maxBadCommands(int n) {
    this.maxBadCommands = atLeastOne(n, "maxBadCommands");
    return this;
  }

  /** Sessions open at once, beyond which connections are refused (default unlimited). */
  public Pop3ServerBuilder maxSessions(int n) {
    this.maxSessions = atLeastOne(n, "maxSessions");
    return this;
  }

  /**
   * How many connections each listener lets the kernel hold before this server accepts them
   * (default {@value #DEFAULT_BACKLOG}; Linux caps it at {@code net.core.somaxconn}). A burst
   * larger than the backlog leaves the surplus clients retrying their handshake for seconds.
   */
  public Pop3ServerBuilder backlog(int connections) {
    this.backlog = atLeastOne(connections, "backlog");
    return this;
  }

  /**
   * Sessions open at once from one client address (default unlimited); more are refused with {@code
   * -ERR [SYS/TEMP]}.
   */
  public Pop3ServerBuilder maxSessionsPerAddress(int n) {
    this.maxSessionsPerAddress = atLeastOne(n, "maxSessionsPerAddress");
    return this;
  }

  /** The most messages a mailbox snapshot holds, oldest first (default unlimited). */
  public Pop3ServerBuilder maxMessages(int n) {
    this.maxMessages = atLeastOne(n, "maxMessages");
    return this;
  }

  /** The most octets a mailbox snapshot holds, oldest first (default unlimited). */
  public Pop3ServerBuilder maxBytes(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, was " + n);
    }
    this.maxBytes = n;
    return this;
  }

  /** How long {@link Pop3Server#close()} lets running commands finish (default 5 s). */
  public Pop3ServerBuilder shutdownGrace(Duration grace) {
    this.shutdownGrace = Objects.requireNonNull(grace, "grace");
    return this;
  }

  /**
   * What kind of thread the server's own executor runs sessions on (default {@link
   * SessionThreads#AUTO}: on Java 21 and later, new sessions on platform threads and sessions woken
   * from idling on virtual threads). Ignored when {@link #executor(Executor)} is set. Calls into
   * plug-ins that block in native code keep a virtual thread's carrier busy; the PAM and crypt
   * plug-ins run those calls on their own bounded pools.
   *
   * @throws IllegalStateException for {@link SessionThreads#VIRTUAL} on a runtime without them
   */
  public Pop3ServerBuilder sessionThreads(SessionThreads kind) {
    Objects.requireNonNull(kind, "kind");
    if (kind == SessionThreads.VIRTUAL && !SessionThreads.virtualAvailable()) {
      throw new IllegalStateException(
          "virtual threads need Java 21 or later; this is Java " + Runtime.version().feature());
    }
    this.sessionThreads = kind;
    return this;
  }

  /** The stack size of platform session threads this server creates (default 256 KiB). */
  public Pop3ServerBuilder threadStackSize(long bytes) {
    this.threadStackSize = bytes;
    return this;
  }

  /**
   * How long a plain-TCP session waits for a command on its thread before it gives the thread back
   * to the executor and waits in a selector shared by all sessions (default {@link
   * #DEFAULT_IDLE_THREAD_RELEASE}; {@link Duration#ZERO} releases it as soon as no input waits). An
   * idle session then costs a few KiB of heap and no thread, and a bounded executor can carry many
   * more idle sessions than it has threads. TLS sessions keep their thread. A session's plug-in
   * calls may then come from different threads over its life, one at a time.
   */
  public Pop3ServerBuilder idleThreadRelease(Duration grace) {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("idleThreadRelease must not be negative, was " + grace);
    }
    this.idleThreadRelease = grace;
    return this;
  }

  /**
   * Whether idle sessions give their thread back after {@link #idleThreadRelease} (default true);
   * false keeps one thread per session for its whole life, for plug-ins that keep per-session state
   * in thread-locals.
   */
  public Pop3ServerBuilder releaseIdleThreads(boolean enabled) {
    this.releaseIdleThreads = enabled;
    return this;
  }

  /** The greeting text after {@code +OK} (default {@code mdpop3j ready.}). */
  public Pop3ServerBuilder greeting(String text) {
    this.greeting = Objects.requireNonNull(text, "text");
    return this;
  }

  /** Offer APOP when the authenticator supports it (default off). */
  public Pop3ServerBuilder apop(boolean enabled) {
    this.apop = enabled;
    return this;
  }

  /**
   * The host part of APOP timestamps; mdpop3d's {@code -T}. Default: this host's name, taken from
   * the kernel where it shows it, else asked of the resolver for at most 500 ms, else {@code
   * localhost}; never looked up when APOP is off.
   */
  public Pop3ServerBuilder apopHost(String host) {
    this.apopHost = Objects.requireNonNull(host, "host");
    return this;
  }

  /** The CAPA IMPLEMENTATION text, or empty to leave it out (default {@code mdpop3j}). */
  public Pop3ServerBuilder implementation(Optional<String> text) {
    this.implementation = Objects.requireNonNull(text, "text");
    return this;
  }

  /** Turns a command off (for example {@code TOP}, {@code UIDL}): gone from CAPA and refused. */
  public Pop3ServerBuilder disableCommand(String keyword) {
    disabledCommands.add(keyword.toUpperCase(Locale.ROOT));
    return this;
  }

  /** Apply deletions even when a session ends without QUIT (mdpop3d's {@code -c}; default off). */
  public Pop3ServerBuilder commitOnError(boolean enabled) {
    this.commitOnError = enabled;
    return this;
  }

  /**
   * Failed logins and mailboxes found in use logged at DEBUG instead of INFO and WARN (default
   * false): in a test suite they are what the test asked for. Other failures keep their level.
   */
  public Pop3ServerBuilder routineFailuresAtDebug(boolean enabled) {
    this.routineAtDebug = enabled;
    return this;
  }

  /** Leave out the connect and disconnect log lines (mdpop3d's {@code -q}). */
  public Pop3ServerBuilder quiet(boolean enabled) {
    this.quiet = enabled;
    return this;
  }

  /** Log every client line at debug level, with secrets hidden (mdpop3d's {@code -d}). */
  public Pop3ServerBuilder logCommands(boolean enabled) {
    this.logCommands = enabled;
    return this;
  }

  /** Observes sessions (commands received, sessions ended). */
  public Pop3ServerBuilder listener(SessionListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Attributes every session shows plug-ins through {@code Session.attributes()}. */
  public Pop3ServerBuilder attributes(Map<String, String> attributes) {
    this.attributes = Map.copyOf(attributes);
    return this;
  }

  // --- PROXY protocol (HAProxy's proxy-protocol.txt, v1 and v2) ---

  /** How long a trusted balancer has to send its whole PROXY header by default: 5 s. */
  public static final Duration DEFAULT_PROXY_HEADER_TIMEOUT = Duration.ofSeconds(5);

  TrustedNetworks proxyTrusted;
  Duration proxyHeaderTimeout = DEFAULT_PROXY_HEADER_TIMEOUT;

  /**
   * Takes the client's address from a PROXY protocol header (v1 or v2, as HAProxy's {@code
   * send-proxy} and {@code send-proxy-v2} send it) on connections from {@code trustedNetworks}:
   * CIDR blocks separated by commas, such as {@code 10.0.0.0/8,2001:db8::/32,192.0.2.7} (a bare
   * address is one host; an IPv4-mapped IPv6 address counts as its IPv4 address). Default: off, no
   * source is trusted and no connection is read as a header.
   *
   * <p>A connection from those networks must start with a header, before the greeting and before an
   * implicit-TLS handshake, complete within {@link #proxyHeaderTimeout}; without one it is closed
   * with no reply ({@link EndReason#PROXY_HEADER_INVALID}). The client address the header names is
   * then the session's remote address for everything: {@code Session.remoteAddress()} (so
   * authenticators and PAM_RHOST see it), the log, the loopback exception of the plaintext policy,
   * the login penalty and {@link #maxSessionsPerAddress}. A v2 header saying the balancer
   * terminated the client's TLS (PP2_TYPE_SSL) makes the session count as TLS. A LOCAL (health
   * check) or UNKNOWN header leaves the connection's own addresses. A connection from anywhere else
   * is never read as a header: a {@code PROXY} line it sends is an unknown POP3 command.
   *
   * @throws IllegalArgumentException naming the entry that is not an address or a CIDR block
   */
  public Pop3ServerBuilder proxyProtocol(String trustedNetworks) {
    this.proxyTrusted =
        TrustedNetworks.parse(Objects.requireNonNull(trustedNetworks, "trustedNetworks"));
    return this;
  }

  /**
   * How long a trusted balancer has to send its whole PROXY header, counted from the accept
   * (default {@link #DEFAULT_PROXY_HEADER_TIMEOUT}, 5 s); a balancer sends it at once, so this only
   * bounds a connection that sends nothing or trickles.
   */
  public Pop3ServerBuilder proxyHeaderTimeout(Duration timeout) {
    this.proxyHeaderTimeout = positive(timeout, "proxyHeaderTimeout");
    return this;
  }

  // --- end of PROXY protocol ---

  /**
   * Builds the server.
   *
   * @throws IllegalStateException when the authenticator or mail store is missing, or a TLS
   *     listener has no SSL context
   * @throws IllegalArgumentException when a provider name is unknown or a setting is invalid
   */
  public Pop3Server build() {
    if (!tlsAddresses.isEmpty() && sslContext == null) {
      throw new IllegalStateException("bindTls needs an sslContext");
    }
    ClassLoader loader = Pop3ServerBuilder.class.getClassLoader();
    MailStore resolvedStore = store;
    if (resolvedStore == null) {
      if (storeName == null) {
        throw new IllegalStateException("no mail store: call mailStore(...)");
      }
      ProviderRegistry<MailStoreProvider> registry = ProviderRegistry.mailStores(loader);
      storeProviders.forEach(registry::register);
      resolvedStore =
          registry.find(storeName).create(Settings.fromPrefixed(storeName, providerSettings));
    }
    Authenticator resolvedAuth = authenticator;
    if (resolvedAuth == null) {
      if (authenticatorName == null) {
        throw new IllegalStateException("no authenticator: call authenticator(...)");
      }
      ProviderRegistry<AuthenticatorProvider> registry = ProviderRegistry.authenticators(loader);
      authenticatorProviders.forEach(registry::register);
      resolvedAuth =
          registry
              .find(authenticatorName)
              .create(Settings.fromPrefixed(authenticatorName, providerSettings));
    }
    boolean needsTls =
        plaintextPolicy == PlaintextPolicy.REQUIRE_TLS
            || (plaintextPolicy == PlaintextPolicy.AUTO && sslContext != null);
    ProtocolSettings protocol =
        new ProtocolSettings(
            greeting,
            apop,
            // Only an APOP greeting shows the host name: never look it up otherwise.
            apopHost != null ? apopHost : apop ? LocalHostName.find() : "localhost",
            implementation,
            maxFailedLogins,
            maxBadCommands,
            authFailureDelay,
            needsTls,
            disabledCommands,
            maxMessages,
            maxBytes,
            loginPenalty ? new LoginPenalty() : LoginThrottle.NONE,
            routineAtDebug);
    if (plainAddresses.isEmpty() && tlsAddresses.isEmpty()) {
      plainAddresses.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
    SessionSettings settings =
        new SessionSettings(
            protocol,
            CommandTable.standard(
                protocol.disabledCommands(),
                mechanisms(loader),
                Optional.ofNullable(resolveValidator(loader))),
            resolvedAuth,
            resolvedStore,
            sslContext == null ? null : TlsPolicy.of(sslContext, tlsProtocols, tlsCipherSuites),
            offerStls,
            idleTimeout,
            loginTimeout,
            writeTimeout != null ? writeTimeout : idleTimeout,
            commitOnError,
            quiet,
            logCommands,
            listener,
            attributes);
    return new Pop3Server(this, settings);
  }

  /** The mechanisms found and supplied, chosen and ordered by {@link #saslMechanisms}. */
  private List<SaslMechanism> mechanisms(ClassLoader loader) {
    Map<String, SaslMechanism> byName = new LinkedHashMap<>();
    for (SaslMechanism m : SaslMechanisms.found(loader)) {
      byName.put(m.name(), m);
    }
    for (SaslMechanism m : customMechanisms) {
      byName.put(m.name(), m);
    }
    if (saslNames == null) {
      return SaslMechanisms.ordered(new ArrayList<>(byName.values()));
    }
    List<SaslMechanism> chosen = new ArrayList<>();
    for (String name : saslNames) {
      SaslMechanism m = byName.get(name);
      if (m == null) {
        throw new IllegalArgumentException(
            "unknown SASL mechanism '" + name + "'; known: " + String.join(" ", byName.keySet()));
      }
      chosen.add(m);
    }
    return List.copyOf(chosen);
  }

  private BearerTokenValidator resolveValidator(ClassLoader loader) {
    if (tokenValidator != null || tokenValidatorName == null) {
      return tokenValidator;
    }
    ProviderRegistry<BearerTokenValidatorProvider> registry =
        ProviderRegistry.tokenValidators(loader);
    validatorProviders.forEach(registry::register);
    return registry
        .find(tokenValidatorName)
        .create(Settings.fromPrefixed("oauth", providerSettings));
  }

  private static Duration positive(Duration d, String name) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  private static int atLeastOne(int n, String name) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + n);
    }
    return n;
  }
}
