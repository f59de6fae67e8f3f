package io.mdpop3j.core.protocol;

import java.security.SecureRandom;

/**
 * A server's random source and SCRAM secret for SASL, made at the first AUTH that needs them:
 * seeding a {@link SecureRandom} loads dozens of classes, which a one-session inetd process whose
 * client never uses AUTH should not pay for before its greeting.
 */
final class SaslSecrets {
  private volatile SecureRandom random;
  private volatile byte[] serverSecret;

  SecureRandom random() {
    SecureRandom r = random;
    if (r == null) {
      synchronized (this) {
        r = random;
        if (r == null) {
          r = new SecureRandom();
          random = r;
        }
      }
    }
    return r;
  }

  /**
   * Per server: SCRAM makes unknown users' salts from it, so they look stable but unguessable. The
   * caller must not change the array.
   */
  byte[] serverSecret() {
    byte[] s = serverSecret;
    if (s == null) {
      synchronized (this) {
        s = serverSecret;
        if (s == null) {
          s = new byte[32];
          random().nextBytes(s);
          serverSecret = s;
        }
      }
    }
    return s;
  }
}
