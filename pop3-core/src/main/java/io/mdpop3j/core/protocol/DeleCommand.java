package io.mdpop3j.core.protocol;

/** DELE msg (RFC 1939 section 5): marks only; removal happens in the UPDATE state. */
final class DeleCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    MessageNumbers.Parsed parsed = MessageNumbers.single(session, command.argument());
    if (!parsed.ok()) {
      return Action.send(parsed.error());
    }
    session.mailboxView().markDeleted(parsed.index());
    return Action.send(Reply.ok("Marked to be deleted."));
  }
}
