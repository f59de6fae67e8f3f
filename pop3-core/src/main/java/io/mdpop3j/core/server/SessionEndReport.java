package io.mdpop3j.core.server;

import io.mdpop3j.core.protocol.ProtocolSession;
import io.mdpop3j.core.spi.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of a session told to whoever listens: the log line and the {@link SessionListener}. */
final class SessionEndReport {

  private static final Logger log = LoggerFactory.getLogger("io.mdpop3j.session");

  private SessionEndReport() {}

  /** Reports the end of {@code session} (null when it never started) for {@code reason}. */
  static void send(
      SessionSettings settings, Session info, ProtocolSession session, EndReason reason) {
    SessionStats stats = session == null ? SessionStats.NONE : statsOf(session);
    if (!settings.quiet()) {
      log.info(
          "disconnect ({}): user={} messages={} retrieved={} octets={} deleted={}/{}",
          reason,
          session != null ? session.user().orElse("-") : "-",
          stats.messages(),
          stats.retrieved(),
          stats.bytesRetrieved(),
          stats.removed(),
          stats.markedDeleted());
    }
    if (settings.listener() != null && info != null) {
      try {
        settings.listener().sessionEnded(info, reason, stats);
      } catch (RuntimeException e) {
        log.warn("session listener failed", e);
      }
    }
  }

  private static SessionStats statsOf(ProtocolSession session) {
    ProtocolSession.Stats s = session.stats();
    return new SessionStats(
        s.messages(), s.retrieved(), s.bytesRetrieved(), s.markedDeleted(), s.removed(), s.quit());
  }
}
