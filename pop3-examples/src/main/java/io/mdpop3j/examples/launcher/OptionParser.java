package io.mdpop3j.examples.launcher;

import java.util.List;
import java.util.Optional;

/**
 * Reads mdpop3d's command line by {@link OptionTable}: POSIX short options as getopt(3) reads them
 * ({@code -t 60}, {@code -t60}, {@code -m.}, grouped flags {@code -qn}, {@code --} ends options)
 * and GNU-style long options ({@code --listen HOST:PORT} or {@code --listen=HOST:PORT}); a long
 * option {@code --provider.key} is a provider setting.
 */
public final class OptionParser {

  private OptionParser() {}

  /**
   * Parses {@code args}.
   *
   * @throws UsageException naming the bad option, the missing argument or the bad value
   */
  public static LaunchOptions parse(List<String> args) throws UsageException {
    OptionDraft draft = new OptionDraft();
    int i = 0;
    while (i < args.size()) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        i++;
        break;
      }
      if (arg.startsWith("--")) {
        i = longOption(args, i, draft);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        i = shortOptions(args, i, draft);
      } else {
        break;
      }
    }
    if (i < args.size()) {
      throw new UsageException("unexpected argument '" + args.get(i) + "'");
    }
    return draft.finish();
  }

  /** One word of letters; the first letter that takes an argument takes the rest, or the next. */
  private static int shortOptions(List<String> args, int i, OptionDraft draft)
      throws UsageException {
    String group = args.get(i);
    for (int k = 1; k < group.length(); k++) {
      char c = group.charAt(k);
      Option option =
          OptionTable.byLetter(c).orElseThrow(() -> new UsageException("unknown option -" + c));
      if (!option.takesArgument()) {
        option.take(draft, "-" + c, "");
        continue;
      }
      String value;
      if (k + 1 < group.length()) {
        value = group.substring(k + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException("option -" + c + " needs an argument");
      }
      option.take(draft, "-" + c, value);
      return i + 1;
    }
    return i + 1;
  }

  private static int longOption(List<String> args, int i, OptionDraft draft) throws UsageException {
    String text = args.get(i).substring(2);
    int eq = text.indexOf('=');
    String name = eq < 0 ? text : text.substring(0, eq);
    Optional<String> inline = eq < 0 ? Optional.empty() : Optional.of(text.substring(eq + 1));
    Optional<Option> option = OptionTable.byName(name);
    if (option.isEmpty() && !OptionTable.isProviderKey(name)) {
      throw new UsageException("unknown option --" + name);
    }
    if (option.isPresent() && !option.get().takesArgument()) {
      if (inline.isPresent()) {
        throw new UsageException("option --" + name + " takes no argument");
      }
      option.get().take(draft, "--" + name, "");
      return i + 1;
    }
    String value;
    int next = i + 1;
    if (inline.isPresent()) {
      value = inline.get();
    } else if (next < args.size()) {
      value = args.get(next++);
    } else {
      throw new UsageException("option --" + name + " needs an argument");
    }
    if (option.isPresent()) {
      option.get().take(draft, "--" + name, value);
    } else {
      draft.settings.put(name, value);
    }
    return next;
  }
}
