package io.mdpop3j.core.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * A message on its way to the client: its stored bytes, how many body lines to send (TOP) or all of
 * them (RETR), and what the session does once its last octet has left the server.
 *
 * @param stored the message as stored; the connection closes it
 * @param bodyLines the body lines to send after the header, or empty for the whole message
 * @param whenSent told the RFC 1939 size of what was sent, once its last octet is written
 */
public record MessageBody(InputStream stored, OptionalLong bodyLines, LongConsumer whenSent)
    implements Closeable {

  public MessageBody {
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(bodyLines, "bodyLines");
    Objects.requireNonNull(whenSent, "whenSent");
  }

  @Override
  public void close() throws IOException {
    stored.close();
  }
}
