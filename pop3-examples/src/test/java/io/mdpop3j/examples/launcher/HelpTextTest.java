package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.examples.launcher.Option.Section;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HelpTextTest {

  @Test
  void helpStartsWithTheUsageLine() {
    assertTrue(HelpText.full().startsWith(HelpText.usage() + "\n"));
  }

  @Test
  void helpHasALineForEveryOptionOfTheTable() {
    String help = HelpText.full();
    for (Option o : OptionTable.ALL) {
      if (o.section() != Section.INTERNAL) {
        String line = "\n  " + o.synopsis();
        assertTrue(
            help.contains(line + " ") || help.contains(line + "\n"), o.synopsis() + " in\n" + help);
        assertTrue(help.contains(o.help()), o.help());
      }
    }
  }

  @Test
  void helpLeavesOutWhatOnlyTheWrapperScriptRuns() {
    assertFalse(HelpText.full().contains("--cds-training"));
  }

  @Test
  void optionLinesFitInAHundredColumns() {
    List<String> tooLong =
        HelpText.full()
            .lines()
            .skip(1) // the usage line is one line, however long
            .filter(l -> l.length() > 100)
            .collect(Collectors.toList());
    assertEquals(List.of(), tooLong);
  }

  @Test
  void usageLineNamesEveryLetter() {
    String usage = HelpText.usage();
    assertTrue(usage.startsWith("usage: mdpop3d [-acdhnqAV] [-t timeout] "), usage);
    for (Option o : OptionTable.ALL) {
      if (o.letter() != Option.NO_LETTER) {
        assertTrue(usage.contains(String.valueOf(o.letter())), o.letter() + " in " + usage);
      }
    }
  }

  @Test
  void serverSettingsAreWrittenWithAnEqualsSign() {
    assertEquals("--max-sessions=N", OptionTable.byName("max-sessions").orElseThrow().synopsis());
    assertEquals("--listen HOST:PORT", OptionTable.byName("listen").orElseThrow().synopsis());
    assertEquals("-h, --help", OptionTable.byLetter('h').orElseThrow().synopsis());
  }
}
