package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.SaslMechanism;

/** SCRAM-SHA-256 (RFC 7677). */
@AutoService(SaslMechanism.class)
public final class ScramSha256Sasl extends ScramSasl {
  public ScramSha256Sasl() {
    super("SHA-256", false);
  }
}
