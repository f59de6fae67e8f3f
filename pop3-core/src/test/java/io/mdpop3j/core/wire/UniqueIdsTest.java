package io.mdpop3j.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The unique-id rule of RFC 1939 section 7: 1 to 70 characters in 0x21..0x7E. */
class UniqueIdsTest {

  @Test
  void acceptsPrintableAsciiUpTo70Characters() {
    assertTrue(UniqueIds.isValid("a"));
    assertTrue(UniqueIds.isValid("!~"));
    assertTrue(UniqueIds.isValid("x".repeat(70)));
  }

  @Test
  void refusesEmptyTooLongSpacesControlsAndNonAscii() {
    assertFalse(UniqueIds.isValid(""));
    assertFalse(UniqueIds.isValid("x".repeat(71)));
    assertFalse(UniqueIds.isValid("a b"));
    assertFalse(UniqueIds.isValid("a\tb"));
    assertFalse(UniqueIds.isValid("a\u007f"));
    assertFalse(UniqueIds.isValid("caf\u00e9"));
  }

  @Test
  void theDigestIsStableValidAndDistinct() {
    String d = UniqueIds.digest("bad id");
    assertEquals(d, UniqueIds.digest("bad id"));
    assertTrue(UniqueIds.isValid(d));
    assertEquals(42, d.length());
    assertTrue(d.startsWith("h-"));
    assertNotEquals(d, UniqueIds.digest("bad id2"));
  }

  @Test
  void validOrDigestKeepsValidIdsAndReplacesOthers() {
    assertEquals("ok-1", UniqueIds.validOrDigest("ok-1"));
    assertEquals(UniqueIds.digest("not ok"), UniqueIds.validOrDigest("not ok"));
  }
}
