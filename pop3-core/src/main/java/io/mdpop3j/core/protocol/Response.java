package io.mdpop3j.core.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server must do after one client line: send a reply, then maybe stream a message, start
 * TLS or close.
 *
 * @param reply the reply to send first
 * @param action what follows the reply
 * @param messageIndex for {@link Action#SEND_MESSAGE}, the 0-based index of the message
 * @param topLines for {@link Action#SEND_MESSAGE}, the body lines to send, or -1 for all
 * @param delay how long to wait before sending the reply (failed logins)
 */
public record Response(
    Reply reply, Action action, int messageIndex, long topLines, Duration delay) {

  /** What follows the reply. */
  public enum Action {
    /** Nothing; read the next command. */
    NONE,
    /** Stream the message (or its top) in wire form, ending with {@code .} CRLF. */
    SEND_MESSAGE,
    /** Start the TLS handshake (RFC 2595 section 4). */
    START_TLS,
    /** Close the connection. */
    CLOSE
  }

  public Response {
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(delay, "delay");
  }

  /** Just a reply. */
  public static Response of(Reply reply) {
    return new Response(reply, Action.NONE, -1, -1, Duration.ZERO);
  }

  /** A reply, then close. */
  public static Response close(Reply reply) {
    return new Response(reply, Action.CLOSE, -1, -1, Duration.ZERO);
  }

  /** A reply, then the message at {@code index}, whole ({@code topLines} -1) or its top. */
  public static Response message(Reply reply, int index, long topLines) {
    return new Response(reply, Action.SEND_MESSAGE, index, topLines, Duration.ZERO);
  }

  /** A reply, then the TLS handshake. */
  public static Response startTls(Reply reply) {
    return new Response(reply, Action.START_TLS, -1, -1, Duration.ZERO);
  }

  /** This response, sent after {@code wait}. */
  public Response delayedBy(Duration wait) {
    return new Response(reply, action, messageIndex, topLines, wait);
  }
}
