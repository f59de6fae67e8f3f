package io.mdpop3j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Command lines (RFC 1939 section 3): a case-insensitive keyword and the rest. */
class CommandLineTest {

  @Test
  void keywordsAreCaseInsensitive() {
    assertEquals("RETR", CommandLine.parse("retr 1").keyword());
    assertEquals("RETR", CommandLine.parse("ReTr 1").keyword());
  }

  @Test
  void theArgumentIsEverythingAfterTheFirstSpace() {
    CommandLine line = CommandLine.parse("TOP 1 10");
    assertEquals("1 10", line.argument());
  }

  @Test
  void passKeepsSpacesInThePassword() {
    CommandLine line = CommandLine.parse("PASS  two  spaces ");
    assertEquals("PASS", line.keyword());
    assertEquals(" two  spaces ", line.argument());
  }

  @Test
  void aLineWithoutArgumentHasNone() {
    CommandLine line = CommandLine.parse("STAT");
    assertEquals("", line.argument());
    assertFalse(line.hasArgument());
    assertTrue(CommandLine.parse("LIST 1").hasArgument());
  }

  @Test
  void theArgumentKeepsItsCase() {
    assertEquals("Alice", CommandLine.parse("user Alice").argument());
  }

  @Test
  void printableKeywordHidesControlCharactersAndIsShort() {
    assertEquals("A?B", CommandLine.parse("a\u0001b").printableKeyword());
    assertEquals(16, CommandLine.parse("x".repeat(100)).printableKeyword().length());
  }

  @Test
  void anEmptyLineHasAnEmptyKeyword() {
    assertEquals("", CommandLine.parse("").keyword());
  }
}
