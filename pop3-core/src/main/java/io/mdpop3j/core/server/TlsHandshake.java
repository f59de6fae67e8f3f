package io.mdpop3j.core.server;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one TLS handshake (implicit TLS, or after STLS), bounded as a whole by the
 * login timeout: the socket timeout bounds each read only, and the watchdog the whole handshake, so
 * a client dribbling its handshake one octet at a time cannot hold the session.
 */
final class TlsHandshake {

  private static final Logger log = LoggerFactory.getLogger("io.mdpop3j.session");

  private TlsHandshake() {}

  /** The TLS transport over {@code plain}, or null when the handshake failed (logged). */
  static Transport perform(
      Transport plain, TlsPolicy tls, Duration timeout, SessionDeadlines deadlines) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    deadlines.handshakeStarted(System.nanoTime());
    try {
      return plain.startTls(tls, Math.max(1, millis));
    } catch (IOException e) {
      log.info("TLS handshake failed: {}", e.getMessage());
      return null;
    } finally {
      deadlines.handshakeEnded();
    }
  }
}
