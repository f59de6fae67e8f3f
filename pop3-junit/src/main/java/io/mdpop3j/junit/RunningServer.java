package io.mdpop3j.junit;

import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreProvider;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.spi.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** One started server with its store, users, recorder and temporary folder. */
final class RunningServer implements AutoCloseable {

  /** 127.0.0.1 itself, not whatever loopback the JVM prefers (::1 with preferIPv6Addresses). */
  static final InetAddress LOOPBACK;

  static {
    try {
      LOOPBACK = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** How often a Maildir read that met a client's QUIT renaming files is tried again. */
  private static final int READ_ATTEMPTS = 3;

  final Pop3Server server;
  final ChangeSignal signal;
  final SessionRecorder recorder;
  final Faults faults;
  final TestUsers users;
  final MemoryMailStore memory;
  final MaildirFolders maildirs;
  final Path tempDir;
  final SelfSignedTls tls;

  /** The bearer tokens this server accepts; null without withOAuth(). */
  final IssuedTokens tokens;

  private Path trustStore;
  final boolean stopAfterEach;
  final ServerSettings config;

  /** Which user each delivered message went to, by unique-id, for failure texts. */
  final Map<String, String> deliveries = new ConcurrentHashMap<>();

  /** Reads Maildirs for the test without the session lock, so it never meets a client's. */
  private final MailStore inspection;

  private RunningServer(Parts p) {
    this.server = p.server;
    this.signal = p.signal;
    this.recorder = p.recorder;
    this.faults = p.faults;
    this.users = p.users;
    this.memory = p.memory;
    this.maildirs = p.maildirs;
    this.inspection = p.inspection;
    this.tempDir = p.tempDir;
    this.tls = p.tls;
    this.tokens = p.tokens;
    this.stopAfterEach = p.stopAfterEach;
    this.config = p.config;
  }

  /** What {@link #start} assembles before the server runs. */
  private static final class Parts {
    Pop3Server server;
    ChangeSignal signal = new ChangeSignal();
    SessionRecorder recorder;
    Faults faults = new Faults();
    TestUsers users;
    MemoryMailStore memory;
    MaildirFolders maildirs;
    MailStore inspection;
    Path tempDir;
    SelfSignedTls tls;
    IssuedTokens tokens;
    boolean stopAfterEach;
    ServerSettings config;
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static RunningServer start(ServerSettings config, boolean stopAfterEach) throws IOException {
    Parts p = new Parts();
    p.stopAfterEach = stopAfterEach;
    p.config = config;
    p.recorder = new SessionRecorder(p.signal, config.verbose());
    // Only a Maildir needs a folder; a trust store file is written when a test asks for it.
    p.tempDir = config.maildir() ? Files.createTempDirectory("pop3-junit") : null;
    try {
      MailStore real;
      Consumer<String> onAdd = user -> {};
      if (config.maildir()) {
        MaildirFolders maildirs = new MaildirFolders(p.tempDir.resolve("home"));
        p.maildirs = maildirs;
        onAdd = maildirs::create;
        real = maildirStore(config.maildirSettings());
        Map<String, String> unlocked = new LinkedHashMap<>(config.maildirSettings());
        unlocked.put("lock", "none");
        p.inspection = maildirStore(unlocked);
      } else {
        p.memory = new MemoryMailStore();
        real = p.memory;
      }
      boolean createUsers = config.createUsersOnDelivery() || config.anyPassword();
      p.users = new TestUsers(config.users(), createUsers, onAdd);
      Pop3ServerBuilder builder =
          Pop3Server.builder()
              .bind(new InetSocketAddress(LOOPBACK, 0))
              .authenticator(
                  new TestAuthenticator(
                      p.users,
                      p.faults,
                      Optional.ofNullable(p.maildirs).map(MaildirFolders::root),
                      config.anyPassword(),
                      p.recorder))
              .mailStore(new RecordingMailStore(real, p.recorder, p.faults))
              .authFailureDelay(config.authFailureDelay())
              // Tests fail logins from 127.0.0.1 on purpose and must stay fast.
              .loginPenalty(false)
              .apop(config.apop())
              // Not this host's name: that lookup can take seconds where DNS is slow.
              .apopHost("localhost")
              .listener(p.recorder)
              // Connect and disconnect lines at INFO are noise in a test run; the recorder logs
              // each session's end at DEBUG instead, or at INFO with verbose().
              .quiet(!config.verbose())
              .routineFailuresAtDebug(!config.verbose())
              .shutdownGrace(java.time.Duration.ofSeconds(2));
      config.disabledCommands().forEach(builder::disableCommand);
      if (!config.implementationLine()) {
        builder.implementation(Optional.empty());
      }
      if (config.oauth()) {
        p.tokens = new IssuedTokens(p.recorder, java.time.Clock.systemUTC());
        builder.tokenValidator(p.tokens);
      }
      if (config.tls()) {
        p.tls = SelfSignedTls.shared();
        builder.sslContext(p.tls.serverContext()).bindTls(new InetSocketAddress(LOOPBACK, 0));
      }
      p.server = builder.build();
      p.server.start();
      return new RunningServer(p);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (p.server != null) {
        p.server.close();
      }
      deleteIfMade(p.tempDir);
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("cannot set up TLS for the test server: " + e.getMessage(), e);
    }
  }

  private static MailStore maildirStore(Map<String, String> shortKeys) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = RunningServer.class.getClassLoader();
    }
    ProviderRegistry<MailStoreProvider> registry = ProviderRegistry.mailStores(loader);
    if (!registry.names().contains("maildir")) {
      throw new IllegalStateException(
          "withMaildir() needs the maildir store provider, io.mdpop3j:pop3-maildir, on the test"
              + " class path; found only: "
              + String.join(", ", registry.names()));
    }
    return registry.find("maildir").create(Settings.of("maildir", shortKeys));
  }

  /** Delivers one message to a known user (or one created now); returns its unique-id. */
  String deliver(String user, byte[] message) {
    users.requireForDelivery(user);
    String id = memory != null ? memory.deliver(user, message) : maildirs.deliver(user, message);
    deliveries.put(id, user);
    signal.changed();
    return id;
  }

  /** The messages still in {@code user}'s mailbox, oldest first. */
  List<MailboxMessage> mailbox(String user) {
    users.requireKnown(user);
    if (memory != null) {
      List<MailboxMessage> out = new ArrayList<>();
      for (MemoryMailStore.StoredMessage m : memory.messages(user)) {
        out.add(new MailboxMessage(m.uniqueId(), m.content()));
      }
      return out;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return readMaildir(user, true);
      } catch (UncheckedIOException e) {
        // A client's QUIT may rename or remove a file between listing and reading.
        if (attempt == READ_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** How many messages {@code user}'s mailbox holds now. */
  int mailboxSize(String user) {
    users.requireKnown(user);
    if (memory != null) {
      return memory.messages(user).size();
    }
    return readMaildir(user, false).size();
  }

  /**
   * Reads a Maildir through the maildir store itself, so ids and order are what a client would see;
   * with {@code contents} false the messages come without their bytes.
   */
  private List<MailboxMessage> readMaildir(String user, boolean contents) {
    if (!Files.isDirectory(maildirs.maildir(user))) {
      return List.of(); // created on delivery, and nothing delivered yet
    }
    Account account = Account.named(user).withHome(MaildirFolders.home(maildirs.root(), user));
    try (Mailbox box = inspection.open(inspectionSession(), account)) {
      List<MailboxMessage> out = new ArrayList<>();
      List<MessageInfo> infos = box.messages();
      for (int i = 0; i < infos.size(); i++) {
        byte[] bytes = new byte[0];
        if (contents) {
          try (InputStream in = box.open(i)) {
            bytes = in.readAllBytes();
          }
        }
        out.add(new MailboxMessage(infos.get(i).uniqueId(), bytes));
      }
      return out;
    } catch (MailStoreException e) {
      throw new IllegalStateException(
          "cannot read the Maildir of " + user + " (" + e.kind() + ": " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Maildir of " + user, e);
    }
  }

  /** Empties {@code user}'s mailbox. */
  void purge(String user) {
    users.requireKnown(user);
    if (memory != null) {
      memory.clear(user);
    } else if (Files.isDirectory(maildirs.maildir(user))) {
      maildirs.purge(user);
    }
    signal.changed();
  }

  /** Empties every mailbox. */
  void purgeAll() {
    if (memory != null) {
      memory.clear();
    } else {
      users.names().forEach(maildirs::purge);
    }
    signal.changed();
  }

  /** Removes a user with the mailbox. */
  void removeUser(String user) {
    if (!users.remove(user)) {
      throw users.unknown(user);
    }
    if (memory != null) {
      memory.clear(user);
    } else {
      maildirs.remove(user);
    }
    signal.changed();
  }

  /** The trust store file, written at the first call into a folder removed at close. */
  synchronized Path trustStore() throws IOException, GeneralSecurityException {
    if (trustStore == null) {
      trustStoreDir = Files.createTempDirectory("pop3-junit-tls");
      trustStore = tls.writeTrustStore(trustStoreDir);
    }
    return trustStore;
  }

  private Path trustStoreDir;

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      deleteIfMade(tempDir);
      synchronized (this) {
        deleteIfMade(trustStoreDir);
      }
    }
  }

  private static void deleteIfMade(Path dir) {
    if (dir != null) {
      MaildirFolders.deleteTree(dir);
    }
  }

  /** The session the extension names when it opens a mailbox itself to show a test its contents. */
  private static Session inspectionSession() {
    return new InspectionSession();
  }

  /** No client, no address, no TLS: the extension itself looking into a mailbox. */
  private record InspectionSession() implements Session {
    @Override
    public String id() {
      return "pop3-junit-inspection";
    }

    @Override
    public Optional<InetSocketAddress> remoteAddress() {
      return Optional.empty();
    }

    @Override
    public Optional<InetSocketAddress> localAddress() {
      return Optional.empty();
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public Optional<String> apopTimestamp() {
      return Optional.empty();
    }

    @Override
    public Optional<String> user() {
      return Optional.empty();
    }

    @Override
    public Map<String, String> attributes() {
      return Map.of();
    }
  }
}
