package io.mdpop3j.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.testing.TestServer;
import io.mdpop3j.core.testing.WireForm;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Angus Mail's POP3 provider (the Jakarta Mail reference client) against the memory store. */
class AngusMailInteropTest {

  private TestServer server;
  private final List<String> uids = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start();
    for (byte[] m : InteropMessages.ALL) {
      uids.add(server.store.deliver("alice", m));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Store connect() throws Exception {
    Properties props = new Properties();
    props.put("mail.pop3.host", "127.0.0.1");
    props.put("mail.pop3.port", Integer.toString(server.port()));
    props.put("mail.pop3.connectiontimeout", "10000");
    props.put("mail.pop3.timeout", "20000");
    Store store = Session.getInstance(props).getStore("pop3");
    store.connect("alice", "secret");
    return store;
  }

  @Test
  void readsEveryMessageByteForByte() throws Exception {
    Store store = connect();
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message[] messages = inbox.getMessages();
      assertEquals(InteropMessages.ALL.size(), messages.length);
      for (int i = 0; i < messages.length; i++) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        messages[i].writeTo(out);
        assertArrayEquals(
            WireForm.normalized(InteropMessages.ALL.get(i)),
            out.toByteArray(),
            "message " + (i + 1));
        assertEquals(uids.get(i), ((POP3Folder) inbox).getUID(messages[i]));
        assertEquals("<" + (i + 1) + "@example.org>", messages[i].getHeader("Message-ID")[0]);
      }
      assertEquals("Gr\u00fc\u00dfe", messages[3].getSubject());
      inbox.close(false);
    } finally {
      store.close();
    }
    assertEquals(InteropMessages.ALL.size(), server.store.messages("alice").size());
  }

  @Test
  void deletedMessagesAreGoneAfterCloseWithExpunge() throws Exception {
    Store store = connect();
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      assertEquals(5, inbox.getMessageCount());
      inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
      inbox.getMessage(4).setFlag(Flags.Flag.DELETED, true);
      inbox.close(true);
    } finally {
      store.close();
    }
    Store again = connect();
    try {
      Folder inbox = again.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertEquals(3, inbox.getMessageCount());
      assertEquals(uids.get(0), ((POP3Folder) inbox).getUID(inbox.getMessage(1)));
      assertEquals(uids.get(2), ((POP3Folder) inbox).getUID(inbox.getMessage(2)));
      assertEquals(uids.get(4), ((POP3Folder) inbox).getUID(inbox.getMessage(3)));
      inbox.close(false);
    } finally {
      again.close();
    }
  }

  @Test
  void logsInWithApopWhenTheServerOffersIt() throws Exception {
    try (TestServer apop = TestServer.start(b -> b.apop(true))) {
      apop.store.deliver("alice", InteropMessages.ALL.get(0));
      Properties props = new Properties();
      props.put("mail.pop3.host", "127.0.0.1");
      props.put("mail.pop3.port", Integer.toString(apop.port()));
      props.put("mail.pop3.apop.enable", "true");
      Store store = Session.getInstance(props).getStore("pop3");
      store.connect("alice", "secret");
      try {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertEquals(1, inbox.getMessageCount());
        inbox.close(false);
      } finally {
        store.close();
      }
      assertEquals(
          true,
          apop.commands.stream().anyMatch(l -> l.startsWith("APOP alice ")),
          "the client used APOP: " + apop.commands);
    }
  }

  @Test
  void closingWithoutExpungeKeepsDeletedMessages() throws Exception {
    Store store = connect();
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
      inbox.close(false);
    } finally {
      store.close();
    }
    assertEquals(5, server.store.messages("alice").size());
  }
}
