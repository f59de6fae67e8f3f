package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Session;
import java.time.Duration;

/**
 * Slows the logins of a client that failed before, across its sessions (Dovecot's auth penalty):
 * consulted when a login attempt starts, told when one fails.
 */
public interface LoginThrottle {

  /** No penalty for anyone. */
  LoginThrottle NONE =
      new LoginThrottle() {
        @Override
        public Admission admit(Session session) {
          return Admission.NOW;
        }

        @Override
        public void failed(Session session) {}
      };

  /**
   * What a login attempt starting now may do: be answered no sooner than {@code delay} from now, or
   * be refused unchecked because the client's penalty is longer than the throttle lets one wait.
   */
  record Admission(Duration delay, boolean refused) {
    /** No wait. */
    public static final Admission NOW = new Admission(Duration.ZERO, false);
  }

  /** Called as a login attempt of {@code session} starts, before its credentials are checked. */
  Admission admit(Session session);

  /** Called when a login attempt of {@code session} failed for bad credentials. */
  void failed(Session session);
}
