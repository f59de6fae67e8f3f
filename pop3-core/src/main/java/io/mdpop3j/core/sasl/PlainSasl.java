package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** SASL PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd} in one message. */
@AutoService(SaslMechanism.class)
public final class PlainSasl implements SaslMechanism {

  @Override
  public String name() {
    return "PLAIN";
  }

  @Override
  public boolean availableFor(SaslContext context) {
    return context.accepted().contains(CredentialType.PASSWORD);
  }

  @Override
  public boolean sendsReusableSecret() {
    return true;
  }

  @Override
  public Exchange begin(SaslContext context) {
    return PlainSasl::decode;
  }

  private static Step decode(byte[] message) {
    int first = indexOfNul(message, 0);
    int second = first < 0 ? -1 : indexOfNul(message, first + 1);
    if (second < 0 || indexOfNul(message, second + 1) >= 0) {
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

  static int indexOfNul(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
