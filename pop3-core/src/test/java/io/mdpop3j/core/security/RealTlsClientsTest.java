package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.testing.RecordingAuthenticator;
import io.mdpop3j.core.testing.TestPackages;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real TLS clients against STLS and the implicit-TLS port: Angus Mail, commons-net and curl. Each
 * test also checks that the password reached the server only under TLS.
 */
@Timeout(60)
class RealTlsClientsTest {

  private static final String MESSAGE = "Subject: over tls\r\n\r\nsecret body\r\n";

  private final MemoryMailStore store = new MemoryMailStore();
  private final RecordingAuthenticator auth =
      new RecordingAuthenticator(new MemoryAuthenticator().addUser("alice", "s3cret"));
  private Pop3Server server;

  @BeforeEach
  void start() throws Exception {
    store.deliver("alice", MESSAGE.getBytes(StandardCharsets.US_ASCII));
    server = Servers.withTls(auth, store).build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void angusMailWithStarttlsRequiredReadsTheMessage() throws Exception {
    Properties p = angus("pop3", server.port());
    p.put("mail.pop3.starttls.enable", "true");
    p.put("mail.pop3.starttls.required", "true");

    assertEquals("over tls", firstSubject(Session.getInstance(p), "pop3"));
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", true)), auth.calls());
  }

  @Test
  void angusMailPop3sProviderReadsTheMessage() throws Exception {
    assertEquals(
        "over tls", firstSubject(Session.getInstance(angus("pop3s", server.tlsPort())), "pop3s"));
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", true)), auth.calls());
  }

  @Test
  void angusMailWithStarttlsRequiredRefusesAServerThatDoesNotOfferIt() throws Exception {
    try (Pop3Server noStls =
        Servers.plain(auth, store)
            .sslContext(TestCertificates.get().serverContext())
            .stls(false)
            .build()) {
      noStls.start();
      Properties p = angus("pop3", noStls.port());
      p.put("mail.pop3.starttls.enable", "true");
      p.put("mail.pop3.starttls.required", "true");

      assertThrows(MessagingException.class, () -> firstSubject(Session.getInstance(p), "pop3"));
    }
    assertEquals(List.of(), auth.calls(), "no password sent in clear");
  }

  @Test
  void commonsNetImplicitTlsClientListsAndRetrieves() throws Exception {
    POP3SClient client = new POP3SClient(true);
    client.setTrustManager(TestCertificates.get().trustManager());
    client.setEndpointCheckingEnabled(true);
    client.connect("127.0.0.1", server.tlsPort());
    try {
      assertTrue(client.login("alice", "s3cret"));
      POP3MessageInfo[] list = client.listMessages();
      assertEquals(1, list.length);
      assertEquals(MESSAGE.length(), list[0].size);
      assertEquals(List.of("Subject: over tls", "", "secret body"), lines(client, 1));
      assertTrue(client.logout());
    } finally {
      client.disconnect();
    }
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", true)), auth.calls());
  }

  @Test
  void commonsNetStlsClientUpgradesThenLogsIn() throws Exception {
    POP3SClient client = new POP3SClient(false);
    client.setTrustManager(TestCertificates.get().trustManager());
    client.setEndpointCheckingEnabled(true);
    client.connect("127.0.0.1", server.port());
    try {
      assertTrue(client.execTLS(), "STLS accepted and handshake done");
      assertTrue(client.capa());
      assertTrue(
          java.util.Arrays.stream(client.getReplyStrings()).noneMatch(l -> l.equals("STLS")),
          "STLS gone from CAPA after the handshake");
      assertTrue(client.login("alice", "s3cret"));
      assertEquals(List.of("Subject: over tls", "", "secret body"), lines(client, 1));
      assertTrue(client.logout());
    } finally {
      client.disconnect();
    }
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", true)), auth.calls());
  }

  @Test
  void curlPop3sWithCacertRetrievesTheMessage() throws Exception {
    Result r =
        curl(
            "--cacert",
            cert(),
            "-u",
            "alice:s3cret",
            "pop3s://127.0.0.1:" + server.tlsPort() + "/1");

    assertEquals(0, r.exit, r.output);
    assertEquals(MESSAGE, r.output);
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", true)), auth.calls());
  }

  @Test
  void curlPop3sWithInsecureFlagRetrievesTheMessage() throws Exception {
    Result r = curl("-k", "-u", "alice:s3cret", "pop3s://127.0.0.1:" + server.tlsPort() + "/1");

    assertEquals(0, r.exit, r.output);
    assertEquals(MESSAGE, r.output);
  }

  @Test
  void curlPop3WithSslReqdUpgradesWithStls() throws Exception {
    Result r =
        curl(
            "--ssl-reqd",
            "--cacert",
            cert(),
            "-u",
            "alice:s3cret",
            "pop3://127.0.0.1:" + server.port() + "/1");

    assertEquals(0, r.exit, r.output);
    assertEquals(MESSAGE, r.output);
    assertEquals(List.of(new RecordingAuthenticator.Call("alice", true)), auth.calls());
  }

  @Test
  void curlWithSslReqdGivesUpOnAServerWithoutTls() throws Exception {
    try (Pop3Server noTls = Servers.plain(auth, store).build()) {
      noTls.start();
      Result r =
          curl("--ssl-reqd", "-u", "alice:s3cret", "pop3://127.0.0.1:" + noTls.port() + "/1");

      assertNotEquals(0, r.exit, r.output);
    }
    assertEquals(List.of(), auth.calls(), "no password sent in clear");
  }

  private Properties angus(String protocol, int port) throws Exception {
    Properties p = new Properties();
    p.put("mail." + protocol + ".host", "127.0.0.1");
    p.put("mail." + protocol + ".port", Integer.toString(port));
    p.put(
        "mail." + protocol + ".ssl.socketFactory",
        TestCertificates.get().clientContext().getSocketFactory());
    p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    p.put("mail." + protocol + ".connectiontimeout", "10000");
    p.put("mail." + protocol + ".timeout", "10000");
    return p;
  }

  private static String firstSubject(Session session, String protocol) throws Exception {
    Store s = session.getStore(protocol);
    s.connect("alice", "s3cret");
    try {
      Folder inbox = s.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return inbox.getMessage(1).getSubject();
      } finally {
        inbox.close(false);
      }
    } finally {
      s.close();
    }
  }

  private static List<String> lines(POP3SClient client, int n) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(client.retrieveMessage(n))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String cert() throws Exception {
    return TestCertificates.get().certificatePem().toString();
  }

  private record Result(int exit, String output) {}

  private static Result curl(String... args) throws Exception {
    TestPackages.require("curl");
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
    return new Result(p.exitValue(), new String(out, StandardCharsets.US_ASCII));
  }
}
