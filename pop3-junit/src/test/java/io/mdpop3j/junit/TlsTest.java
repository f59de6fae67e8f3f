package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** TLS with the certificate the extension makes; one server for the class (keytool is slow). */
@Execution(ExecutionMode.SAME_THREAD)
class TlsTest {

  @RegisterExtension
  static Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").withTls().perClass();

  @Test
  void jakartaMailPop3sTrustsTheTestCertificate() throws Exception {
    pop3.deliver("alice", TestMessages.text("over tls", "x"));

    Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3s");
    store.connect("alice", "secret");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    int count = inbox.getMessageCount();
    inbox.close(false);
    store.close();

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertTrue(count >= 1);
    assertTrue(session.secure());
  }

  @Test
  void jakartaMailUpgradesWithStls() throws Exception {
    Properties props = pop3.mailProperties();
    props.setProperty("mail.pop3.starttls.required", "true");

    Store store = Session.getInstance(props).getStore("pop3");
    store.connect("alice", "secret");
    store.close();

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals("STLS", session.commands().get(session.commands().indexOf("STLS")));
    assertTrue(session.secure());
  }

  @Test
  void commonsNetStlsWithTheExtensionsSslContext() throws Exception {
    POP3SClient client = new POP3SClient(false, pop3.sslContext());
    client.setDefaultTimeout(10_000);
    client.connect(pop3.host(), pop3.port());
    assertTrue(client.execTLS(), client.getReplyString());
    assertTrue(client.login("alice", "secret"), client.getReplyString());
    client.logout();
    client.disconnect();

    assertTrue(pop3.awaitSessionEnd(Duration.ofSeconds(10)).secure());
  }

  @Test
  void trustStoreFileLetsAPlainJdkClientConnect() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(pop3.trustStore())) {
      trust.load(in, pop3.trustStorePassword().toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);

    SSLSocket socket =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), pop3.tlsPort());
    try (RawClient client = RawClient.over(socket)) {
      assertTrue(client.readLine().startsWith("+OK"));
      client.expectOk(client.command("QUIT"));
    }
    pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(1, trust.size());
    assertTrue(trust.isCertificateEntry(trust.aliases().nextElement()));
  }

  @Test
  void clientWithoutTheTrustStoreRefusesTheCertificate() throws Exception {
    SSLContext jdkDefaults = SSLContext.getInstance("TLS");
    jdkDefaults.init(null, null, null);
    SSLSocket socket =
        (SSLSocket)
            jdkDefaults
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), pop3.tlsPort());
    try (socket) {
      assertThrows(SSLHandshakeException.class, socket::startHandshake);
    }
    // The failed handshake is a session too; consume it so later tests see their own.
    RecordedSession refused = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(io.mdpop3j.core.server.EndReason.TLS_FAILED, refused.endReason());
    assertTrue(refused.commands().isEmpty());
  }
}
