package io.mdpop3j.core.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which user names reach a plug-in at all. */
class UserNamesTest {

  @Test
  void acceptsOrdinaryNamesAndAddresses() {
    assertTrue(UserNames.isAcceptable("alice"));
    assertTrue(UserNames.isAcceptable("alice@example.org"));
    assertTrue(UserNames.isAcceptable("j\u00fcrgen"));
  }

  @Test
  void refusesEmptyNames() {
    assertFalse(UserNames.isAcceptable(""));
  }

  @Test
  void refusesNamesThatCouldWalkOutOfAHomeOrSplitALogLine() {
    assertFalse(UserNames.isAcceptable("../etc"));
    assertFalse(UserNames.isAcceptable("a b"));
    assertFalse(UserNames.isAcceptable("a\u0000b"));
    assertFalse(UserNames.isAcceptable("a\nb"));
    assertFalse(UserNames.isAcceptable("a\u007f"));
    assertFalse(UserNames.isAcceptable("a\u0085"));
    assertFalse(UserNames.isAcceptable("bad\uFFFD"));
  }

  @Test
  void limitsTheLengthInUtf8Octets() {
    assertTrue(UserNames.isAcceptable("a".repeat(UserNames.MAX_OCTETS)));
    assertFalse(UserNames.isAcceptable("a".repeat(UserNames.MAX_OCTETS + 1)));
    // 128 two-octet characters are 256 octets.
    assertFalse(UserNames.isAcceptable("\u00e9".repeat(128)));
  }
}
