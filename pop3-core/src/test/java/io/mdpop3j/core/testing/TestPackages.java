package io.mdpop3j.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The table {@code tools/test-packages}: each Debian package the tests use and what shows that it
 * is installed (a command on {@code PATH} or a file). {@code tools/run-tests} installs the same
 * list, so a test can name only packages that a fresh machine gets.
 */
public final class TestPackages {
  static final String TABLE = "tools/test-packages";

  private static volatile Map<String, String> probes;

  private TestPackages() {}

  /**
   * Fails with one line naming every package of {@code packages} that is not installed.
   *
   * @throws Missing if one is missing, or is not in the table at all
   */
  public static void require(String... packages) {
    require(table(), packages);
  }

  static void require(Map<String, String> table, String... packages) {
    List<String> missing = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (String name : packages) {
      String probe = table.get(name);
      if (probe == null) {
        throw new Missing(name + " is not listed in " + TABLE + "; add it there with its probe");
      }
      if (!present(probe)) {
        missing.add(name);
        why.add(probe + " not found");
      }
    }
    if (!missing.isEmpty()) {
      throw new Missing(
          "missing Debian package "
              + String.join(", ", missing)
              + " ("
              + String.join(", ", why)
              + "): run tools/run-tests as root, or apt-get install "
              + String.join(" ", missing));
    }
  }

  /** The table's package names and probes, read once from the checkout this test runs in. */
  static Map<String, String> table() {
    Map<String, String> t = probes;
    if (t == null) {
      t = parse(findTable());
      probes = t;
    }
    return t;
  }

  static Map<String, String> parse(Path table) {
    Map<String, String> t = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(table)) {
        String[] words = line.strip().split("\\s+", 2);
        if (!line.isBlank() && !line.startsWith("#")) {
          t.put(words[0], words[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return t;
  }

  /** Whether a probe ({@code command NAME} or {@code file PATH}) finds its command or file. */
  static boolean present(String probe) {
    String[] kind = probe.split("\\s+", 2);
    return switch (kind[0]) {
      case "command" -> onPath(kind[1]);
      case "file" -> fileExists(kind[1]);
      default -> throw new IllegalArgumentException("unknown probe in " + TABLE + ": " + probe);
    };
  }

  private static boolean onPath(String command) {
    for (String dir :
        System.getenv().getOrDefault("PATH", "").split(Pattern.quote(File.pathSeparator), 0)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static boolean fileExists(String pattern) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return Files.exists(Path.of(pattern));
    }
    Path parent = Path.of(pattern.substring(0, star));
    String rest = pattern.substring(star + 1);
    if (!Files.isDirectory(parent)) {
      return false;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent)) {
      for (Path dir : dirs) {
        if (Files.exists(Path.of(dir + rest))) {
          return true;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }

  /** The table in this checkout: tests run in a module directory, below the project's root. */
  private static Path findTable() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(TABLE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new Missing(TABLE + " not found in " + Path.of("").toAbsolutePath() + " or above");
  }

  /**
   * A package a test needs is not installed. It carries no stack trace: the one line says all, and
   * the report shows it as the test's only error.
   */
  public static final class Missing extends AssertionError {
    private static final long serialVersionUID = 1L;

    Missing(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
