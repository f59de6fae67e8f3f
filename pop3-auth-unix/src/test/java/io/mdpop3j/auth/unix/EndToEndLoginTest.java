package io.mdpop3j.auth.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.RequiresPackages;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins through the core server over a real socket, with real POP3 clients. */
@RequiresPackages({"libnss-wrapper", "whois", "openssl"})
class EndToEndLoginTest {

  private static final byte[] MESSAGE =
      "Subject: hello\r\n\r\nline one\r\n.dot line\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  void unixUserLogsInWithCommonsNetAndReadsTheMailbox() throws Exception {
    NssWrapperDatabase.ensureWritten();
    Authenticator unix =
        new UnixAuthenticatorProvider()
            .create(Settings.of("unix", Map.of("passwd-library", NssWrapperDatabase.LIBRARY)));
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("nwrap-bob", MESSAGE);
    try (Pop3Server server = server(unix, store, false)) {
      POP3Client client = connect(server);
      try {
        assertFalse(client.login("nwrap-bob", "wrong"));
        assertTrue(client.getReplyString().startsWith("-ERR [AUTH]"), client.getReplyString());
        assertTrue(client.login("nwrap-bob", NssWrapperDatabase.ASCII_PASSWORD));
        POP3MessageInfo status = client.status();
        assertEquals(1, status.number);
        assertEquals(MESSAGE.length, status.size);
        assertTrue(read(client.retrieveMessage(1)).contains("line one"));
        assertTrue(client.logout());
      } finally {
        client.disconnect();
      }
    }
  }

  @Test
  void unixUserWithNonAsciiPasswordLogsInOverARawSocket() throws Exception {
    NssWrapperDatabase.ensureWritten();
    Authenticator unix =
        new UnixAuthenticatorProvider()
            .create(Settings.of("unix", Map.of("passwd-library", NssWrapperDatabase.LIBRARY)));
    try (Pop3Server server = server(unix, new MemoryMailStore(), false);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      assertTrue(in.readLine().startsWith("+OK"));
      // uid 0 is refused with the right password, with the reply of a wrong one.
      assertEquals("+OK", send(out, in, "USER nwrap-root").substring(0, 3));
      String root = send(out, in, "PASS " + NssWrapperDatabase.PASSWORD);
      assertTrue(root.startsWith("-ERR [AUTH]"), root);
      assertEquals("+OK", send(out, in, "USER nwrap-alice").substring(0, 3));
      String alice = send(out, in, "PASS " + NssWrapperDatabase.PASSWORD);
      assertTrue(alice.startsWith("+OK"), alice);
      assertTrue(send(out, in, "QUIT").startsWith("+OK"));
    }
  }

  private static String send(OutputStream out, BufferedReader in, String line) throws Exception {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return in.readLine();
  }

  @Test
  void passwdFileUserLogsInWithUserPassAndWithApop() throws Exception {
    Path file = dir.resolve("users");
    Files.writeString(
        file,
        "vera:{PLAIN}tanstaaf:5000:5000::/srv/vmail/vera\n"
            + "hank:"
            + SystemHashes.mkpasswd("yescrypt", "hank-pw")
            + "\n");
    Authenticator passwdFile =
        new PasswdFileAuthenticatorProvider()
            .create(Settings.of("passwd-file", Map.of("path", file.toString())));
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("vera", MESSAGE);
    store.deliver("hank", MESSAGE);
    try (Pop3Server server = server(passwdFile, store, true)) {
      POP3Client client = connect(server);
      try {
        assertTrue(client.login("hank", "hank-pw"), client.getReplyString());
        assertEquals(1, client.status().number);
        assertTrue(client.logout());
      } finally {
        client.disconnect();
      }

      POP3Client apop = connect(server);
      try {
        Matcher timestamp = Pattern.compile("<[^>]+>").matcher(apop.getReplyString());
        assertTrue(timestamp.find(), "greeting without APOP timestamp: " + apop.getReplyString());
        assertFalse(apop.login("vera", timestamp.group(), "wrong"));
        assertTrue(apop.login("vera", timestamp.group(), "tanstaaf"), apop.getReplyString());
        assertEquals(1, apop.status().number);
        assertTrue(apop.logout());
      } finally {
        apop.disconnect();
      }
    }
  }

  @Test
  void greetingHasNoApopTimestampWhenNoUserHasAPlainSecret() throws Exception {
    Path file = dir.resolve("users");
    Files.writeString(file, "hank:" + SystemHashes.mkpasswd("sha512crypt", "hank-pw") + "\n");
    Authenticator passwdFile =
        new PasswdFileAuthenticatorProvider()
            .create(Settings.of("passwd-file", Map.of("path", file.toString())));
    try (Pop3Server server = server(passwdFile, new MemoryMailStore(), true)) {
      POP3Client client = connect(server);
      try {
        assertFalse(client.getReplyString().contains("<"), client.getReplyString());
      } finally {
        client.disconnect();
      }
    }
  }

  @Test
  void passwdFileUserLogsInWithAngusMail() throws Exception {
    Path file = dir.resolve("users");
    Files.writeString(file, "hank:{SHA512-CRYPT}" + SystemHashes.openssl("6", "hank pw") + "\n");
    Authenticator passwdFile =
        new PasswdFileAuthenticatorProvider()
            .create(Settings.of("passwd-file", Map.of("path", file.toString())));
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("hank", MESSAGE);
    store.deliver("hank", MESSAGE);
    try (Pop3Server server = server(passwdFile, store, false)) {
      Store pop3 = jakarta.mail.Session.getInstance(new Properties()).getStore("pop3");
      pop3.connect("127.0.0.1", server.port(), "hank", "hank pw");
      try {
        Folder inbox = pop3.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertEquals(2, inbox.getMessageCount());
        assertEquals("hello", inbox.getMessage(1).getSubject());
        inbox.close(false);
      } finally {
        pop3.close();
      }
    }
  }

  static Pop3Server server(Authenticator authenticator, MemoryMailStore store, boolean apop)
      throws Exception {
    Pop3Server server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(authenticator)
            .mailStore(store)
            .authFailureDelay(Duration.ZERO)
            .apop(apop)
            .build();
    server.start();
    return server;
  }

  static POP3Client connect(Pop3Server server) throws Exception {
    POP3Client client = new POP3Client();
    client.setDefaultTimeout(10_000);
    client.connect(InetAddress.getLoopbackAddress(), server.port());
    return client;
  }

  private static String read(Reader reader) throws Exception {
    try (BufferedReader r = new BufferedReader(reader)) {
      StringBuilder text = new StringBuilder();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        text.append(line).append('\n');
      }
      return text.toString();
    }
  }
}
