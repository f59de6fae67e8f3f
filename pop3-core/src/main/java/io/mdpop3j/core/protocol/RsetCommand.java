package io.mdpop3j.core.protocol;

/** RSET (RFC 1939 section 5): unmarks deleted messages; the snapshot is not re-read. */
final class RsetCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    session.mailboxView().resetDeleted();
    return Action.send(
        Reply.ok(
            "Maildrop has "
                + session.mailboxView().liveCount()
                + " messages ("
                + session.mailboxView().liveBytes()
                + " octets)."));
  }
}
