package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/** The process's effective user id, read from /proc without native code (before any login). */
final class ProcessIdentity {
  private ProcessIdentity() {}

  /** The effective uid from {@code /proc/self/status}, empty when /proc cannot tell. */
  static OptionalInt effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          List<String> ids = List.of(line.substring(4).trim().split("\\s+", 0));
          return OptionalInt.of(Integer.parseInt(ids.get(1)));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no /proc: the caller decides.
    }
    return OptionalInt.empty();
  }
}
