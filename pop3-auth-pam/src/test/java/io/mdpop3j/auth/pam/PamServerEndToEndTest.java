package io.mdpop3j.auth.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.testing.RequiresPackages;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real clients against the core server with PAM (under pam_wrapper) and an in-memory store. */
@RequiresPackages({"libpam-wrapper", "libpam-modules"})
class PamServerEndToEndTest {

  private static final byte[] MESSAGE =
      "From: a@example.org\r\nSubject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

  private final MemoryMailStore store = new MemoryMailStore();
  private Pop3Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void commonsNetClientLogsInWithThePamPasswordAndReadsTheMailbox() throws Exception {
    store.deliver("alice", MESSAGE);
    start(PamWrapper.authenticator("pop3-test"), false);

    POP3Client client = connect();
    assertFalse(client.login("alice", "wrong"), "wrong password refused");
    assertTrue(client.getReplyString().startsWith("-ERR [AUTH]"), client.getReplyString());
    assertTrue(client.login("alice", "alice-secret"), client.getReplyString());
    POP3MessageInfo status = client.status();
    assertEquals(1, status.number);
    assertEquals(MESSAGE.length, status.size);
    try (BufferedReader reader = new BufferedReader(client.retrieveMessage(1))) {
      assertEquals("From: a@example.org", reader.readLine());
    }
    assertTrue(client.logout());
    client.disconnect();
  }

  @Test
  void utf8PasswordSentByTheClientReachesPamByteForByte() throws Exception {
    // A raw socket: commons-net and Angus Mail send commands in ISO-8859-1.
    start(PamWrapper.authenticator("pop3-test"), false);

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      assertTrue(in.readLine().startsWith("+OK"));
      out.write("USER bob\r\nPASS b0b s3cret ünïcode\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertTrue(in.readLine().startsWith("+OK"));
      String passReply = in.readLine();
      assertTrue(passReply.startsWith("+OK"), passReply);
    }
  }

  @Test
  void virtualLoginOpensTheMailboxOfTheUserPamMappedTo() throws Exception {
    store.deliver("vmail-box", MESSAGE);
    store.deliver("vmail-box", MESSAGE);
    start(PamWrapper.authenticator("pop3-test-virtual"), false);

    POP3Client client = connect();
    assertTrue(client.login("virtual@example.org", "virtual-secret"), client.getReplyString());
    assertEquals(2, client.status().number);
    client.logout();
    client.disconnect();
  }

  @Test
  void commonsNetApopLoginIsCheckedByTheSiteScriptBehindPam() throws Exception {
    store.deliver("apop-user", MESSAGE);
    start(
        PamAuthenticator.create(PamWrapper.settings("pop3-test-apop", Map.of("apop", "true"))),
        true);

    POP3Client client = connect();
    String timestamp = timestampOf(client.getReplyString());
    assertFalse(client.login("apop-user", timestamp, "wrong"));
    assertTrue(client.getReplyString().startsWith("-ERR [AUTH]"), client.getReplyString());
    assertTrue(client.login("apop-user", timestamp, "tanstaaf"), client.getReplyString());
    assertEquals(1, client.status().number);
    client.logout();
    client.disconnect();
  }

  @Test
  void angusMailReadsTheMailboxOfAServerConfiguredByProviderName() throws Exception {
    store.deliver("alice", MESSAGE);
    server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator("pam")
            .setting("pam.service", "pop3-test")
            .setting("pam.library", PamWrapper.library())
            .mailStore(store)
            .authFailureDelay(Duration.ZERO)
            .build();
    server.start();

    Properties props = new Properties();
    props.put("mail.pop3.host", "127.0.0.1");
    props.put("mail.pop3.port", Integer.toString(server.port()));
    Store mailStore = jakarta.mail.Session.getInstance(props).getStore("pop3");
    mailStore.connect("alice", "alice-secret");
    Folder inbox = mailStore.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    assertEquals(1, inbox.getMessageCount());
    assertEquals("hello", inbox.getMessage(1).getSubject());
    inbox.close(false);
    mailStore.close();
  }

  private void start(Authenticator authenticator, boolean apop) throws IOException {
    server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(authenticator)
            .mailStore(store)
            .authFailureDelay(Duration.ZERO)
            .apop(apop)
            .build();
    server.start();
  }

  private POP3Client connect() throws IOException {
    POP3Client client = new POP3Client();
    client.setDefaultTimeout(10_000);
    client.connect(InetAddress.getLoopbackAddress(), server.port());
    return client;
  }

  private static String timestampOf(String greeting) {
    Matcher m = Pattern.compile("<[^>]+>").matcher(greeting);
    assertTrue(m.find(), "greeting has an APOP timestamp: " + greeting);
    return m.group();
  }
}
