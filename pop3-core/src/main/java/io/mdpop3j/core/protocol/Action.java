package io.mdpop3j.core.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does after one client line, decided entirely by the command's handler: send a
 * reply; send a reply and then a message body; send a reply and start TLS; or send a reply and
 * close. The connection only carries it out.
 */
public sealed interface Action {

  /** The reply sent first. */
  Reply reply();

  /** How long to wait before the reply goes out: failed logins are answered late. */
  default Duration delay() {
    return Duration.ZERO;
  }

  /** Just a reply; the next command is read after it. */
  record Send(Reply reply, Duration delay) implements Action {
    public Send {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(delay, "delay");
    }
  }

  /** A {@code +OK} reply followed by a message in wire form, ending with {@code .} CRLF. */
  record SendMessage(Reply reply, MessageBody body) implements Action {
    public SendMessage {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(body, "body");
    }
  }

  /** A reply, then the TLS handshake (RFC 2595 section 4). */
  record StartTls(Reply reply) implements Action {
    public StartTls {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /** A reply, then the connection is closed. */
  record Close(Reply reply, Duration delay) implements Action {
    public Close {
      Objects.requireNonNull(reply, "reply");
      Objects.requireNonNull(delay, "delay");
    }
  }

  /** Just {@code reply}. */
  static Action send(Reply reply) {
    return new Send(reply, Duration.ZERO);
  }

  /** {@code reply}, then close. */
  static Action close(Reply reply) {
    return new Close(reply, Duration.ZERO);
  }

  /** {@code reply}, then {@code body}. */
  static Action sendMessage(Reply reply, MessageBody body) {
    return new SendMessage(reply, body);
  }

  /** {@code reply}, then the TLS handshake. */
  static Action startTls(Reply reply) {
    return new StartTls(reply);
  }

  /**
   * This action with its reply sent after {@code wait}; only a plain reply or a close can wait, as
   * only logins are delayed.
   */
  default Action delayedBy(Duration wait) {
    if (this instanceof Send s) {
      return new Send(s.reply(), wait);
    }
    if (this instanceof Close c) {
      return new Close(c.reply(), wait);
    }
    throw new IllegalStateException("only a reply or a close can be delayed, not " + this);
  }
}
