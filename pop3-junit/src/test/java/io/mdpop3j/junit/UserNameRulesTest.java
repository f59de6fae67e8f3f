package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code andUser} refuses at once what the server would refuse at every login, saying why. */
class UserNameRulesTest {

  private static String refusal(String user, String password) {
    return assertThrows(
            IllegalArgumentException.class, () -> Pop3Extension.withUser(user, password))
        .getMessage();
  }

  @Test
  void aNameWithASpaceIsRefusedWithTheReason() {
    assertEquals(
        "user name 'John Doe' contains a space (at index 4), which the server refuses at login:"
            + " USER takes one word (RFC 1939 section 7); use a plain login like alice",
        refusal("John Doe", "pw"));
  }

  @Test
  void anEmptyNameIsRefused() {
    assertTrue(refusal("", "pw").startsWith("user name '' is empty"));
  }

  @Test
  void aSlashIsRefused() {
    assertTrue(refusal("a/b", "pw").contains("contains '/' (at index 1)"));
  }

  @Test
  void aControlCharacterIsRefusedAndShownEscaped() {
    assertTrue(
        refusal("a\tb", "pw")
            .startsWith("user name 'a\\u0009b' contains the control character U+0009 (at index 1)"),
        refusal("a\tb", "pw"));
  }

  @Test
  void aNameLongerThanTheServerAcceptsIsRefused() {
    assertTrue(
        refusal("x".repeat(256), "pw")
            .contains("is 256 octets long; the server accepts at most 255"));
  }

  @Test
  void anEmptyPasswordIsRefused() {
    assertEquals(
        "the password of 'alice' is empty, and the server refuses empty passwords at login",
        refusal("alice", ""));
  }

  @Test
  void aPasswordWithALineBreakIsRefused() {
    assertTrue(refusal("alice", "a\r\nb").contains("holds a line break"));
  }

  @Test
  void addressesAndPasswordsWithSpacesAreFine() {
    Pop3Extension.withUser("alice@example.org", "pass word");
  }
}
