package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.mdpop3j.examples.launcher.Option.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The option table is the one list of options; the guide (docs/mdpop3d.md) and the manual page
 * (docs/mdpop3d.8) must name every option in it, and no option that is not.
 */
class OptionDocsTest {
  private static final Pattern LONG = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9.-]*[a-z0-9])");
  private static final Pattern LETTER = Pattern.compile("(?<![\\w-])-([a-zA-Z])(?![\\w-])");
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  @Test
  void guideTablesNameEveryOptionOfTheTable() throws IOException {
    assertEquals(Set.of(), missing(guideTableOptions()), "options missing from docs/mdpop3d.md");
  }

  @Test
  void guideTablesNameNoOptionOutsideTheTable() throws IOException {
    assertEquals(Set.of(), unknown(guideTableOptions()), "docs/mdpop3d.md names unknown options");
  }

  @Test
  void manualPageHasAParagraphForEveryOptionOfTheTable() throws IOException {
    assertEquals(Set.of(), missing(manualOptions()), "options missing from docs/mdpop3d.8");
  }

  @Test
  void manualPageNamesNoOptionOutsideTheTable() throws IOException {
    assertEquals(Set.of(), unknown(manualOptions()), "docs/mdpop3d.8 names unknown options");
  }

  /** Every option as written ({@code -t}, {@code --listen}), internal ones left out. */
  private static Set<String> tableOptions() {
    Set<String> all = new TreeSet<>();
    for (Option o : OptionTable.ALL) {
      if (o.section() == Section.INTERNAL) {
        continue;
      }
      if (o.letter() != Option.NO_LETTER) {
        all.add("-" + o.letter());
      }
      if (!o.name().isEmpty()) {
        all.add("--" + o.name());
      }
    }
    return all;
  }

  private static Set<String> missing(Set<String> documented) {
    Set<String> missing = tableOptions();
    missing.removeAll(documented);
    return missing;
  }

  private static Set<String> unknown(Set<String> documented) {
    Set<String> unknown = new TreeSet<>(documented);
    for (Option o : OptionTable.ALL) {
      unknown.remove("-" + o.letter());
      unknown.remove("--" + o.name());
    }
    return unknown;
  }

  /** The options in the first column of the tables of the guide's Options section. */
  private static Set<String> guideTableOptions() throws IOException {
    Set<String> found = new TreeSet<>();
    for (String row : section(read("mdpop3d.md"), "## Options", "## ")) {
      if (!row.startsWith("| `")) {
        continue;
      }
      String firstCell = row.split("(?<!\\\\)\\|", 0)[1];
      Matcher code = CODE.matcher(firstCell);
      while (code.find()) {
        found.addAll(options(code.group(1)));
      }
    }
    return found;
  }

  /** The options in the tags of the manual page's OPTIONS section (the line after each .TP). */
  private static Set<String> manualOptions() throws IOException {
    Set<String> found = new TreeSet<>();
    List<String> lines = section(read("mdpop3d.8"), ".SH OPTIONS", ".SH ");
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).equals(".TP")) {
        String tag = lines.get(i + 1).replace("\\-", "-").replaceAll("\\\\f[BIRP]|\\\\[&%]", "");
        found.addAll(options(tag));
      }
    }
    return found;
  }

  private static Set<String> options(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = LONG.matcher(text);
    while (m.find()) {
      found.add("--" + m.group(1));
    }
    m = LETTER.matcher(text);
    while (m.find()) {
      found.add("-" + m.group(1));
    }
    return found;
  }

  /** The lines from the one equal to {@code heading} to the next that starts with {@code next}. */
  private static List<String> section(List<String> lines, String heading, String next) {
    int start = lines.indexOf(heading);
    if (start < 0) {
      throw new AssertionError("no line '" + heading + "'");
    }
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith(next)) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  private static List<String> read(String name) throws IOException {
    String docs = System.getProperty("mdpop3d.docs");
    assertNotNull(docs, "run through Maven: mdpop3d.docs");
    return Files.readAllLines(Path.of(docs, name), StandardCharsets.UTF_8);
  }
}
