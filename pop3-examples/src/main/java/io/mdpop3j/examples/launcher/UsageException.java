package io.mdpop3j.examples.launcher;

/** A command line that cannot be run: a bad option, a missing argument or an unknown provider. */
public final class UsageException extends Exception {

  /** An error whose message names what was wrong, as one line. */
  public UsageException(String message) {
    super(message);
  }
}
