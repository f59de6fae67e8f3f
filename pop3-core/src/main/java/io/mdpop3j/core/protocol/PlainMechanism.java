package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** SASL PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd}. */
public final class PlainMechanism implements SaslMechanism {

  @Override
  public String name() {
    return "PLAIN";
  }

  @Override
  public boolean isPlaintext() {
    return true;
  }

  @Override
  public Exchange begin() {
    return PlainMechanism::decode;
  }

  private static Step decode(byte[] message) {
    int first = indexOf(message, 0);
    int second = first < 0 ? -1 : indexOf(message, first + 1);
    if (second < 0 || indexOf(message, second + 1) >= 0) {
      return new Failed("PLAIN response is not authzid NUL authcid NUL passwd");
    }
    String authzid = new String(message, 0, first, StandardCharsets.UTF_8);
    String authcid = new String(message, first + 1, second - first - 1, StandardCharsets.UTF_8);
    byte[] password = Arrays.copyOfRange(message, second + 1, message.length);
    Arrays.fill(message, (byte) 0);
    Credentials.Password credentials =
        new Credentials.Password(
            authcid,
            password,
            authzid.isEmpty() || authzid.equals(authcid) ? Optional.empty() : Optional.of(authzid));
    Arrays.fill(password, (byte) 0);
    return new Complete(credentials);
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
