package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * SASL LOGIN (draft-murchison-sasl-login): the user name, then the password, each asked for with a
 * challenge; a client may send the user name as its initial response (curl does).
 */
@AutoService(SaslMechanism.class)
public final class LoginSasl implements SaslMechanism {

  static final byte[] USER_NAME = "Username:".getBytes(StandardCharsets.US_ASCII);
  static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String name() {
    return "LOGIN";
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
    return new Exchange() {
      private String user;

      @Override
      public Step start() {
        return new Challenge(USER_NAME);
      }

      @Override
      public Step step(byte[] response) {
        if (user == null) {
          user = new String(response, StandardCharsets.UTF_8);
          return new Challenge(PASSWORD);
        }
        Credentials.Password credentials =
            new Credentials.Password(user, response, Optional.empty());
        Arrays.fill(response, (byte) 0);
        return new Complete(credentials);
      }
    };
  }
}
