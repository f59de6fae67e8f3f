package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.server.Pop3ServerBuilder;
import java.util.function.Consumer;

/**
 * One option of mdpop3d's command line: how it is written, what it sets, and its line in {@code
 * --help}. {@link OptionTable} lists them all.
 *
 * @param section where {@code --help} and docs/mdpop3d.md list it
 * @param letter its getopt letter, or {@link #NO_LETTER}
 * @param name its long name without {@code --}, or empty
 * @param argument what its argument is called in the help ({@code timeout}, {@code HOST:PORT}),
 *     empty for a flag
 * @param help what it does, one short line
 * @param effect what giving it does to the command line being read
 */
record Option(
    Option.Section section,
    char letter,
    String name,
    String argument,
    String help,
    Option.Effect effect) {

  /** The letter of an option that has only a long name. */
  static final char NO_LETTER = 0;

  /** The groups of {@code --help}, in the order of docs/mdpop3d.md. */
  enum Section {
    LETTERS("mdpop3d's letters"),
    PLUGINS("Plug-ins and their settings"),
    SERVER("Server settings (also as --set KEY=VALUE)"),
    TLS("TLS and listeners"),
    LOGGING("Logging and the demo"),
    /** Run by bin/mdpop3d only: not in the help or the manual. */
    INTERNAL("");

    final String title;

    Section(String title) {
      this.title = title;
    }
  }

  /** What giving an option does. */
  sealed interface Effect permits Flag, Value, ServerSetting {}

  /** An option without an argument. */
  record Flag(Consumer<OptionDraft> set) implements Effect {}

  /** An option with an argument, checked as it is read. */
  record Value(ValueSetter set) implements Effect {}

  /**
   * A setting of {@link Pop3ServerBuilder}: kept under its name with the other settings ({@code
   * --set} can give it too) and applied to the builder when the server is assembled.
   */
  record ServerSetting(BuilderSetter apply) implements Effect {}

  /** Takes an option's argument into the draft. */
  @FunctionalInterface
  interface ValueSetter {
    void set(OptionDraft draft, String option, String value) throws UsageException;
  }

  /** Hands a server setting's value to the builder. */
  @FunctionalInterface
  interface BuilderSetter {
    void apply(Pop3ServerBuilder builder, String option, String value) throws UsageException;
  }

  static Option flag(
      Section section, char letter, String name, String help, Consumer<OptionDraft> set) {
    return new Option(section, letter, name, "", help, new Flag(set));
  }

  static Option letter(char letter, String argument, String help, ValueSetter set) {
    return new Option(Section.LETTERS, letter, "", argument, help, new Value(set));
  }

  static Option value(Section section, String name, String argument, String help, ValueSetter set) {
    return new Option(section, NO_LETTER, name, argument, help, new Value(set));
  }

  static Option setting(
      Section section, String name, String argument, String help, BuilderSetter apply) {
    return new Option(section, NO_LETTER, name, argument, help, new ServerSetting(apply));
  }

  boolean takesArgument() {
    return !(effect instanceof Flag);
  }

  /**
   * How the help and the manual write it: {@code -t timeout}, {@code -h, --help}, {@code --listen
   * HOST:PORT}, {@code --max-sessions=N}.
   */
  String synopsis() {
    StringBuilder s = new StringBuilder();
    if (letter != NO_LETTER) {
      s.append('-').append(letter);
      if (!argument.isEmpty()) {
        s.append(' ').append(argument);
      }
    }
    if (!name.isEmpty()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append("--").append(name);
      if (!argument.isEmpty()) {
        s.append(effect instanceof ServerSetting ? '=' : ' ').append(argument);
      }
    }
    return s.toString();
  }

  /**
   * Takes this option, written {@code spelled} ({@code -t}, {@code --listen}) for error messages,
   * with {@code value} (empty for a flag) into the draft.
   */
  void take(OptionDraft draft, String spelled, String value) throws UsageException {
    if (effect instanceof Flag f) {
      f.set().accept(draft);
    } else if (effect instanceof Value v) {
      v.set().set(draft, spelled, value);
    } else {
      draft.settings.put(name, value);
    }
  }
}
