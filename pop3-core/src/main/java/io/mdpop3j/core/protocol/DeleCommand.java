package io.mdpop3j.core.protocol;

/** DELE msg (RFC 1939 section 5): marks only; removal happens in the UPDATE state. */
final class DeleCommand implements CommandHandler {
  @Override
  public Response handle(ProtocolSession session, CommandLine command) {
    MessageNumbers.Parsed parsed = MessageNumbers.single(session, command.argument());
    if (!parsed.ok()) {
      return Response.of(parsed.error());
    }
    session.markDeleted(parsed.index());
    return Response.of(Reply.ok("Marked to be deleted."));
  }
}
