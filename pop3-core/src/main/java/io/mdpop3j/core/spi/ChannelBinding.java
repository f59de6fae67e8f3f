package io.mdpop3j.core.spi;

import java.util.Objects;

/**
 * The channel binding a TLS connection offers SCRAM-PLUS (RFC 5929, RFC 9266): its type name as the
 * client writes it after {@code p=}, and the octets both ends must agree on.
 *
 * @param type {@code tls-server-end-point} or {@code tls-exporter}
 * @param data the binding data (the hash of the server certificate; the exported keying material)
 */
@SuppressWarnings("ArrayRecordComponent") // the accessor returns a copy; never compared
public record ChannelBinding(String type, byte[] data) {
  public ChannelBinding {
    Objects.requireNonNull(type, "type");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
