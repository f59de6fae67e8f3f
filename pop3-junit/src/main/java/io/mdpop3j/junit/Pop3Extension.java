package io.mdpop3j.junit;

import io.mdpop3j.core.server.Pop3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real POP3 server for a JUnit 5 test, on a free port of 127.0.0.1:
 *
 * <pre>{@code
 * @RegisterExtension
 * static Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");
 *
 * @Test
 * void fetchesMail() throws Exception {
 *   pop3.deliver("alice", "Subject: hi\r\n\r\nhello\r\n");
 *   new MailFetcher(pop3.mailProperties(), "alice", "secret").drain();
 *   pop3.awaitSessionEnd(Duration.ofSeconds(5));
 *   assertThat(pop3.mailbox("alice")).isEmpty();
 * }
 * }</pre>
 *
 * <p>Lifecycle: by default a fresh server, store and log for every test method, stopped after it
 * (per method). With {@link #perClass()} and a {@code static} field, one server serves every test
 * of the class and its {@code @Nested} classes and stops after the class. Every instance has its
 * own port, store and temporary folder, so {@code @Nested} classes and parallel test classes do not
 * clash. Test methods that run concurrently within one class need an instance (non-static) field,
 * which gives each test its own extension; a static per-method extension used by two tests at once
 * fails with a message saying so.
 *
 * <p>Configuration methods (the {@code with...} ones) are called before the server starts, usually
 * in the field initializer. Delivery, inspection and fault injection are called from a test while
 * the server runs.
 */
public final class Pop3Extension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  /** Capability names (RFC 2449 section 6) and the commands that turn them off. */
  private static final Map<String, List<String>> CAPABILITY_COMMANDS =
      Map.of(
          "TOP", List.of("TOP"),
          "UIDL", List.of("UIDL"),
          "USER", List.of("USER", "PASS"),
          "SASL", List.of("AUTH"),
          "STLS", List.of("STLS"),
          "APOP", List.of("APOP"),
          "CAPA", List.of("CAPA"));

  private final Map<String, String> users = new LinkedHashMap<>();
  private final Map<String, String> maildirSettings = new LinkedHashMap<>();
  private final Set<String> disabledCommands = new TreeSet<>();
  private boolean maildir;
  private boolean tls;
  private boolean apop;
  private boolean implementationLine = true;
  private boolean perClass;
  private boolean createUsersOnDelivery;
  private boolean anyPassword;
  private boolean verbose;
  private boolean oauth;
  private Duration authFailureDelay = Duration.ZERO;

  private final AtomicReference<RunningServer> running = new AtomicReference<>();
  private volatile String owner;

  private Pop3Extension() {}

  /** An extension with no users yet; add them with {@link #andUser}. */
  public static Pop3Extension create() {
    return new Pop3Extension();
  }

  /** An extension with one user who logs in with {@code password} (USER/PASS, APOP, AUTH). */
  public static Pop3Extension withUser(String user, String password) {
    return create().andUser(user, password);
  }

  /**
   * Adds a user, or gives an existing one a new password. Called while the server runs (in a test
   * or a {@code @BeforeEach}), the user can log in at once and lasts as long as that server; called
   * before, every server this extension starts has the user.
   *
   * @throws IllegalArgumentException when the server would refuse the name or password at login (an
   *     empty name, a space, a control character, {@code /}; an empty password), saying why
   */
  public synchronized Pop3Extension andUser(String user, String password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    UserNameRules.checkUser(user);
    UserNameRules.checkPassword(user, password);
    RunningServer server = running.get();
    if (server != null) {
      server.users.add(user, password);
    } else {
      users.put(user, password);
    }
    return this;
  }

  /**
   * Whether {@code user} exists now: added with {@link #andUser}, or created on delivery or login.
   */
  public synchronized boolean hasUser(String user) {
    RunningServer server = running.get();
    return server != null ? server.users.has(user) : users.containsKey(user);
  }

  /**
   * Removes a user and the user's mailbox; logins as that user fail from now on. Called before the
   * server starts, it takes the user out of the configuration.
   *
   * @throws IllegalArgumentException when there is no such user, naming the users there are
   */
  public synchronized Pop3Extension removeUser(String user) {
    RunningServer server = running.get();
    if (server != null) {
      server.removeUser(user);
    } else if (users.remove(user) == null) {
      throw new IllegalArgumentException(
          "no user '" + user + "' to remove; known users: " + String.join(", ", users.keySet()));
    }
    return this;
  }

  /**
   * Delivering to a user nobody added creates that user, with the user name as password (as
   * GreenMail does), instead of failing; asking about an unknown user then gives an empty mailbox.
   */
  public Pop3Extension createUsersOnDelivery() {
    configuring();
    this.createUsersOnDelivery = true;
    return this;
  }

  /**
   * Turns password checks off, as GreenMail's disabled authentication: any user name the server
   * accepts logs in with any non-empty password (USER/PASS, AUTH PLAIN, APOP), and is created at
   * that first login; delivering to an unknown user creates it too ({@link
   * #createUsersOnDelivery()}). Injected faults ({@link #failNextLogin()}) still apply.
   */
  public Pop3Extension withoutAuthentication() {
    configuring();
    this.anyPassword = true;
    this.createUsersOnDelivery = true;
    return this;
  }

  /**
   * Logs what the server does at INFO: connects and disconnects, every client line (passwords
   * hidden) and a line per finished session. By default the server is quiet in a test run: a line
   * per session at DEBUG, and only what a test did not ask for (a login as an unknown user, a store
   * failure) at WARN or above.
   */
  public Pop3Extension verbose() {
    configuring();
    this.verbose = true;
    return this;
  }

  /**
   * Stores mail in real Maildirs in a temporary folder ({@code <tmp>/home/<user>/Maildir}, see
   * {@link #maildir(String)}) through the {@code maildir} store of pop3-maildir, instead of the
   * in-memory store. Needs {@code io.mdpop3j:pop3-maildir} on the test class path.
   */
  public Pop3Extension withMaildir() {
    configuring();
    this.maildir = true;
    return this;
  }

  /**
   * A setting of the Maildir store by its short key (for example {@code move-new}, {@code
   * mark-seen}); implies {@link #withMaildir()}. See docs/maildir.md for the keys.
   */
  public Pop3Extension withMaildirSetting(String key, String value) {
    withMaildir();
    maildirSettings.put(key, value);
    return this;
  }

  /**
   * Turns TLS on: STLS on the plain port (RFC 2595) and an implicit-TLS port ({@link #tlsPort()},
   * RFC 8314), with a self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made in
   * memory once per JVM (no {@code keytool}; later extensions reuse it at no cost). Clients trust
   * it through {@link #sslContext()}, {@link #trustStore()} or {@link #mailProperties()}.
   */
  public Pop3Extension withTls() {
    configuring();
    this.tls = true;
    return this;
  }

  /**
   * Accepts OAuth 2.0 bearer tokens (SASL OAUTHBEARER, RFC 7628, and XOAUTH2) that this extension
   * issues with {@link #issueToken}: a client logs in as a user with a token issued for that user,
   * as with a real authorization server, but without one.
   */
  public Pop3Extension withOAuth() {
    configuring();
    this.oauth = true;
    return this;
  }

  /** Offers APOP (RFC 1939 section 7): the greeting carries a timestamp. */
  public Pop3Extension withApop() {
    configuring();
    this.apop = true;
    return this;
  }

  /**
   * Turns one capability off, so a client's fallback can be tested: it leaves CAPA and its commands
   * are refused. Accepted: {@code TOP}, {@code UIDL}, {@code USER} (USER and PASS), {@code SASL}
   * (AUTH), {@code STLS}, {@code APOP}, {@code CAPA} (an RFC 1939-only server) and {@code
   * IMPLEMENTATION}.
   *
   * @throws IllegalArgumentException for any other name, such as {@code PIPELINING}, which the
   *     server cannot turn off
   */
  public Pop3Extension withoutCapability(String capability) {
    configuring();
    String name = capability.toUpperCase(Locale.ROOT);
    if (name.equals("IMPLEMENTATION")) {
      implementationLine = false;
      return this;
    }
    List<String> commands = CAPABILITY_COMMANDS.get(name);
    if (commands == null) {
      throw new IllegalArgumentException(
          "capability "
              + capability
              + " cannot be turned off; accepted: "
              + String.join(", ", new TreeSet<>(CAPABILITY_COMMANDS.keySet()))
              + ", IMPLEMENTATION");
    }
    disabledCommands.addAll(commands);
    return this;
  }

  /** The wait before the reply to a failed login (default zero, unlike a production server). */
  public Pop3Extension withAuthFailureDelay(Duration delay) {
    configuring();
    if (delay.isNegative()) {
      throw new IllegalArgumentException("authFailureDelay must not be negative, was " + delay);
    }
    this.authFailureDelay = delay;
    return this;
  }

  /**
   * One server for the whole test class (and its {@code @Nested} classes) instead of one per test
   * method. Needs a {@code static} field (or {@code @TestInstance(PER_CLASS)}); mail, users and
   * session logs then carry over from test to test.
   */
  public Pop3Extension perClass() {
    configuring();
    this.perClass = true;
    return this;
  }

  private void configuring() {
    if (running.get() != null) {
      throw new IllegalStateException(
          "configure the Pop3Extension before its server starts, in the field initializer");
    }
  }

  // --- lifecycle ---

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (perClass && running.get() == null) {
      RunningServer started = start(false);
      if (running.compareAndSet(null, started)) {
        owner = context.getUniqueId();
      } else {
        started.close();
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Nested classes see the outer class's extension too; only the class that started it stops it.
    if (owner != null && owner.equals(context.getUniqueId())) {
      owner = null;
      stop(running.getAndSet(null));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    RunningServer current = running.get();
    if (current != null && !current.stopAfterEach) {
      return;
    }
    if (current == null) {
      RunningServer started = start(true);
      if (running.compareAndSet(null, started)) {
        return;
      }
      started.close();
    }
    throw new ExtensionConfigurationException(
        "this Pop3Extension already serves another test running at the same time; make the"
            + " @RegisterExtension field non-static (one server per test), use perClass(), or run"
            + " the class with @Execution(SAME_THREAD)");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RunningServer current = running.get();
    if (current != null && current.stopAfterEach && running.compareAndSet(current, null)) {
      stop(current);
    }
  }

  private RunningServer start(boolean stopAfterEach) throws IOException {
    ServerSettings config;
    synchronized (this) {
      config =
          new ServerSettings(
              users,
              maildir,
              maildirSettings,
              tls,
              apop,
              disabledCommands,
              implementationLine,
              authFailureDelay,
              createUsersOnDelivery,
              anyPassword,
              verbose,
              oauth);
    }
    return RunningServer.start(config, stopAfterEach);
  }

  private static void stop(RunningServer server) {
    if (server != null) {
      server.close();
    }
  }

  private RunningServer current() {
    RunningServer server = running.get();
    if (server == null) {
      throw new IllegalStateException(
          "the POP3 server is not running: register the Pop3Extension with @RegisterExtension; it"
              + " starts before each test (or before all of them with perClass() on a static"
              + " field)");
    }
    return server;
  }

  // --- where clients connect ---

  /** The address clients connect to: {@code 127.0.0.1}. */
  public String host() {
    current();
    return "127.0.0.1";
  }

  /** The plain POP3 port (STLS is offered there with {@link #withTls()}). */
  public int port() {
    return current().server.port();
  }

  /** The implicit-TLS (POP3S) port; needs {@link #withTls()}. */
  public int tlsPort() {
    RunningServer server = current();
    if (server.tls == null) {
      throw new IllegalStateException("no TLS port: configure the extension withTls()");
    }
    return server.server.tlsPort();
  }

  /** The running server, for what this class does not cover. */
  public Pop3Server server() {
    return current().server;
  }

  /**
   * Jakarta Mail properties for this server: {@code mail.store.protocol=pop3}, {@code
   * mail.pop3.host}, {@code mail.pop3.port} and 10-second timeouts; with {@link #withApop()} {@code
   * mail.pop3.apop.enable}; with {@link #withTls()} also {@code mail.pop3s.host}, {@code
   * mail.pop3s.port} and, for both, an {@code ssl.socketFactory} that trusts the test certificate
   * and {@code ssl.checkserveridentity=true}, with {@code mail.pop3.starttls.enable}. A fresh
   * object each call.
   */
  public Properties mailProperties() {
    RunningServer server = current();
    return MailProperties.of(
        host(),
        server.server.port(),
        server.config.apop(),
        server.tls == null ? null : server.tls.clientContext(),
        server.tls == null ? 0 : server.server.tlsPort());
  }

  /** An {@link SSLContext} that trusts the server's self-signed certificate; needs TLS on. */
  public SSLContext sslContext() {
    return tlsOf(current()).clientContext();
  }

  /**
   * A PKCS#12 trust store file holding the server's certificate, for clients configured by file
   * (for example {@code javax.net.ssl.trustStore}); its password is {@link #trustStorePassword()}.
   */
  public Path trustStore() {
    RunningServer server = current();
    tlsOf(server);
    try {
      return server.trustStore();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trust store file", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the trust store file", e);
    }
  }

  /** The password of {@link #trustStore()}. */
  public String trustStorePassword() {
    return tlsOf(current()).password();
  }

  private static SelfSignedTls tlsOf(RunningServer server) {
    if (server.tls == null) {
      throw new IllegalStateException("no certificate: configure the extension withTls()");
    }
    return server.tls;
  }

  // --- delivery ---

  /**
   * A bearer token the running server accepts for {@code user} until it stops, over OAUTHBEARER and
   * XOAUTH2 (Angus Mail: {@code mail.pop3.auth.mechanisms=XOAUTH2} and the token as the password);
   * needs {@link #withOAuth()}. Each call gives a new token; a token works only on the server that
   * issued it, so a per-method server's tokens end with the test.
   *
   * @throws IllegalArgumentException for a user the extension does not know, listing the known ones
   * @throws IllegalStateException without {@link #withOAuth()}
   */
  public String issueToken(String user) {
    return issue(user, Optional.empty());
  }

  /**
   * A bearer token as {@link #issueToken(String)} gives, refused from {@code validFor} after now:
   * {@code Duration.ZERO} gives a token that is already expired.
   */
  public String issueToken(String user, Duration validFor) {
    Objects.requireNonNull(validFor, "validFor");
    if (validFor.isNegative()) {
      throw new IllegalArgumentException("validFor must not be negative, was " + validFor);
    }
    return issue(user, Optional.of(validFor));
  }

  /** Makes a token from {@link #issueToken} stop working; returns whether it was this server's. */
  public boolean revokeToken(String token) {
    return tokensOf(current()).revoke(token);
  }

  private String issue(String user, Optional<Duration> validFor) {
    Objects.requireNonNull(user, "user");
    RunningServer server = current();
    IssuedTokens tokens = tokensOf(server);
    server.users.requireForDelivery(user);
    return tokens.issue(user, validFor);
  }

  private static IssuedTokens tokensOf(RunningServer server) {
    if (server.tokens == null) {
      throw new IllegalStateException(
          "this server accepts no bearer tokens: configure the extension withOAuth()");
    }
    return server.tokens;
  }

  /**
   * Delivers a message, stored byte for byte; returns its unique-id.
   *
   * @throws IllegalArgumentException when {@code user} was never added, naming the users there are
   *     (unless built with {@link #createUsersOnDelivery()})
   */
  public String deliver(String user, byte[] message) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(message, "message");
    return current().deliver(user, message);
  }

  /** Delivers a message written as text, encoded in UTF-8; returns its unique-id. */
  public String deliver(String user, String message) {
    return deliver(user, message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Delivers a message file, or every {@code .eml} file of a folder in file-name order; returns
   * their unique-ids in delivery order.
   *
   * @throws IllegalArgumentException when the path is missing or a folder has no {@code .eml}
   */
  public List<String> deliver(String user, Path fileOrFolder) {
    List<String> ids = new ArrayList<>();
    for (Path file : MessageFiles.in(fileOrFolder)) {
      ids.add(deliver(user, MessageFiles.read(file)));
    }
    return ids;
  }

  // --- inspection ---

  /**
   * The messages still in {@code user}'s mailbox, oldest first. With a Maildir this reads the
   * folder through the store (without its lock, so a client is never kept out); what a client
   * deleted is gone only after its QUIT: call {@link #awaitSessionEnd} first.
   *
   * @throws IllegalArgumentException when there is no such user, naming the users there are (unless
   *     built with {@link #createUsersOnDelivery()}, which gives an empty list)
   */
  public List<MailboxMessage> mailbox(String user) {
    return current().mailbox(user);
  }

  /**
   * Empties every mailbox; users stay. For a {@link #perClass()} server that should start each test
   * with no mail (GreenMail's {@code purgeEmailFromAllMailboxes}).
   */
  public Pop3Extension purgeAllMailboxes() {
    current().purgeAll();
    return this;
  }

  /**
   * Empties {@code user}'s mailbox. A session open meanwhile keeps its listing and gets {@code
   * -ERR} for a message it asks for after the purge.
   *
   * @throws IllegalArgumentException when there is no such user, naming the users there are
   */
  public Pop3Extension purgeMailbox(String user) {
    current().purge(user);
    return this;
  }

  /**
   * The Maildir of {@code user} on disk ({@code <tmp>/home/<user>/Maildir}, with {@code cur/},
   * {@code new/} and {@code tmp/}); needs {@link #withMaildir()}.
   */
  public Path maildir(String user) {
    RunningServer server = current();
    if (server.maildirs == null) {
      throw new IllegalStateException("no Maildir: configure the extension withMaildir()");
    }
    server.users.requireKnown(user);
    return server.maildirs.maildir(user);
  }

  /**
   * Unique-ids of the messages {@code user}'s finished sessions fetched with RETR, in order.
   *
   * @throws IllegalArgumentException when there is no such user, naming the users there are
   */
  public List<String> retrieved(String user) {
    List<String> ids = new ArrayList<>();
    for (RecordedSession s : sessionsOf(user)) {
      ids.addAll(s.retrieved());
    }
    return ids;
  }

  /**
   * Unique-ids of the messages the store removed at QUIT in {@code user}'s finished sessions.
   *
   * @throws IllegalArgumentException when there is no such user, naming the users there are
   */
  public List<String> deleted(String user) {
    List<String> ids = new ArrayList<>();
    for (RecordedSession s : sessionsOf(user)) {
      ids.addAll(s.deleted());
    }
    return ids;
  }

  private List<RecordedSession> sessionsOf(String user) {
    RunningServer server = current();
    server.users.requireKnown(user);
    List<RecordedSession> out = new ArrayList<>();
    for (RecordedSession s : server.recorder.sessions()) {
      if (s.user().filter(user::equals).isPresent()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Every finished session of this server, oldest first. */
  public List<RecordedSession> sessions() {
    return current().recorder.sessions();
  }

  /**
   * Every line clients sent this server, in order, with passwords replaced by {@code <hidden>}
   * (PASS, APOP digests, AUTH responses).
   */
  public List<String> sessionLog() {
    return current().recorder.log();
  }

  /**
   * Waits for the next session to end that no earlier call returned, and returns it; the session's
   * mailbox is released and updated by then.
   *
   * @throws AssertionError when none ends within {@code timeout}
   */
  public RecordedSession awaitSessionEnd(Duration timeout) throws InterruptedException {
    return current().recorder.awaitNext(timeout);
  }

  /**
   * Waits until {@code n} sessions of this server have ended in all, and returns every finished
   * session.
   *
   * @throws AssertionError when fewer end within {@code timeout}
   */
  public List<RecordedSession> awaitSessions(int n, Duration timeout) throws InterruptedException {
    return current().recorder.awaitCount(n, timeout);
  }

  /**
   * Waits until {@code user}'s mailbox holds at least {@code n} messages, and returns them: for
   * mail that arrives from another thread (GreenMail's {@code waitForIncomingEmail}).
   *
   * @throws AssertionError when it holds fewer after {@code timeout}, listing what it holds
   * @throws IllegalArgumentException when there is no such user, naming the users there are
   */
  public List<MailboxMessage> awaitMessages(String user, int n, Duration timeout)
      throws InterruptedException {
    return MailAwaits.messages(current(), user, n, timeout);
  }

  /**
   * Waits until a finished session has fetched the message {@code uniqueId} with RETR, and returns
   * that session; its mailbox is released and updated by then.
   *
   * @throws AssertionError when none has after {@code timeout}, saying what the owner's sessions
   *     fetched and why logins failed
   * @throws IllegalArgumentException when no message with that id was delivered here
   */
  public RecordedSession awaitRetrieved(String uniqueId, Duration timeout)
      throws InterruptedException {
    return MailAwaits.retrieved(current(), uniqueId, timeout);
  }

  /**
   * Waits until a finished session's QUIT has removed the message {@code uniqueId}, and returns
   * that session.
   *
   * @throws AssertionError when none has after {@code timeout}, saying what the owner's sessions
   *     deleted and why logins failed
   * @throws IllegalArgumentException when no message with that id was delivered here
   */
  public RecordedSession awaitDeleted(String uniqueId, Duration timeout)
      throws InterruptedException {
    return MailAwaits.deleted(current(), uniqueId, timeout);
  }

  // --- fault injection ---

  /**
   * Makes the next QUIT that should delete messages fail to delete them: the store keeps them and
   * the client gets {@code -ERR [SYS/TEMP]} (RFC 3206 section 4) instead of {@code +OK}.
   */
  public Pop3Extension failNextDeletion() {
    current().faults.failingDeletions.incrementAndGet();
    return this;
  }

  /**
   * Makes the next login fail as if the user database were down: {@code -ERR [SYS/TEMP]}, whatever
   * the credentials; the login after it works again.
   */
  public Pop3Extension failNextLogin() {
    current().faults.failingLogins.incrementAndGet();
    return this;
  }

  /** Delays every login check by {@code delay} (zero turns it off), to test client timeouts. */
  public Pop3Extension delayLogins(Duration delay) {
    current().faults.loginDelay.set(Objects.requireNonNull(delay, "delay"));
    return this;
  }

  /** Delays every RETR and TOP by {@code delay} before the message is read (zero: no delay). */
  public Pop3Extension delayRetrievals(Duration delay) {
    current().faults.retrievalDelay.set(Objects.requireNonNull(delay, "delay"));
    return this;
  }
}
