package io.mdpop3j.core.sasl;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.SaslMechanism;

/** SCRAM-SHA-1-PLUS (RFC 5802, with channel binding). */
@AutoService(SaslMechanism.class)
public final class ScramSha1PlusSasl extends ScramSasl {
  public ScramSha1PlusSasl() {
    super("SHA-1", true);
  }
}
