package io.mdpop3j.core.protocol;

import java.util.List;
import java.util.OptionalLong;

/** TOP msg n (RFC 1939 section 7): the header, the blank line and n body lines. */
final class TopCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    String[] tokens = MessageNumbers.tokens(command.argument());
    if (tokens.length < 2) {
      return Action.send(Reply.err("TOP needs a message number and a number of lines."));
    }
    if (tokens.length > 2) {
      return Action.send(
          Reply.err("Noise after number of lines: " + MessageNumbers.printable(tokens[2])));
    }
    MessageNumbers.Parsed parsed = MessageNumbers.existing(session, tokens[0]);
    if (!parsed.ok()) {
      return Action.send(parsed.error());
    }
    long lines = MessageNumbers.parseNumber(tokens[1]);
    if (lines < 0) {
      return Action.send(
          Reply.err("Invalid number of lines: " + MessageNumbers.printable(tokens[1])));
    }
    return session.openMessage(
        parsed.index(), Reply.ok(""), OptionalLong.of(lines), wireSize -> {});
  }

  @Override
  public List<String> capabilities(ProtocolSession session) {
    return List.of("TOP");
  }
}
