package io.mdpop3j.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.security.TestCertificates;
import io.mdpop3j.core.server.PlaintextPolicy;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.server.SessionListener;
import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.RequiresPackages;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.commons.net.pop3.ExtendedPOP3Client;
import org.apache.commons.net.pop3.POP3Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every SASL mechanism with the real clients that use it (curl, mpop with GNU SASL, commons-net,
 * Angus Mail), over plain TCP, STLS and POP3S: each login retrieves alice's one message.
 */
class SaslClientsTest {

  static final byte[] MESSAGE =
      ("From: a@example.org\r\nTo: alice@example.org\r\nSubject: SASL\r\n"
              + "Message-ID: <sasl@example.org>\r\n\r\nHello over SASL.\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  /** The one token the test validator accepts, for alice. */
  static final String TOKEN = "test-token-" + UUID.randomUUID();

  /** curl's CURLE_LOGIN_DENIED. */
  static final int CURL_LOGIN_DENIED = 67;

  @TempDir Path dir;

  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final MemoryMailStore store = new MemoryMailStore();
  private Pop3Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Accepts {@link #TOKEN} for alice (or for no named user), refuses every other token. */
  static BearerTokenValidator.TokenCheck check(Session s, String token, String claimedUser) {
    if (!token.equals(TOKEN)) {
      return new BearerTokenValidator.Invalid("not the test token");
    }
    if (!claimedUser.isEmpty() && !claimedUser.equals("alice")) {
      return new BearerTokenValidator.Invalid("the test token is alice's, not " + claimedUser);
    }
    return new BearerTokenValidator.Valid("alice");
  }

  /** A server with TLS (STLS and POP3S) on {@code host}, alice/secret, and alice's message. */
  private Pop3Server start(String host, PlaintextPolicy policy, String... mechanisms)
      throws Exception {
    store.deliver("alice", MESSAGE);
    Pop3ServerBuilder builder = Pop3Server.builder();
    if (mechanisms.length > 0) {
      builder.saslMechanisms(mechanisms);
    }
    server =
        builder
            .bind(host, 0)
            .bindTls(host, 0)
            .sslContext(TestCertificates.get().serverContext())
            .plaintext(policy)
            .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
            .mailStore(store)
            .tokenValidator(SaslClientsTest::check)
            .authFailureDelay(Duration.ZERO)
            .loginPenalty(false)
            .listener(
                new SessionListener() {
                  @Override
                  public void commandReceived(Session session, String redactedLine) {
                    commands.add(redactedLine);
                  }
                })
            .build();
    server.start();
    return server;
  }

  private Pop3Server startOnLoopback() throws Exception {
    return start("127.0.0.1", PlaintextPolicy.AUTO);
  }

  /** The message as a client that stores LF line ends writes it. */
  static String messageWithLf() {
    return new String(MESSAGE, StandardCharsets.US_ASCII).replace("\r\n", "\n");
  }

  // ---- curl ----

  private ClientRun curl(String host, int port, String path, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    Collections.addAll(command, options);
    command.add("pop3://" + host + ":" + port + path);
    return ClientRun.of(dir, command);
  }

  @ParameterizedTest
  @ValueSource(strings = {"LOGIN", "PLAIN", "CRAM-MD5"})
  @RequiresPackages("curl")
  void curlLogsInWithAPasswordMechanismAndRetrievesTheMessage(String mechanism) throws Exception {
    startOnLoopback();

    ClientRun run =
        curl(
            "127.0.0.1",
            server.port(),
            "/1",
            "--login-options",
            "AUTH=" + mechanism,
            "-u",
            "alice:secret");

    assertEquals(0, run.exit(), run.describe());
    assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), run.out());
    assertTrue(
        commands.stream().anyMatch(c -> c.startsWith("AUTH " + mechanism)), commands::toString);
  }

