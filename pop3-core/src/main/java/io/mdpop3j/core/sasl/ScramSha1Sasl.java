package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.SaslMechanism;

/** SCRAM-SHA-1 (RFC 5802). */
@AutoService(SaslMechanism.class)
public final class ScramSha1Sasl extends ScramSasl {
  public ScramSha1Sasl() {
    super("SHA-1", false);
  }
}
