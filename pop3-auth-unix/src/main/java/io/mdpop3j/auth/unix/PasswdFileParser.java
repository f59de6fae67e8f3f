package io.mdpop3j.auth.unix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Parses Dovecot's passwd-file format: {@code user:password:uid:gid:(gecos):home:(shell):extra},
 * empty lines and {@code #} comments ignored, trailing fields optional, extra fields a
 * space-separated list of {@code key=value}. A malformed line is reported with its number and
 * skipped; it never stops the rest of the file from loading.
 */
final class PasswdFileParser {
  /** The users of one version of the file, and what was wrong with it. */
  record Parsed(Map<String, PasswdFileEntry> users, List<Problem> problems) {
    /** Whether some user can log in with APOP ({@code {PLAIN}} with a non-empty secret). */
    boolean hasPlainSecret() {
      return hasSecretOf(PasswordScheme.PLAIN);
    }

    /** Whether some user has a non-empty secret of {@code scheme}. */
    boolean hasSecretOf(PasswordScheme scheme) {
      return users.values().stream().anyMatch(e -> e.scheme() == scheme && !e.secret().isEmpty());
    }

    /**
     * A user whose check costs what most users' checks cost: the first user of the most common
     * {@link PasswdFileEntry#costClass()}; unknown users are checked against its secret.
     */
    Optional<PasswdFileEntry> typical() {
      Map<String, Integer> counts = new HashMap<>();
      PasswdFileEntry best = null;
      int bestCount = 0;
      for (PasswdFileEntry e : users.values()) {
        if (e.secret().isEmpty()) {
          continue;
        }
        int count = counts.merge(e.costClass(), 1, Integer::sum);
        if (count > bestCount) {
          bestCount = count;
          best = first(e.costClass());
        }
      }
      return Optional.ofNullable(best);
    }

    private PasswdFileEntry first(String costClass) {
      for (PasswdFileEntry e : users.values()) {
        if (!e.secret().isEmpty() && e.costClass().equals(costClass)) {
          return e;
        }
      }
      throw new IllegalStateException("no entry of cost class " + costClass);
    }
  }

  /** A malformed line: its number and what is wrong (never the secret). */
  record Problem(int line, String message) {
    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  private final PasswordScheme defaultScheme;
  private final Predicate<String> cryptUsable;

  /**
   * @param defaultScheme the scheme of a password field without {@code {SCHEME}}
   * @param cryptUsable whether libcrypt can check a given crypt hash
   */
  PasswdFileParser(PasswordScheme defaultScheme, Predicate<String> cryptUsable) {
    this.defaultScheme = defaultScheme;
    this.cryptUsable = cryptUsable;
  }

  Parsed parse(String content) {
    Map<String, PasswdFileEntry> users = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = content.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int number = i + 1;
      try {
        PasswdFileEntry entry = parseLine(line, number);
        PasswdFileEntry earlier = users.putIfAbsent(entry.user(), entry);
        if (earlier != null) {
          problems.add(
              new Problem(
                  number,
                  "user '" + entry.user() + "' is already defined on line " + earlier.line()));
        }
      } catch (MalformedLineException e) {
        problems.add(new Problem(number, e.getMessage()));
      }
    }
    return new Parsed(Collections.unmodifiableMap(users), List.copyOf(problems));
  }

  private PasswdFileEntry parseLine(String line, int number) throws MalformedLineException {
    // Extra fields may contain colons (userdb_mail=maildir:~/Maildir), so at most 8 fields.
    String[] f = line.split(":", 8);
    if (f.length < 2) {
      throw new MalformedLineException("expected at least user:password");
    }
    String user = f[0];
    if (user.isEmpty()) {
      throw new MalformedLineException("the user name is empty");
    }
    PasswordScheme scheme = defaultScheme;
    String secret = f[1];
    if (secret.startsWith("{")) {
      int close = secret.indexOf('}');
      if (close < 0) {
        throw new MalformedLineException("the password field opens '{' but never closes it");
      }
      String name = secret.substring(1, close);
      scheme =
          PasswordScheme.byName(name)
              .orElseThrow(
                  () ->
                      new MalformedLineException(
                          "unknown scheme {"
                              + name
                              + "}; known: "
                              + String.join(", ", PasswordScheme.names())));
      secret = secret.substring(close + 1);
    }
    Optional<String> problem = scheme.problemWith(secret);
    if (problem.isPresent()) {
      throw new MalformedLineException(problem.get());
    }
    if (scheme.isCrypt() && !secret.isEmpty() && !cryptUsable.test(secret)) {
      throw new MalformedLineException(
          "the {" + scheme.dovecotName() + "} hash is not one libcrypt can check");
    }
    OptionalInt uid = id(f, 2, "uid");
    OptionalInt gid = id(f, 3, "gid");
    Optional<String> home = field(f, 5);
    if (home.isPresent() && !home.get().startsWith("/")) {
      throw new MalformedLineException("the home directory must be an absolute path");
    }
    Map<String, String> extra = extraFields(field(f, 7).orElse(""));
    Optional<String> maildir = Optional.ofNullable(extra.get("maildir"));
    if (maildir.isPresent() && maildir.get().isEmpty()) {
      throw new MalformedLineException("maildir= needs a path");
    }
    return new PasswdFileEntry(
        user, scheme, secret, uid, gid, home, maildir, Map.copyOf(extra), number);
  }

  private static Optional<String> field(String[] f, int index) {
    return index < f.length && !f[index].isEmpty() ? Optional.of(f[index]) : Optional.empty();
  }

  private static OptionalInt id(String[] f, int index, String name) throws MalformedLineException {
    Optional<String> text = field(f, index);
    if (text.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return OptionalInt.of(value);
    } catch (NumberFormatException e) {
      throw new MalformedLineException(
          "the " + name + " '" + text.get() + "' is not a number from 0 to " + Integer.MAX_VALUE);
    }
  }

  private static Map<String, String> extraFields(String text) throws MalformedLineException {
    Map<String, String> extra = new LinkedHashMap<>();
    for (String token : text.trim().split("\\s+", 0)) {
      if (token.isEmpty()) {
        continue;
      }
      int eq = token.indexOf('=');
      String key = eq < 0 ? token : token.substring(0, eq);
      if (key.isEmpty()) {
        throw new MalformedLineException("an extra field has no name before '='");
      }
      extra.put(key, eq < 0 ? "" : token.substring(eq + 1));
    }
    return extra;
  }

  private static final class MalformedLineException extends Exception {
    MalformedLineException(String message) {
      super(message, null, false, false);
    }
  }
}
