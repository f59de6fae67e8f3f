package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UniqueIdsTest {

  @Test
  void validBaseNameIsTheUniqueIdAsQmailPop3dSendsIt() {
    assertEquals(
        "1700000000.V801I1234M567890.host", UniqueIds.of("1700000000.V801I1234M567890.host"));
  }

  @Test
  void seventyCharactersAreStillValid() {
    String seventy = "1".repeat(70);
    assertEquals(seventy, UniqueIds.of(seventy));
  }

  @Test
  void longerOrNonPrintableNamesGetAStableDigestId() {
    String longName = "1".repeat(71);
    String id = UniqueIds.of(longName);
    assertEquals(42, id.length());
    assertTrue(id.startsWith("h-"));
    assertTrue(UniqueIds.isValid(id));
    assertEquals(id, UniqueIds.of(longName), "stable across sessions");
    assertNotEquals(id, UniqueIds.of("1".repeat(72)));
    assertTrue(UniqueIds.of("1700000000.M1P2.my host").startsWith("h-"), "space is 0x20");
    assertTrue(UniqueIds.of("1700000000.M1P2.h\u00f6st").startsWith("h-"), "non-ASCII");
  }

  @Test
  void digestIsTheCoresSha256RuleOverTheUtf8BaseName() {
    // echo -n 'a b' | sha256sum
    assertEquals("h-c8687a08aa5d6ed2044328fa6a697ab8e96dc342", UniqueIds.of("a b"));
  }
}
