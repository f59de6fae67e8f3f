package io.mdpop3j.junit;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.protocol.SessionInfo;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreProvider;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.ProviderRegistry;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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

  final Pop3Server server;
  final SessionRecorder recorder;
  final Faults faults;
  final MemoryAuthenticator users;
  final MemoryMailStore memory;
  final MaildirFolders maildirs;
  final MailStore store;
  final Path tempDir;
  final SelfSignedTls tls;
  final Path trustStore;
  final boolean stopAfterEach;
  final ServerConfig config;

  private RunningServer(Builder b) {
    this.server = b.server;
    this.recorder = b.recorder;
    this.faults = b.faults;
    this.users = b.users;
    this.memory = b.memory;
    this.maildirs = b.maildirs;
    this.store = b.store;
    this.tempDir = b.tempDir;
    this.tls = b.tls;
    this.trustStore = b.trustStore;
    this.stopAfterEach = b.stopAfterEach;
    this.config = b.config;
  }

  private static final class Builder {
    Pop3Server server;
    SessionRecorder recorder = new SessionRecorder();
    Faults faults = new Faults();
    MemoryAuthenticator users = new MemoryAuthenticator();
    MemoryMailStore memory;
    MaildirFolders maildirs;
    MailStore store;
    Path tempDir;
    SelfSignedTls tls;
    Path trustStore;
    boolean stopAfterEach;
    ServerConfig config;
  }

  /**
   * Starts a server on a free port of 127.0.0.1.
   *
   * @param tls the certificate to use when {@code config.tls()}, made on first need
   */
  static RunningServer start(
      ServerConfig config, Supplier<SelfSignedTls> tls, boolean stopAfterEach) throws IOException {
    Builder b = new Builder();
    b.stopAfterEach = stopAfterEach;
    b.config = config;
    b.tempDir = Files.createTempDirectory("pop3-junit");
    try {
      config.users().forEach(b.users::addUser);
      MailStore real;
      if (config.maildir()) {
        b.maildirs = new MaildirFolders(b.tempDir.resolve("home"));
        config.users().keySet().forEach(b.maildirs::create);
        real = maildirStore(config.maildirSettings());
      } else {
        b.memory = new MemoryMailStore();
        real = b.memory;
      }
      b.store = real;
      Pop3ServerBuilder builder =
          Pop3Server.builder()
              .bind(new InetSocketAddress(LOOPBACK, 0))
              .authenticator(
                  new TestAuthenticator(
                      b.users, b.faults, Optional.ofNullable(b.maildirs).map(MaildirFolders::root)))
              .mailStore(new RecordingMailStore(real, b.recorder, b.faults))
              .authFailureDelay(config.authFailureDelay())
              .apop(config.apop())
              .listener(b.recorder)
              .shutdownGrace(java.time.Duration.ofSeconds(2));
      config.disabledCommands().forEach(builder::disableCommand);
      if (!config.implementationLine()) {
        builder.implementation(Optional.empty());
      }
      if (config.tls()) {
        b.tls = tls.get();
        b.trustStore = b.tls.writeTrustStore(b.tempDir);
        builder.sslContext(b.tls.serverContext()).bindTls(new InetSocketAddress(LOOPBACK, 0));
      }
      b.server = builder.build();
      b.server.start();
      return new RunningServer(b);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (b.server != null) {
        b.server.close();
      }
      MaildirFolders.deleteTree(b.tempDir);
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("cannot write the TLS trust store: " + e.getMessage(), e);
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

  /** The messages still in {@code user}'s mailbox, oldest first. */
  List<MailboxMessage> mailbox(String user) {
    if (memory != null) {
      List<MailboxMessage> out = new ArrayList<>();
      for (MemoryMailStore.StoredMessage m : memory.messages(user)) {
        out.add(new MailboxMessage(m.uniqueId(), m.content()));
      }
      return out;
    }
    // Read through the Maildir store itself, so ids and order are what a client would see.
    Account account = Account.named(user).withHome(MaildirFolders.home(maildirs.root(), user));
    try (Mailbox box = store.open(inspectionSession(), account)) {
      List<MailboxMessage> out = new ArrayList<>();
      List<MessageInfo> infos = box.messages();
      for (int i = 0; i < infos.size(); i++) {
        try (InputStream in = box.open(i)) {
          out.add(new MailboxMessage(infos.get(i).uniqueId(), in.readAllBytes()));
        }
      }
      return out;
    } catch (MailStoreException e) {
      throw new IllegalStateException(
          "cannot read the mailbox of "
              + user
              + " ("
              + e.kind()
              + ": "
              + e.getMessage()
              + "); if a client session is still open, call awaitSessionEnd first",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the mailbox of " + user, e);
    }
  }

  /** Delivers one message; returns its unique-id. */
  String deliver(String user, byte[] message) {
    return memory != null ? memory.deliver(user, message) : maildirs.deliver(user, message);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      MaildirFolders.deleteTree(tempDir);
    }
  }

  /** The session the extension names when it opens a mailbox itself to show a test its contents. */
  private static SessionInfo inspectionSession() {
    return new SessionInfo(
        "pop3-junit-inspection", Optional.empty(), Optional.empty(), false, Map.of());
  }
}
