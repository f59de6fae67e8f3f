package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real POP3 clients, through the core's server on 127.0.0.1, against a real Maildir. */
@Timeout(60)
class MaildirInteropTest {

  static final String DOVECOT_BODY =
      "From: bob@example.net\nSubject: dovecot\n\n.leading dot\nbody\n";
  static final String DOVECOT =
      "1700000002.M2P1.mail,S=" + DOVECOT_BODY.length() + ",W=" + (DOVECOT_BODY.length() + 5);
  static final String QMAIL = "1700000001.V801I1234M567890.mail";
  static final String QMAIL_BODY = "From: carol@example.net\nSubject: qmail\n\nno final newline";

  @TempDir Path home;
  TestMaildir maildir;
  Pop3Server server;

  /** MemoryAuthenticator knows passwords only; the account's home is where the Maildir is. */
  Authenticator withHome(Authenticator passwords) {
    return (session, credentials) -> {
      AuthResult r = passwords.authenticate(session, credentials);
      return r instanceof AuthResult.Success s ? AuthResult.success(s.account().withHome(home)) : r;
    };
  }

  @BeforeEach
  void start() throws Exception {
    maildir = TestMaildir.create(home);
    maildir.put("new", QMAIL, QMAIL_BODY, 1);
    maildir.put("cur", DOVECOT + ":2,F", DOVECOT_BODY, 2);
    maildir.put("new", "1700000003.M3P1.mail", "Subject: third\n\nthree\n", 3);
    server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(withHome(new MemoryAuthenticator().addUser("alice", "secret")))
            .mailStore(new MaildirStore())
            .authFailureDelay(Duration.ZERO)
            .build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  POP3Client login() throws Exception {
    POP3Client c = new POP3Client();
    c.setDefaultTimeout(10_000);
    c.connect(InetAddress.getLoopbackAddress(), server.port());
    assertTrue(c.login("alice", "secret"), c.getReplyString());
    return c;
  }

  static String crlf(String lf) {
    String s = lf.replace("\n", "\r\n");
    return s.endsWith("\r\n") ? s : s + "\r\n";
  }

  static String retrieve(POP3Client c, int n) throws Exception {
    try (Reader r = c.retrieveMessage(n)) {
      assertNotNull(r, c.getReplyString());
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[4096];
      int k;
      while ((k = r.read(buf)) > 0) {
        sb.append(buf, 0, k);
      }
      return sb.toString();
    }
  }

  void awaitUnlocked() throws Exception {
    Path lock = maildir.dir.resolve(MaildirLock.FILE_NAME);
    for (int i = 0; i < 200 && Files.exists(lock); i++) {
      Thread.sleep(25);
    }
    assertFalse(Files.exists(lock), "session ended and released the Maildir");
  }

  @Test
  void commonsNetSeesStatUidlListAndRetrAgreeingAndQuitFilesTheMessages() throws Exception {
    POP3Client c = login();
    POP3MessageInfo stat = c.status();
    assertEquals(3, stat.number);
    POP3MessageInfo[] uidl = c.listUniqueIdentifiers();
    assertEquals(QMAIL, uidl[0].identifier);
    assertEquals(DOVECOT, uidl[1].identifier);
    POP3MessageInfo[] list = c.listMessages();
    assertEquals(DOVECOT_BODY.length() + 5, list[1].size, "the W= size");
    long total = 0;
    for (int n = 1; n <= 3; n++) {
      String text = retrieve(c, n);
      assertEquals(list[n - 1].size, text.getBytes(US_ASCII).length, "LIST size == RETR octets");
      total += list[n - 1].size;
    }
    assertEquals(total, stat.size);
    assertEquals(crlf(QMAIL_BODY), retrieve(c, 1));
    assertEquals(crlf(DOVECOT_BODY), retrieve(c, 2));
    assertTrue(c.deleteMessage(3));
    assertEquals(List.of(QMAIL, "1700000003.M3P1.mail"), maildir.names("new"), "not before QUIT");
    assertTrue(c.logout(), c.getReplyString());
    c.disconnect();

    assertEquals(List.of(), maildir.names("new"));
    assertEquals(List.of(QMAIL + ":2,S", DOVECOT + ":2,FS"), maildir.names("cur"));
  }

  @Test
  void aSecondSessionIsToldTheMailboxIsInUse() throws Exception {
    POP3Client first = login();
    POP3Client second = new POP3Client();
    second.connect(InetAddress.getLoopbackAddress(), server.port());
    assertFalse(second.login("alice", "secret"));
    assertEquals(
        "-ERR [IN-USE] Mailbox is locked by another POP3 session.", second.getReplyString().trim());
    second.disconnect();
    first.logout();
    first.disconnect();
    awaitUnlocked();
    POP3Client third = login();
    assertEquals(3, third.status().number);
    third.logout();
    third.disconnect();
  }

  @Test
  void aLockFileThatIsNotARegularFileIsNamedSoAndNotTakenForASession() throws Exception {
    Path lock = maildir.dir.resolve(MaildirLock.FILE_NAME);
    Files.createSymbolicLink(lock, home.resolve("elsewhere"));
    POP3Client c = new POP3Client();
    c.connect(InetAddress.getLoopbackAddress(), server.port());
    assertFalse(c.login("alice", "secret"));
    assertEquals(
        "-ERR [SYS/PERM] Mailbox lock file is not a regular file.", c.getReplyString().trim());
    c.disconnect();
    assertTrue(Files.isSymbolicLink(lock), "not removed, not followed");
    assertFalse(Files.exists(home.resolve("elsewhere")), "nothing created through it");
  }

  @Test
  void disconnectWithoutQuitChangesNothing() throws Exception {
    List<String> newBefore = maildir.names("new");
    List<String> curBefore = maildir.names("cur");
    POP3Client c = login();
    retrieve(c, 1);
    assertTrue(c.deleteMessage(2));
    c.disconnect(); // no QUIT
    awaitUnlocked();
    assertEquals(newBefore, maildir.names("new"));
    assertEquals(curBefore, maildir.names("cur"));
  }

  @Test
  void retrOfAMessageAnotherProgramDeletedSaysExpunged() throws Exception {
    POP3Client c = login();
    Files.delete(maildir.dir.resolve("new").resolve(QMAIL));
    try (Reader r = c.retrieveMessage(1)) {
      assertEquals(null, r);
    }
    assertEquals("-ERR Message 1 expunged.", c.getReplyString().trim());
    assertTrue(c.deleteMessage(1));
    assertTrue(c.logout(), "gone counts as removed");
    c.disconnect();
  }

  @Test
  void quitThatCannotRemoveAMessageSaysSysPerm() throws Exception {
    POP3Client c = login();
    Path victim = maildir.dir.resolve("new").resolve(QMAIL);
    Files.delete(victim);
    Files.createDirectories(victim.resolve("in-the-way"));
    assertTrue(c.deleteMessage(1));
    assertTrue(c.deleteMessage(3));
    assertFalse(c.logout());
    assertEquals("-ERR [SYS/PERM] 1 message could not be deleted.", c.getReplyString().trim());
    c.disconnect();
    assertFalse(maildir.names("new").contains("1700000003.M3P1.mail"));
  }

  @Test
  void angusMailReadsUidsSizesAndContentAndDeletesAtClose() throws Exception {
    Properties p = new Properties();
    p.put("mail.pop3.host", "127.0.0.1");
    p.put("mail.pop3.port", Integer.toString(server.port()));
    Session mail = Session.getInstance(p);
    Store store = mail.getStore("pop3");
    store.connect("alice", "secret");
    POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
    inbox.open(Folder.READ_WRITE);
    Message[] messages = inbox.getMessages();
    assertEquals(3, messages.length);
    assertEquals(QMAIL, inbox.getUID(messages[0]));
    assertEquals(DOVECOT, inbox.getUID(messages[1]));
    assertEquals("dovecot", messages[1].getSubject());
    assertEquals(DOVECOT_BODY.length() + 5, inbox.getSizes()[1], "LIST gives the W= size");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    messages[1].writeTo(raw);
    assertArrayEquals(crlf(DOVECOT_BODY).getBytes(US_ASCII), raw.toByteArray());
    messages[2].setFlag(Flags.Flag.DELETED, true);
    inbox.close(true);
    store.close();

    assertEquals(List.of(), maildir.names("new"));
    assertEquals(List.of(QMAIL + ":2,", DOVECOT + ":2,FS"), maildir.names("cur"));
  }
}
