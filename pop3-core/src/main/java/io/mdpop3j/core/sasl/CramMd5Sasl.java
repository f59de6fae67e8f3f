package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * SASL CRAM-MD5 (RFC 2195): the server sends a unique challenge, the client answers with its user
 * name and the HMAC-MD5 of the challenge keyed with the shared secret. The secret never crosses the
 * wire, but the server must hold it (or its HMAC context).
 */
@AutoService(SaslMechanism.class)
public final class CramMd5Sasl implements SaslMechanism {

  @Override
  public String name() {
    return "CRAM-MD5";
  }

  @Override
  public boolean availableFor(SaslContext context) {
    return context.accepted().contains(CredentialType.CRAM_MD5);
  }

  @Override
  public boolean sendsReusableSecret() {
    return false;
  }

  @Override
  public Exchange begin(SaslContext context) {
    byte[] random = new byte[12];
    context.random().nextBytes(random);
    // RFC 2195 section 2: a msg-id, <unique@host>.
    String challenge = "<" + HexFormat.of().formatHex(random) + "@" + context.hostName() + ">";
    return new Exchange() {
      private boolean sent;

      @Override
      public Step start() {
        sent = true;
        return new Challenge(challenge.getBytes(StandardCharsets.US_ASCII));
      }

      @Override
      public Step step(byte[] response) {
        if (!sent) {
          return new Failed("CRAM-MD5 takes no initial response: the server speaks first");
        }
        String text = new String(response, StandardCharsets.UTF_8);
        int space = text.lastIndexOf(' ');
        if (space <= 0 || !text.substring(space + 1).matches("[0-9a-fA-F]{32}")) {
          return new Failed("CRAM-MD5 response is not 'user digest'");
        }
        return new Complete(
            new Credentials.CramMd5(
                text.substring(0, space), challenge, text.substring(space + 1)));
      }
    };
  }
}
