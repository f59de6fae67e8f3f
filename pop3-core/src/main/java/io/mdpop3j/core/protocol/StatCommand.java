package io.mdpop3j.core.protocol;

/** STAT (RFC 1939 section 5): count and octets of the messages not marked deleted. */
final class StatCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    return Action.send(
        Reply.ok(session.mailboxView().liveCount() + " " + session.mailboxView().liveBytes()));
  }
}
