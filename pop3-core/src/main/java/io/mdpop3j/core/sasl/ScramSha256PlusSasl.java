package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.SaslMechanism;

/** SCRAM-SHA-256-PLUS (RFC 7677, with channel binding). */
@AutoService(SaslMechanism.class)
public final class ScramSha256PlusSasl extends ScramSasl {
  public ScramSha256PlusSasl() {
    super("SHA-256", true);
  }
}
