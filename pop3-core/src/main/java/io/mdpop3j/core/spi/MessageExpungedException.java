package io.mdpop3j.core.spi;

import java.io.IOException;

/** The message was removed by another program after the snapshot was taken. */
public class MessageExpungedException extends IOException {
  /** Creates the exception for the message at {@code index} (0-based) in the snapshot. */
  public MessageExpungedException(int index) {
    super("message at index " + index + " no longer exists");
  }
}
