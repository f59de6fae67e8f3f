package io.mdpop3j.core.protocol;

import java.util.List;

/** STLS (RFC 2595 section 4). */
final class StlsCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    if (session.info().isSecure()) {
      return Action.send(Reply.err("TLS is already active."));
    }
    if (!session.stlsAvailable()) {
      return Action.send(Reply.err("STLS is not available."));
    }
    if (command.hasArgument()) {
      return Action.send(Reply.err("STLS takes no argument."));
    }
    return Action.startTls(Reply.ok("Begin TLS negotiation now."));
  }

  @Override
  public List<String> capabilities(ProtocolSession session) {
    return session.state() == State.AUTHORIZATION && session.stlsAvailable()
        ? List.of("STLS")
        : List.of();
  }
}
