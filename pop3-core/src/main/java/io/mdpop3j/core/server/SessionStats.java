package io.mdpop3j.core.server;

/**
 * What one session did, as its end-of-session log line and {@link SessionListener} report it.
 *
 * @param messages messages in the snapshot taken at login
 * @param retrieved messages retrieved (RETR), each counted once its last octet was sent
 * @param bytesRetrieved RFC 1939 octets of the retrieved messages that were sent
 * @param markedDeleted messages marked deleted at the end
 * @param removed messages the store removed
 * @param quit whether the client said QUIT
 */
public record SessionStats(
    int messages,
    int retrieved,
    long bytesRetrieved,
    int markedDeleted,
    int removed,
    boolean quit) {

  /** A session that never reached its mailbox. */
  public static final SessionStats NONE = new SessionStats(0, 0, 0, 0, 0, false);
}
