package io.mdpop3j.core.protocol;

/** LIST [msg] (RFC 1939 section 5): message numbers and their wire sizes. */
final class ListCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    return MessageNumbers.listing(
        session,
        command.argument(),
        session.mailboxView().liveCount() + " messages:",
        i -> Long.toString(session.mailboxView().message(i).size()));
  }
}
