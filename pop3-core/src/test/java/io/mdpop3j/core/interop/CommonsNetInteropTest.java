package io.mdpop3j.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.TestServer;
import io.mdpop3j.core.testing.WireForm;
import io.mdpop3j.core.wire.WireSize;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.pop3.ExtendedPOP3Client;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apache commons-net {@link POP3Client} against the memory store. */
class CommonsNetInteropTest {
  private TestServer server;
  private final List<String> uids = new ArrayList<>();
  private POP3Client client;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start();
    for (byte[] m : InteropMessages.ALL) {
      uids.add(server.store.deliver("alice", m));
    }
    client = new POP3Client();
    client.setDefaultTimeout(20_000);
    client.setCharset(StandardCharsets.ISO_8859_1);
    client.connect("127.0.0.1", server.port());
    client.setSoTimeout(20_000);
    assertTrue(client.login("alice", "secret"));
  }

  @AfterEach
  void stop() throws IOException {
    if (client.isConnected()) {
      client.disconnect();
    }
    server.close();
  }

  private static String read(Reader reader) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buf = new char[8192];
    int n;
    while ((n = reader.read(buf)) >= 0) {
      out.append(buf, 0, n);
    }
    reader.close();
    return out.toString();
  }

  @Test
  void statusAndListGiveWireSizes() throws Exception {
    long total = 0;
    POP3MessageInfo[] list = client.listMessages();
    assertEquals(InteropMessages.ALL.size(), list.length);
    for (int i = 0; i < list.length; i++) {
      long size = WireSize.of(InteropMessages.ALL.get(i));
      assertEquals(i + 1, list[i].number);
      assertEquals(size, list[i].size);
      total += size;
      assertEquals(size, client.listMessage(i + 1).size);
    }
    POP3MessageInfo status = client.status();
    assertEquals(InteropMessages.ALL.size(), status.number);
    assertEquals(total, status.size);
  }

  @Test
  void retrieveGivesEveryMessageByteForByteAfterUnstuffing() throws Exception {
    for (int i = 0; i < InteropMessages.ALL.size(); i++) {
      String expected = WireForm.text(WireForm.normalized(InteropMessages.ALL.get(i)));
      assertEquals(expected, read(client.retrieveMessage(i + 1)), "message " + (i + 1));
    }
  }

  @Test
  void uniqueIdentifiersAreTheStoresIds() throws Exception {
    POP3MessageInfo[] ids = client.listUniqueIdentifiers();
    assertEquals(uids.size(), ids.length);
    for (int i = 0; i < ids.length; i++) {
      assertEquals(uids.get(i), ids[i].identifier);
    }
    assertEquals(uids.get(2), client.listUniqueIdentifier(3).identifier);
  }

  @Test
  void retrieveMessageTopGivesHeaderAndLines() throws Exception {
    String top = read(client.retrieveMessageTop(1, 2));
    assertEquals(
        "From: a@example.org\r\nTo: alice@example.org\r\nSubject: plain LF\r\n"
            + "Message-ID: <1@example.org>\r\n\r\nHello Alice.\r\n.\r\n",
        top);
    String headerOnly = read(client.retrieveMessageTop(2, 0));
    assertTrue(headerOnly.endsWith("Message-ID: <2@example.org>\r\n\r\n"), headerOnly);
  }

  @Test
  void deleteResetAndLogout() throws Exception {
    assertTrue(client.deleteMessage(1));
    assertTrue(client.deleteMessage(3));
    assertFalse(client.deleteMessage(3), "already deleted");
    assertNull(client.listMessage(1));
    assertEquals(3, client.status().number);
    assertTrue(client.reset());
    assertEquals(5, client.status().number);
    assertTrue(client.deleteMessage(2));
    assertTrue(client.logout());
    client.disconnect();
    List<String> left = new ArrayList<>();
    server.store.messages("alice").forEach(m -> left.add(m.uniqueId()));
    assertEquals(List.of(uids.get(0), uids.get(2), uids.get(3), uids.get(4)), left);
  }

  @Test
  void logsInWithAuthPlain() throws Exception {
    client.logout();
    client.disconnect();
    server.awaitEnd();
    ExtendedPOP3Client extended = new ExtendedPOP3Client();
    extended.setDefaultTimeout(20_000);
    extended.connect("127.0.0.1", server.port());
    try {
      assertTrue(extended.auth(ExtendedPOP3Client.AUTH_METHOD.PLAIN, "alice", "secret"));
      // commons-net does not move its own state to TRANSACTION after AUTH; its status() needs it.
      extended.setState(POP3Client.TRANSACTION_STATE);
      assertEquals(InteropMessages.ALL.size(), extended.status().number);
      assertTrue(extended.logout());
    } finally {
      extended.disconnect();
    }
    assertTrue(server.commands.contains("AUTH PLAIN"), server.commands.toString());
  }

  @Test
  void noopAndCapabilities() throws Exception {
    assertTrue(client.noop());
    assertTrue(client.capa());
  }
}
