package io.mdpop3j.core.protocol;

/** DELE msg (RFC 1939 section 5): marks only; removal happens in the UPDATE state. */
final class DeleCommand implements CommandHandler {
  @Override
  public Response handle(ProtocolSession session, CommandLine command) {
    String[] tokens = MessageNumbers.tokens(command.argument());
    if (tokens.length > 1) {
      return Response.of(
          Reply.err("Noise after message number: " + MessageNumbers.printable(tokens[1])));
    }
    MessageNumbers.Parsed parsed =
        MessageNumbers.existing(session, tokens.length == 0 ? "" : tokens[0]);
    if (!parsed.ok()) {
      return Response.of(parsed.error());
    }
    session.markDeleted(parsed.index());
    return Response.of(Reply.ok("Marked to be deleted."));
  }
}
