package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The ways a test puts mail into a mailbox. */
class DeliveryTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

  @TempDir Path dir;

  @Test
  void bytesAreStoredAndServedExactly() throws Exception {
    byte[] all = concat("Subject: x\r\n\r\n", new byte[] {(byte) 0xff, (byte) 0xfe}, "\r\n.x\r\n");

    pop3.deliver("alice", all);
    byte[] wire;
    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
      client.expectOk(client.command("RETR 1"));
      wire = client.readRawBody();
    }

    assertArrayEquals(all, pop3.mailbox("alice").get(0).content());
    // The line starting with a dot is dot-stuffed on the wire (RFC 1939 section 3).
    byte[] expected =
        concat("Subject: x\r\n\r\n", new byte[] {(byte) 0xff, (byte) 0xfe}, "\r\n..x\r\n.\r\n");
    assertArrayEquals(expected, wire);
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + middle.length + t.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(middle, 0, out, h.length, middle.length);
    System.arraycopy(t, 0, out, h.length + middle.length, t.length);
    return out;
  }

  @Test
  void folderDeliversItsEmlFilesInNameOrderAndSkipsOthers() throws Exception {
    Files.writeString(dir.resolve("2-second.eml"), TestMessages.text("second", "2"));
    Files.writeString(dir.resolve("1-first.EML"), TestMessages.text("first", "1"));
    Files.writeString(dir.resolve("notes.txt"), "not mail");

    List<String> ids = pop3.deliver("alice", dir);

    List<MailboxMessage> box = pop3.mailbox("alice");
    assertEquals(2, ids.size());
    assertEquals(ids, box.stream().map(MailboxMessage::uniqueId).toList());
    assertTrue(box.get(0).text().contains("Subject: first"));
    assertTrue(box.get(1).text().contains("Subject: second"));
  }

  @Test
  void singleFileIsDelivered() throws Exception {
    Path file = Files.writeString(dir.resolve("one.eml"), TestMessages.text("one", "x"));

    List<String> ids = pop3.deliver("alice", file);

    assertEquals(1, ids.size());
    assertArrayEquals(Files.readAllBytes(file), pop3.mailbox("alice").get(0).content());
  }

  @Test
  void folderWithoutEmlFilesIsRefusedNamingIt() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "not mail");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> pop3.deliver("alice", dir));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void missingPathIsRefusedNamingIt() {
    Path missing = dir.resolve("nope.eml");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> pop3.deliver("alice", missing));
    assertTrue(e.getMessage().contains("nope.eml"), e.getMessage());
  }

  @Test
  void jakartaMailMessageIsDeliveredAsATransportSendsIt() throws Exception {
    MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress("sender@example.org"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.org"));
    m.setSubject("built with Jakarta Mail");
    m.setText("caf\u00e9", "UTF-8");

    List<String> ids = JakartaMailDelivery.deliver(pop3, "alice", m);

    List<String> lines;
    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
      client.expectOk(client.command("RETR 1"));
      lines = client.readBody();
    }
    assertEquals(ids.get(0), pop3.mailbox("alice").get(0).uniqueId());
    assertTrue(lines.contains("Subject: built with Jakarta Mail"), lines.toString());
    assertTrue(
        pop3.mailbox("alice").get(0).text().contains("Message-ID: " + m.getMessageID()),
        "the changes saved at delivery are the ones stored");
    assertTrue(
        new String(pop3.mailbox("alice").get(0).content(), StandardCharsets.US_ASCII)
            .contains("charset=UTF-8"));
  }

  @Test
  void usersAddedDuringATestCanLogInAtOnce() throws Exception {
    pop3.andUser("carol", "pw");
    pop3.deliver("carol", TestMessages.text("c", "c"));

    try (RawClient client = RawClient.login(pop3.port(), "carol", "pw")) {
      assertTrue(client.command("STAT").startsWith("+OK 1 "));
    }
  }
}
