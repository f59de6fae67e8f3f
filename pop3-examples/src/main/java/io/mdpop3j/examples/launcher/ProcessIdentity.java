package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** The process's effective user id, read from /proc without native code (before any login). */
final class ProcessIdentity {

  private ProcessIdentity() {}

  /** The effective uid from {@code /proc/self/status}, empty when /proc cannot tell. */
  static OptionalInt effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return OptionalInt.of(Integer.parseInt(ids[1]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no /proc: the caller decides.
    }
    return OptionalInt.empty();
  }
}
