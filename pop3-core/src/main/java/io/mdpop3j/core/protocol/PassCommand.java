package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Credentials;
import java.util.Optional;

/** PASS string (RFC 1939 section 7): the rest of the line is the password, spaces and all. */
final class PassCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    if (!session.plaintextAllowed()) {
      return Action.send(Reply.err(ResponseCode.AUTH, Login.CLEARTEXT_DISALLOWED));
    }
    String user = session.pendingUser();
    if (user == null) {
      return Action.send(Reply.err("No username given."));
    }
    session.setPendingUser(null);
    Credentials.Password credentials =
        new Credentials.Password(user, command.argumentBytes(), Optional.empty());
    return Login.attempt(session, credentials);
  }
}
