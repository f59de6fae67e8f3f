package io.mdpop3j.core.spi;

import java.util.Objects;

/**
 * One message in a mailbox snapshot.
 *
 * @param uniqueId the RFC 1939 unique-id: 1 to 70 characters in 0x21 to 0x7E, stable across
 *     sessions (the server replaces an invalid one with a stable digest and logs it)
 * @param size the exact size in octets of the message as sent on the wire before dot-stuffing, with
 *     every line ending CRLF (RFC 1939 section 11); see {@code io.mdpop3j.core.wire.WireSize}
 */
public record MessageInfo(String uniqueId, long size) {
  public MessageInfo {
    Objects.requireNonNull(uniqueId, "uniqueId");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, was " + size);
    }
  }
}
