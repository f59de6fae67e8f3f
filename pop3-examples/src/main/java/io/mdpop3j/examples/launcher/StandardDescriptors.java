package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the process's standard descriptors are, read from {@code /proc/self/fd} without native code.
 * Classic inetd passes the client's socket as fd 0, 1 and 2: then nothing but protocol bytes may be
 * written to any of them.
 */
final class StandardDescriptors {

  private StandardDescriptors() {}

  /** Whether descriptor {@code fd} is a socket. */
  static boolean isSocket(int fd) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd))
          .toString()
          .startsWith("socket:");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Silences {@code System.err} (and {@code System.out}) when they lead to a socket, so a stray
   * stack trace or warning can never reach the client. Returns whether stderr is usable.
   */
  static boolean protectSockets() {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    boolean errUsable = !isSocket(2);
    if (!errUsable) {
      System.setErr(nowhere);
    }
    if (isSocket(1)) {
      System.setOut(nowhere);
    }
    return errUsable;
  }
}
