package io.mdpop3j.core.protocol;

import java.util.OptionalLong;

/** RETR msg (RFC 1939 section 5): the whole message follows the reply. */
final class RetrCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    MessageNumbers.Parsed parsed = MessageNumbers.single(session, command.argument());
    if (!parsed.ok()) {
      return Action.send(parsed.error());
    }
    int index = parsed.index();
    // Retrieved (and so marked seen at QUIT) only once the last octet has left the server.
    return session.openMessage(
        index,
        Reply.ok(session.mailboxView().message(index).size() + " octets"),
        OptionalLong.empty(),
        wireSize -> session.mailboxView().retrieved(index, wireSize));
  }
}
