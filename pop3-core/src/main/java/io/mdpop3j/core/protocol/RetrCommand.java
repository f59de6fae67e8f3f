package io.mdpop3j.core.protocol;

/** RETR msg (RFC 1939 section 5): the whole message follows the reply. */
final class RetrCommand implements CommandHandler {
  @Override
  public Response handle(ProtocolSession session, CommandLine command) {
    MessageNumbers.Parsed parsed = MessageNumbers.single(session, command.argument());
    if (!parsed.ok()) {
      return Response.of(parsed.error());
    }
    int index = parsed.index();
    return Response.message(Reply.ok(session.message(index).size() + " octets"), index, -1);
  }
}
