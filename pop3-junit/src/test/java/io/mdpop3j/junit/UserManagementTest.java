package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** hasUser, removeUser and the purges, on the memory store and on a Maildir. */
class UserManagementTest {

  @RegisterExtension
  Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").andUser("bob", "pw");

  @Test
  void hasUserKnowsAddedUsersOnly() {
    assertTrue(pop3.hasUser("alice"));
    assertFalse(pop3.hasUser("carol"));
    pop3.andUser("carol", "pw");
    assertTrue(pop3.hasUser("carol"));
  }

  @Test
  void aRemovedUserCanNoLongerLogInNorReceiveMail() throws Exception {
    pop3.deliver("bob", TestMessages.text("old", "x"));

    pop3.removeUser("bob");

    assertFalse(pop3.hasUser("bob"));
    assertThrows(IllegalArgumentException.class, () -> pop3.deliver("bob", "x"));
    try (RawClient client = RawClient.connect(pop3.port())) {
      client.readLine();
      client.command("USER bob");
      assertEquals("-ERR [AUTH] Authentication failed.", client.command("PASS pw"));
    }
    pop3.andUser("bob", "pw");
    assertEquals(List.of(), pop3.mailbox("bob"), "the old mailbox went with the user");
  }

  @Test
  void purgeAllMailboxesEmptiesEveryMailboxAndKeepsTheUsers() throws Exception {
    pop3.deliver("alice", TestMessages.text("a", "x"));
    pop3.deliver("bob", TestMessages.text("b", "x"));

    pop3.purgeAllMailboxes();

    assertEquals(List.of(), pop3.mailbox("alice"));
    assertEquals(List.of(), pop3.mailbox("bob"));
    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
      assertEquals("+OK 0 0", client.command("STAT"));
    }
  }

  @Test
  void purgeMailboxEmptiesOneMailbox() {
    pop3.deliver("alice", TestMessages.text("a", "x"));
    String kept = pop3.deliver("bob", TestMessages.text("b", "x"));

    pop3.purgeMailbox("alice");

    assertEquals(List.of(), pop3.mailbox("alice"));
    assertEquals(kept, pop3.mailbox("bob").get(0).uniqueId());
  }

  @Nested
  @EnabledWithMaildirStore
  class OnAMaildir {

    @RegisterExtension
    Pop3Extension maildir =
        Pop3Extension.withUser("alice", "secret").andUser("bob", "pw").withMaildir();

    @Test
    void purgeRemovesTheMessageFilesAndKeepsTheMaildir() throws Exception {
      maildir.deliver("alice", TestMessages.text("a", "x"));
      maildir.deliver("bob", TestMessages.text("b", "x"));

      maildir.purgeMailbox("alice");

      assertEquals(List.of(), maildir.mailbox("alice"));
      assertTrue(Files.isDirectory(maildir.maildir("alice").resolve("new")));
      assertEquals(1, maildir.mailbox("bob").size());
      maildir.purgeAllMailboxes();
      assertEquals(List.of(), maildir.mailbox("bob"));
    }

    @Test
    void removeUserRemovesTheHomeDirectory() {
      maildir.deliver("bob", TestMessages.text("b", "x"));
      java.nio.file.Path home = maildir.maildir("bob").getParent();

      maildir.removeUser("bob");

      assertFalse(Files.exists(home));
    }
  }
}
