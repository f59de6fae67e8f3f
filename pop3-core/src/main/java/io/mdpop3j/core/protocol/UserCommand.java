package io.mdpop3j.core.protocol;

import io.mdpop3j.core.wire.UserNames;
import java.util.List;

/** USER name (RFC 1939 section 7). */
final class UserCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    if (!session.plaintextAllowed()) {
      return Action.send(Reply.err(ResponseCode.AUTH, Login.CLEARTEXT_DISALLOWED));
    }
    if (!command.hasArgument()) {
      return Action.send(Reply.err("USER needs a user name."));
    }
    String user = command.argumentText();
    if (!UserNames.isAcceptable(user)) {
      return Action.send(Reply.err(ResponseCode.AUTH, "Invalid user name."));
    }
    session.setPendingUser(user);
    return Action.send(Reply.ok(""));
  }

  @Override
  public List<String> capabilities(ProtocolSession session) {
    return session.state() == State.AUTHORIZATION && session.plaintextAllowed()
        ? List.of("USER")
        : List.of();
  }
}
