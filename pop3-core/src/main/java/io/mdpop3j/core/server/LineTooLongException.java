package io.mdpop3j.core.server;

import java.io.IOException;

/** A client line exceeded its limit ({@link LineReader#MAX_LINE_LENGTH}, or the SASL one). */
final class LineTooLongException extends IOException {
  private final boolean sasl;

  LineTooLongException(boolean sasl) {
    super("input line too long");
    this.sasl = sasl;
  }

  /** Whether the line was a SASL response (AUTH, or an answer to a challenge). */
  boolean sasl() {
    return sasl;
  }
}
