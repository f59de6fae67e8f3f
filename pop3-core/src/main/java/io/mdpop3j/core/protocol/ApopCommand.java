package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Credentials;

/** APOP name digest (RFC 1939 section 7). */
final class ApopCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    if (!session.apopOffered() || session.info().apopTimestamp().isEmpty()) {
      return Action.send(Reply.err("APOP is not available."));
    }
    String[] tokens = MessageNumbers.tokens(command.argumentText());
    if (tokens.length != 2) {
      return Action.send(Reply.err("APOP needs a user name and a digest."));
    }
    if (!isDigest(tokens[1])) {
      // Not a digest at all: refused like a wrong one, without asking the authenticator.
      return Login.refusedUnchecked(session);
    }
    return Login.attempt(
        session, new Credentials.Apop(tokens[0], tokens[1], session.info().apopTimestamp().get()));
  }

  /** Exactly 32 hexadecimal digits. */
  static boolean isDigest(String text) {
    if (text.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }
}
