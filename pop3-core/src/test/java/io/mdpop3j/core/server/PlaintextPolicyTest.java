package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.protocol.CommandTable;
import io.mdpop3j.core.protocol.ProtocolSession;
import io.mdpop3j.core.protocol.ProtocolSettings;
import io.mdpop3j.core.protocol.Reply;
import io.mdpop3j.core.protocol.SessionInfo;
import io.mdpop3j.core.security.Servers;
import io.mdpop3j.core.security.TestCertificates;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.RecordingAuthenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plaintext-login policy (Dovecot's disable_plaintext_auth): USER/PASS and AUTH PLAIN need TLS
 * or a loopback client when the server has TLS, by default. A non-loopback client cannot be made
 * here, so those sessions run on the protocol engine with a remote address of 192.0.2.1
 * (TEST-NET-1, RFC 5737; nothing is sent there); loopback runs over real sockets.
 */
class PlaintextPolicyTest {

  static final String REFUSED =
      "-ERR [AUTH] Cleartext authentication disallowed on non-secure (SSL/TLS) connections.";
  private static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.1", 40110);

  private final RecordingAuthenticator auth =
      new RecordingAuthenticator(new MemoryAuthenticator().addUser("alice", "s3cret"));
  private final MemoryMailStore store = new MemoryMailStore();

  @Test
  void defaultPolicyRequiresTlsOnlyWhenTlsIsConfigured() throws Exception {
    assertTrue(config(PlaintextPolicy.AUTO, true).plaintextNeedsTls());
    assertFalse(config(PlaintextPolicy.AUTO, false).plaintextNeedsTls());
    assertFalse(config(PlaintextPolicy.ALLOW, true).plaintextNeedsTls());
    assertTrue(config(PlaintextPolicy.REQUIRE_TLS, false).plaintextNeedsTls());
  }

  @Test
  void remoteClientWithoutTlsIsRefusedUserPassAndAuthPlain() throws Exception {
    ProtocolSession s = remoteSession(PlaintextPolicy.AUTO, true);

    assertEquals(REFUSED, line(s, "USER alice"));
    assertEquals(REFUSED, line(s, "PASS s3cret"));
    assertEquals(REFUSED, line(s, "AUTH PLAIN"));
    assertEquals(REFUSED, line(s, "AUTH PLAIN " + plain("alice", "s3cret")));
    assertTrue(auth.calls().isEmpty(), "no cleartext secret reached the authenticator");
  }

  @Test
  void remoteClientWithoutTlsSeesNeitherUserNorSaslPlainInCapa() throws Exception {
    ProtocolSession s = remoteSession(PlaintextPolicy.AUTO, true);

    List<String> capa = s.onLine("CAPA").reply().lines();

    assertFalse(capa.contains("USER"), capa.toString());
    assertTrue(
        capa.stream().noneMatch(l -> l.startsWith("SASL") && l.contains("PLAIN")), capa.toString());
    assertTrue(capa.contains("STLS"), capa.toString());
    assertFalse(s.onLine("AUTH").reply().lines().contains("PLAIN"));
  }

  @Test
  void remoteClientMayLogInWithUserPassOnceTlsIsActive() throws Exception {
    ProtocolSession s = remoteSession(PlaintextPolicy.AUTO, true);
    s.tlsStarted(List.of());

    List<String> capa = s.onLine("CAPA").reply().lines();
    assertTrue(capa.contains("USER"), capa.toString());
    assertTrue(capa.contains("SASL PLAIN LOGIN"), capa.toString());
    assertEquals("+OK", line(s, "USER alice"));
    assertEquals("+OK Logged in.", line(s, "PASS s3cret"));
    s.end(false);
  }

  @Test
  void remoteClientMayUseAuthPlainOnceTlsIsActive() throws Exception {
    ProtocolSession s = remoteSession(PlaintextPolicy.REQUIRE_TLS, true);
    s.tlsStarted(List.of());

    assertEquals("+OK Logged in.", line(s, "AUTH PLAIN " + plain("alice", "s3cret")));
    s.end(false);
  }

  @Test
  void apopIsAllowedWithoutTlsBecauseNoSecretCrossesTheWire() throws Exception {
    ProtocolSettings config =
        builder(PlaintextPolicy.REQUIRE_TLS, false)
            .apop(true)
            .apopHost("test")
            .build()
            .protocolSettings();
    ProtocolSession s =
        new ProtocolSession(
            config,
            CommandTable.standard(config.disabledCommands()),
            auth,
            store,
            remoteInfo(),
            false);
    String greeting = s.greeting().statusLine();
    String timestamp = greeting.substring(greeting.indexOf('<'));
    byte[] md5 =
        MessageDigest.getInstance("MD5")
            .digest((timestamp + "s3cret").getBytes(StandardCharsets.US_ASCII));

    assertEquals("+OK Logged in.", line(s, "APOP alice " + HexFormat.of().formatHex(md5)));
    s.end(false);
  }

  @Test
  void allowPolicyLetsRemoteClientsLogInWithoutTls() throws Exception {
    ProtocolSession s = remoteSession(PlaintextPolicy.ALLOW, true);

    assertTrue(s.onLine("CAPA").reply().lines().contains("USER"));
    assertEquals("+OK", line(s, "USER alice"));
    assertEquals("+OK Logged in.", line(s, "PASS s3cret"));
    s.end(false);
  }

  @Test
  void withoutTlsConfiguredTheDefaultAllowsRemotePlaintextLogins() throws Exception {
    ProtocolSession s = remoteSession(PlaintextPolicy.AUTO, false);

    assertEquals("+OK", line(s, "USER alice"));
    assertEquals("+OK Logged in.", line(s, "PASS s3cret"));
    s.end(false);
  }

  @Test
  void loopbackClientMayLogInWithoutTlsEvenWhenTlsIsRequired() throws Exception {
    try (Pop3Server server = builder(PlaintextPolicy.REQUIRE_TLS, true).build()) {
      server.start();
      try (RawClient c = RawClient.connect(server.port())) {
        c.readLine();
        c.expectOk(c.command("CAPA"));
        assertTrue(c.readBody().contains("USER"));
        c.expectOk(c.command("USER alice"));
        c.expectOk(c.command("PASS s3cret"));
      }
    }
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", false)), auth.calls());
  }

  @Test
  void clientOfUnknownAddressOnStreamsIsRefusedCleartextLogins() throws Exception {
    try (Pop3Server server = builder(PlaintextPolicy.AUTO, true).build()) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

      server.serve(
          new java.io.ByteArrayInputStream(
              "USER alice\r\nPASS s3cret\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII)),
          out,
          Optional.empty(),
          Optional.empty());

      String replies = out.toString(StandardCharsets.US_ASCII);
      assertTrue(replies.contains(REFUSED), replies);
      assertFalse(replies.contains("Logged in"), replies);
    }
    assertTrue(auth.calls().isEmpty(), "no cleartext secret reached the authenticator");
  }

  private ProtocolSession remoteSession(PlaintextPolicy policy, boolean tls) throws Exception {
    return new ProtocolSession(
        config(policy, tls),
        CommandTable.standard(java.util.Set.of()),
        auth,
        store,
        remoteInfo(),
        tls);
  }

  private static SessionInfo remoteInfo() {
    return new SessionInfo(
        "t1",
        Optional.of(REMOTE),
        Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 110)),
        false,
        Map.of());
  }

  private ProtocolSettings config(PlaintextPolicy policy, boolean tls) throws Exception {
    return builder(policy, tls).build().protocolSettings();
  }

  private Pop3ServerBuilder builder(PlaintextPolicy policy, boolean tls) throws Exception {
    Pop3ServerBuilder b = Servers.plain(auth, store).plaintext(policy);
    return tls ? b.sslContext(TestCertificates.get().serverContext()) : b;
  }

  private static String line(ProtocolSession s, String line) {
    Reply reply = s.onLine(line).reply();
    return reply.statusLine();
  }

  private static String plain(String user, String password) {
    return Base64.getEncoder()
        .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }
}
