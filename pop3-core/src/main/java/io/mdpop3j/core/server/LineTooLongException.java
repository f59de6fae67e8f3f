package io.mdpop3j.core.server;

import java.io.IOException;

/** A client line exceeded {@link LineReader#MAX_LINE_LENGTH}. */
final class LineTooLongException extends IOException {
  LineTooLongException() {
    super("input line too long");
  }
}
