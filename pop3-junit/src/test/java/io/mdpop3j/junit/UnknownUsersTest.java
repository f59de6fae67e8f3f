package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user the test never added is a mistake the extension names, not a silent empty mailbox. */
class UnknownUsersTest {

  @RegisterExtension
  Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").andUser("bob", "pw");

  @Test
  void deliveringToAnUnknownUserFailsListingTheKnownUsers() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> pop3.deliver("nobody@localhost", TestMessages.text("lost", "x")));

    assertEquals(
        "no user 'nobody@localhost'; known users: alice, bob; add it with"
            + " .andUser(\"nobody@localhost\", password), or build the extension with"
            + " .createUsersOnDelivery() to create users on delivery",
        e.getMessage());
  }

  @Test
  void anAddressWhoseLocalPartIsAUserSuggestsTheLogin() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> pop3.deliver("alice@localhost", TestMessages.text("x", "x")));

    assertTrue(
        e.getMessage()
            .contains("mailboxes are named by login, not by address: did you mean 'alice'?"),
        e.getMessage());
  }

  @Test
  void askingAboutAnUnknownUserFailsToo() {
    for (Runnable ask :
        List.<Runnable>of(
            () -> pop3.mailbox("ghost"),
            () -> pop3.retrieved("ghost"),
            () -> pop3.deleted("ghost"),
            () -> pop3.purgeMailbox("ghost"),
            () -> pop3.removeUser("ghost"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ask::run);
      assertTrue(
          e.getMessage().startsWith("no user 'ghost'; known users: alice, bob"), e.getMessage());
    }
  }

  @Test
  void aLoginAsAnUnknownUserTellsTheTestWhyButTheClientOnlyTheUsualError() throws Exception {
    String reply;
    try (RawClient client = RawClient.connect(pop3.port())) {
      client.readLine();
      client.expectOk(client.command("USER alice@localhost"));
      reply = client.command("PASS secret");
    }

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals("-ERR [AUTH] Authentication failed.", reply);
    assertEquals(
        List.of(
            "unknown user 'alice@localhost'; known users: alice, bob; mailboxes are named by"
                + " login, not by address: did you mean 'alice'?"),
        session.loginFailures());
  }

  @Test
  void aWrongPasswordIsRecordedAsSuch() throws Exception {
    try (RawClient client = RawClient.connect(pop3.port())) {
      client.readLine();
      client.command("USER bob");
      client.command("PASS nope");
    }

    RecordedSession session = pop3.awaitSessionEnd(Duration.ofSeconds(10));
    assertEquals(List.of("wrong password for 'bob'"), session.loginFailures());
  }

  @Nested
  class CreatingUsersOnDelivery {

    @RegisterExtension
    Pop3Extension lenient = Pop3Extension.withUser("alice", "secret").createUsersOnDelivery();

    @Test
    void deliveringToANewUserCreatesItWithItsNameAsPassword() throws Exception {
      lenient.deliver("carol", TestMessages.text("welcome", "x"));

      assertTrue(lenient.hasUser("carol"));
      try (RawClient client = RawClient.login(lenient.port(), "carol", "carol")) {
        assertTrue(client.command("STAT").startsWith("+OK 1 "));
      }
    }

    @Test
    void askingAboutAUserNotYetDeliveredToGivesAnEmptyMailbox() {
      assertEquals(List.of(), lenient.mailbox("dave"));
      assertEquals(List.of(), lenient.retrieved("dave"));
    }

    @Test
    void aNameTheServerWouldRefuseIsStillRefused() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> lenient.deliver("John Doe", TestMessages.text("x", "x")));
      assertTrue(e.getMessage().contains("contains a space"), e.getMessage());
    }
  }
}