  /**
   * curl picks OAUTHBEARER whenever the server offers it, whatever {@code --login-options} says
   * (curl issue 10259), so the server offers only the mechanism under test.
   */
  @ParameterizedTest
  @ValueSource(strings = {"OAUTHBEARER", "XOAUTH2"})
  @RequiresPackages("curl")
  void curlLogsInWithABearerTokenAndRetrievesTheMessage(String mechanism) throws Exception {
    start("127.0.0.1", PlaintextPolicy.AUTO, mechanism);

    ClientRun run =
        curl(
            "127.0.0.1",
            server.port(),
            "/1",
            "--login-options",
            "AUTH=" + mechanism,
            "--oauth2-bearer",
            TOKEN,
            "-u",
            "alice:");

    assertEquals(0, run.exit(), run.describe());
    assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), run.out());
    assertTrue(
        commands.stream().anyMatch(c -> c.startsWith("AUTH " + mechanism)), commands::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"OAUTHBEARER", "XOAUTH2"})
  @RequiresPackages("curl")
  void curlWithAWrongTokenIsDeniedLogin(String mechanism) throws Exception {
    start("127.0.0.1", PlaintextPolicy.AUTO, mechanism);

    ClientRun run =
        curl(
            "127.0.0.1",
            server.port(),
            "/1",
            "--login-options",
            "AUTH=" + mechanism,
            "--oauth2-bearer",
            "forged-" + TOKEN,
            "-u",
            "alice:");

    assertEquals(CURL_LOGIN_DENIED, run.exit(), run.describe());
    assertEquals("", run.out());
    assertTrue(
        commands.stream().anyMatch(c -> c.startsWith("AUTH " + mechanism)), commands::toString);
  }

  // ---- mpop ----

  /** How mpop reaches the server. */
  enum Transport {
    PLAIN,
    STLS,
    POP3S
  }

  /**
   * mpop (GNU SASL) logs in with {@code auth} and delivers into a fresh Maildir, keeping the
   * message on the server; returns the run and the Maildir.
   */
  private ClientRun mpop(String host, Transport transport, String auth, String secret, Path maildir)
      throws Exception {
    for (String sub : List.of("new", "cur", "tmp")) {
      Files.createDirectories(maildir.resolve(sub));
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "mpop",
                "-C",
                "/dev/null",
                "--host=" + host,
                "--port=" + (transport == Transport.POP3S ? server.tlsPort() : server.port()),
                "--user=alice",
                "--passwordeval=echo '" + secret + "'",
                "--auth=" + auth,
                "--delivery=maildir," + maildir,
                "--keep=on",
                "--only-new=off",
                "--received-header=off",
                "--uidls-file=" + maildir.resolveSibling(maildir.getFileName() + ".uidls"),
                "--timeout=20",
                "-q"));
    switch (transport) {
      case PLAIN -> command.add("--tls=off");
      case STLS ->
          command.addAll(
              List.of(
                  "--tls=on",
                  "--tls-starttls=on",
                  // The test certificate names 127.0.0.1 and localhost only.
                  "--tls-host-override=localhost",
                  "--tls-trust-file=" + TestCertificates.get().certificatePem()));
      case POP3S ->
          command.addAll(
              List.of(
                  "--tls=on",
                  "--tls-starttls=off",
                  "--tls-host-override=localhost",
                  "--tls-trust-file=" + TestCertificates.get().certificatePem()));
    }
    return ClientRun.of(dir, command);
  }

  private static List<String> delivered(Path maildir) throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        texts.add(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    return texts;
  }

  private void assertMpopDelivers(String host, Transport transport, String auth, String secret)
      throws Exception {
    Path maildir = dir.resolve("mpop-" + auth + "-" + transport);
    ClientRun run = mpop(host, transport, auth, secret, maildir);
    assertEquals(0, run.exit(), auth + " over " + transport + ": " + run.describe());
    assertEquals(List.of(messageWithLf()), delivered(maildir), auth + " over " + transport);
    String mechanism = auth.toUpperCase(Locale.ROOT);
    assertTrue(
        commands.stream().anyMatch(c -> c.startsWith("AUTH " + mechanism)),
        auth + " over " + transport + ": " + commands);
  }

  @ParameterizedTest
  @CsvSource({
    "scram-sha-256, secret, PLAIN",
    "scram-sha-1, secret, PLAIN",
    "cram-md5, secret, PLAIN",
    "plain, secret, PLAIN",
    "login, secret, PLAIN",
    "scram-sha-256, secret, STLS",
    "scram-sha-256, secret, POP3S",
    "scram-sha-1, secret, POP3S",
    "cram-md5, secret, STLS",
    "plain, secret, POP3S",
    "login, secret, STLS"
  })
  @RequiresPackages("mpop")
  void mpopLogsInWithAPasswordMechanismAndDeliversIntoAMaildir(
      String auth, String secret, Transport transport) throws Exception {
    startOnLoopback();
    assertMpopDelivers("127.0.0.1", transport, auth, secret);
  }

  @ParameterizedTest
  @CsvSource({"oauthbearer, PLAIN", "xoauth2, PLAIN", "oauthbearer, STLS", "xoauth2, POP3S"})
  @RequiresPackages("mpop")
  void mpopLogsInWithABearerTokenAndDeliversIntoAMaildir(String auth, Transport transport)
      throws Exception {
    startOnLoopback();
    assertMpopDelivers("127.0.0.1", transport, auth, TOKEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scram-sha-256", "cram-md5", "oauthbearer"})
  @RequiresPackages("mpop")
  void mpopWithAWrongSecretDeliversNothing(String auth) throws Exception {
    startOnLoopback();
    Path maildir = dir.resolve("refused");

    ClientRun run = mpop("127.0.0.1", Transport.PLAIN, auth, "wrong", maildir);

    assertTrue(run.exit() != 0, run.describe());
    assertEquals(List.of(), delivered(maildir));
    assertEquals(1, store.messages("alice").size());
  }

  // ---- commons-net ----

  @ParameterizedTest
  @ValueSource(strings = {"CRAM_MD5", "PLAIN"})
  void commonsNetLogsInWithAuthAndRetrievesTheMessage(String method) throws Exception {
    startOnLoopback();
    ExtendedPOP3Client client = new ExtendedPOP3Client();
    client.setDefaultTimeout(20_000);
    client.connect("127.0.0.1", server.port());
    try {
      assertTrue(
          client.auth(ExtendedPOP3Client.AUTH_METHOD.valueOf(method), "alice", "secret"),
          client.getReplyString());
      // commons-net does not move its own state to TRANSACTION after AUTH; retrieve needs it.
      client.setState(POP3Client.TRANSACTION_STATE);
      assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), read(client.retrieveMessage(1)));
      assertTrue(client.logout());
    } finally {
      client.disconnect();
    }
    String name = ExtendedPOP3Client.AUTH_METHOD.valueOf(method).getAuthName();
    assertTrue(commands.stream().anyMatch(c -> c.startsWith("AUTH " + name)), commands::toString);
  }

  @Test
  void commonsNetWithAWrongPasswordIsRefusedByCramMd5() throws Exception {
    startOnLoopback();
    ExtendedPOP3Client client = new ExtendedPOP3Client();
    client.setDefaultTimeout(20_000);
    client.connect("127.0.0.1", server.port());
    try {
      assertFalse(client.auth(ExtendedPOP3Client.AUTH_METHOD.CRAM_MD5, "alice", "wrong"));
      assertTrue(client.getReplyString().startsWith("-ERR"), client.getReplyString());
    } finally {
      client.disconnect();
    }
  }

  private static String read(Reader reader) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buf = new char[8192];
    int n;
    while ((n = reader.read(buf)) >= 0) {
      out.append(buf, 0, n);
    }
    reader.close();
    return out.toString().replace("\n", "\r\n").replace("\r\r\n", "\r\n");
  }

  // ---- Angus Mail ----

  private Properties angus() {
    Properties props = new Properties();
    props.put("mail.pop3.host", "127.0.0.1");
    props.put("mail.pop3.port", Integer.toString(server.port()));
    props.put("mail.pop3.connectiontimeout", "10000");
    props.put("mail.pop3.timeout", "20000");
    return props;
  }

  private static byte[] firstMessage(Store store) throws Exception {
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message[] messages = inbox.getMessages();
      assertEquals(1, messages.length);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      messages[0].writeTo(out);
      inbox.close(false);
      return out.toByteArray();
    } finally {
      store.close();
    }
  }

  @Test
  void angusMailLogsInWithXoauth2AndTheTokenAsPassword() throws Exception {
    startOnLoopback();
    Properties props = angus();
    props.put("mail.pop3.auth.mechanisms", "XOAUTH2");
    props.put("mail.pop3.auth.xoauth2.disable", "false");
    Store store = jakarta.mail.Session.getInstance(props).getStore("pop3");

    store.connect("alice", TOKEN);

    assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), text(firstMessage(store)));
    assertTrue(commands.stream().anyMatch(c -> c.startsWith("AUTH XOAUTH2")), commands::toString);
  }

  /**
   * Angus Mail 2.0.3 takes the server's error challenge for a refused XOAUTH2 token (RFC 7628
   * section 3.2.3, which Google's XOAUTH2 follows) for success: its POP3 reply parser counts a
   * {@code +} continuation as "ok", so {@code connect} returns without answering the challenge. The
   * server takes Angus's next command for that answer and fails the login, so the mailbox is never
   * opened: Angus sees the failure one call late, when it opens the folder.
   */
  @Test
  void angusMailWithAWrongXoauth2TokenNeverReachesTheMailbox() throws Exception {
    startOnLoopback();
    Properties props = angus();
    props.put("mail.pop3.auth.mechanisms", "XOAUTH2");
    props.put("mail.pop3.auth.xoauth2.disable", "false");
    Store store = jakarta.mail.Session.getInstance(props).getStore("pop3");

    store.connect("alice", "forged-" + TOKEN);
    try {
      Folder inbox = store.getFolder("INBOX");
      assertThrows(MessagingException.class, () -> inbox.open(Folder.READ_ONLY));
    } finally {
      store.close();
    }

    assertTrue(commands.stream().anyMatch(c -> c.startsWith("AUTH XOAUTH2")), commands::toString);
    assertFalse(commands.contains("RETR 1"), commands::toString);
  }

  /**
   * Angus's POP3 "LOGIN" is not SASL LOGIN: it is its name for USER and PASS, first in its default
   * list and always taken as supported, so it sends AUTH only when told to with {@code
   * mail.pop3.auth.mechanisms}.
   */
  @Test
  void angusMailByDefaultLogsInWithUserAndPass() throws Exception {
    startOnLoopback();
    Store store = jakarta.mail.Session.getInstance(angus()).getStore("pop3");

    store.connect("alice", "secret");

    assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), text(firstMessage(store)));
    assertTrue(commands.contains("USER alice"), commands::toString);
    assertTrue(commands.stream().noneMatch(c -> c.startsWith("AUTH")), commands::toString);
  }

  @Test
  void angusMailLogsInWithSaslPlainWhenAskedTo() throws Exception {
    startOnLoopback();
    Properties props = angus();
    props.put("mail.pop3.auth.mechanisms", "PLAIN");
    Store store = jakarta.mail.Session.getInstance(props).getStore("pop3");

    store.connect("alice", "secret");

    assertEquals(new String(MESSAGE, StandardCharsets.US_ASCII), text(firstMessage(store)));
    assertTrue(commands.stream().anyMatch(c -> c.startsWith("AUTH PLAIN")), commands::toString);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  // ---- the plaintext policy, seen from a real non-loopback address ----

  /** An IPv4 address of this host that is not loopback, if it has one. */
  static Optional<String> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return Optional.of(a.getHostAddress());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A REQUIRE_TLS server on this host's non-loopback address: a client connecting there comes from
   * that address, not from loopback, so the policy applies as to a remote client. (On 127.0.0.1
   * every policy allows cleartext: a loopback client cannot be overheard.)
   */
  private String startOnNonLoopback() throws Exception {
    Optional<String> host = nonLoopbackAddress();
    Assumptions.assumeTrue(
        host.isPresent(), "this host has no non-loopback IPv4 address to connect from");
    start(host.get(), PlaintextPolicy.REQUIRE_TLS);
    return host.get();
  }

  @Test
  void requireTlsOffersOnlyMechanismsWithoutAReusableSecretOnAPlainRemoteConnection()
      throws Exception {
    String host = startOnNonLoopback();
    List<String> capa;
    try (RawClient c = RawClient.over(new Socket(host, server.port()))) {
      c.readLine();
      c.expectOk(c.command("CAPA"));
      capa = c.readBody();
    }
    String sasl = capa.stream().filter(l -> l.startsWith("SASL ")).findFirst().orElseThrow();
    assertEquals(
        List.of("SASL", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5"),
        List.of(sasl.split(" ")),
        capa.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scram-sha-256", "scram-sha-1", "cram-md5"})
  @RequiresPackages("mpop")
  void requireTlsStillLetsScramAndCramMd5LogInOverAPlainRemoteConnection(String auth)
      throws Exception {
    String host = startOnNonLoopback();
    assertMpopDelivers(host, Transport.PLAIN, auth, "secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PLAIN", "LOGIN"})
  @RequiresPackages("curl")
  void requireTlsRefusesPlainAndLoginOverAPlainRemoteConnection(String mechanism) throws Exception {
    String host = startOnNonLoopback();

    ClientRun run =
        curl(
            host,
            server.port(),
            "/1",
            "--login-options",
            "AUTH=" + mechanism,
            "-u",
            "alice:secret");

    assertEquals(CURL_LOGIN_DENIED, run.exit(), run.describe());
    assertEquals("", run.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"oauthbearer", "xoauth2"})
  @RequiresPackages("mpop")
  void requireTlsRefusesBearerTokensOverAPlainRemoteConnection(String auth) throws Exception {
    String host = startOnNonLoopback();
    Path maildir = dir.resolve("refused");

    ClientRun run = mpop(host, Transport.PLAIN, auth, TOKEN, maildir);

    assertTrue(run.exit() != 0, run.describe());
    assertEquals(List.of(), delivered(maildir));
    assertTrue(commands.stream().noneMatch(c -> c.startsWith("AUTH")), commands::toString);
  }

  @ParameterizedTest
  @CsvSource({
    "plain, secret",
    "login, secret",
    "scram-sha-256, secret",
    "cram-md5, secret",
    "oauthbearer, TOKEN",
    "xoauth2, TOKEN"
  })
  @RequiresPackages("mpop")
  void requireTlsLetsEveryMechanismLogInAfterStls(String auth, String secret) throws Exception {
    String host = startOnNonLoopback();
    assertMpopDelivers(host, Transport.STLS, auth, secret.equals("TOKEN") ? TOKEN : secret);
  }
}
