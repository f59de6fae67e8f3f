package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionTableTest {

  @Test
  void noTwoOptionsShareALetterOrAName() {
    Set<Character> letters = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Option o : OptionTable.ALL) {
      if (o.letter() != Option.NO_LETTER) {
        assertTrue(letters.add(o.letter()), "letter -" + o.letter() + " twice");
      }
      if (!o.name().isEmpty()) {
        assertTrue(names.add(o.name()), "name --" + o.name() + " twice");
      }
    }
  }

  @Test
  void everyOptionHasALetterOrAName() {
    for (Option o : OptionTable.ALL) {
      assertFalse(o.letter() == Option.NO_LETTER && o.name().isEmpty(), o.help());
    }
  }

  @Test
  void serverSettingsAreSettingKeysAndOtherOptionsAreNot() {
    assertTrue(OptionTable.isSettingKey("timeout.idle"));
    assertTrue(OptionTable.isSettingKey("max-sessions"));
    assertTrue(OptionTable.isSettingKey("maildir.subdir"));
    assertFalse(OptionTable.isSettingKey("listen"));
    assertFalse(OptionTable.isSettingKey(""));
  }

  @Test
  void aServerSettingGivenThroughSetIsKeptLikeItsLongOption() throws UsageException {
    assertEquals(
        OptionParser.parse(java.util.List.of("--max-sessions=5")).settings(),
        OptionParser.parse(java.util.List.of("--set", "max-sessions=5")).settings());
  }
}
