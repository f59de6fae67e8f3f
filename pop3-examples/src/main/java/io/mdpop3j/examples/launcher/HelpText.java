package io.mdpop3j.examples.launcher;

import io.mdpop3j.examples.launcher.Option.Section;
import java.util.stream.Collectors;

/** The usage line and {@code --help}, both made from {@link OptionTable}. */
final class HelpText {

  /** Where an option's help starts; a longer synopsis puts it on a line of its own. */
  private static final int HELP_COLUMN = 32;

  private HelpText() {}

  /** The one-line usage that follows every command-line error. */
  static String usage() {
    StringBuilder s = new StringBuilder("usage: mdpop3d [-");
    listed()
        .filter(o -> o.letter() != Option.NO_LETTER && !o.takesArgument())
        .map(o -> String.valueOf(o.letter()))
        .sorted(HelpText::lowerCaseFirst)
        .forEach(s::append);
    s.append(']');
    listed()
        .filter(o -> o.letter() != Option.NO_LETTER && o.takesArgument())
        .forEach(
            o -> s.append(" [-").append(o.letter()).append(' ').append(o.argument()).append(']'));
    return s.append(" [--option[=VALUE]]...").toString();
  }

  /** The usage line, then every option by section with its line of help. */
  static String full() {
    StringBuilder s = new StringBuilder(usage()).append('\n');
    for (Section section : Section.values()) {
      String lines =
          listed()
              .filter(o -> o.section() == section)
              .map(HelpText::line)
              .collect(Collectors.joining());
      if (!lines.isEmpty()) {
        s.append('\n').append(section.title).append(":\n").append(lines);
      }
    }
    return s.append('\n')
        .append("Durations (D) are a number with ms, s (or none), m or h.\n")
        .append("Every option in detail: mdpop3d(8), docs/mdpop3d.md.\n")
        .toString();
  }

  private static String line(Option o) {
    String synopsis = "  " + o.synopsis();
    String gap =
        synopsis.length() < HELP_COLUMN
            ? " ".repeat(HELP_COLUMN - synopsis.length())
            : "\n" + " ".repeat(HELP_COLUMN);
    return synopsis + gap + o.help() + "\n";
  }

  private static java.util.stream.Stream<Option> listed() {
    return OptionTable.ALL.stream().filter(o -> o.section() != Section.INTERNAL);
  }

  /** getopt's usual order: {@code -acd...} before {@code -AV}. */
  private static int lowerCaseFirst(String a, String b) {
    boolean upperA = Character.isUpperCase(a.charAt(0));
    boolean upperB = Character.isUpperCase(b.charAt(0));
    return upperA != upperB ? (upperA ? 1 : -1) : a.compareTo(b);
  }
}
