package io.mdpop3j.core.protocol;

import java.util.List;

/** UIDL [msg] (RFC 1939 section 7). */
final class UidlCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    return MessageNumbers.listing(
        session, command.argument(), "", i -> session.mailboxView().message(i).uniqueId());
  }

  @Override
  public List<String> capabilities(ProtocolSession session) {
    return List.of("UIDL");
  }
}
