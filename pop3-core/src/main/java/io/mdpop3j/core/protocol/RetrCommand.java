package io.mdpop3j.core.protocol;

/** RETR msg (RFC 1939 section 5): the whole message follows the reply. */
final class RetrCommand implements CommandHandler {
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
    int index = parsed.index();
    return Response.message(Reply.ok(session.message(index).size() + " octets"), index, -1);
  }
}
