package io.mdpop3j.core.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A status line, optionally followed by the lines of a multi-line reply (RFC 1939 section 3).
 *
 * @param status {@code +OK}, {@code -ERR} or a SASL continuation {@code +}
 * @param code the RFC 3206 response code of an {@code -ERR}, if any
 * @param text the text after the status (never empty for {@code -ERR})
 * @param lines the lines of a multi-line reply, without dot-stuffing; empty for single-line
 * @param multiline whether the reply is multi-line (an empty list still ends with {@code .})
 */
public record Reply(
    Status status,
    Optional<ResponseCode> code,
    String text,
    List<String> lines,
    boolean multiline) {

  /** How a reply starts. */
  public enum Status {
    OK("+OK"),
    ERR("-ERR"),
    CONTINUE("+");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    /** The status as sent. */
    public String wire() {
      return wire;
    }
  }

  public Reply {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
    lines = List.copyOf(lines);
    if (status == Status.ERR && text.isEmpty()) {
      throw new IllegalArgumentException("an -ERR reply needs a text");
    }
  }

  /** A single-line {@code +OK}. */
  public static Reply ok(String text) {
    return new Reply(Status.OK, Optional.empty(), text, List.of(), false);
  }

  /** A multi-line {@code +OK} with {@code lines}. */
  public static Reply okLines(String text, List<String> lines) {
    return new Reply(Status.OK, Optional.empty(), text, lines, true);
  }

  /** An {@code -ERR} without a response code. */
  public static Reply err(String text) {
    return new Reply(Status.ERR, Optional.empty(), text, List.of(), false);
  }

  /** An {@code -ERR} with a response code. */
  public static Reply err(ResponseCode code, String text) {
    return new Reply(Status.ERR, Optional.of(code), text, List.of(), false);
  }

  /** A SASL continuation {@code +} with a base64 challenge (RFC 5034 section 4). */
  public static Reply challenge(String base64) {
    return new Reply(Status.CONTINUE, Optional.empty(), base64, List.of(), false);
  }

  /** Whether this is {@code +OK}. */
  public boolean isOk() {
    return status == Status.OK;
  }

  /** The status line as sent, without CRLF. */
  public String statusLine() {
    StringBuilder line = new StringBuilder(status.wire());
    if (status == Status.CONTINUE) {
      return line.append(' ').append(text).toString();
    }
    code.ifPresent(c -> line.append(" [").append(c.wire()).append(']'));
    if (!text.isEmpty()) {
      line.append(' ').append(text);
    }
    return line.toString();
  }
}
