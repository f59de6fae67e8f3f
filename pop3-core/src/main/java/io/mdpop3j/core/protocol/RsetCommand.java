package io.mdpop3j.core.protocol;

/** RSET (RFC 1939 section 5): unmarks deleted messages; the snapshot is not re-read. */
final class RsetCommand implements CommandHandler {
  @Override
  public Response handle(ProtocolSession session, CommandLine command) {
    session.resetDeleted();
    return Response.of(
        Reply.ok(
            "Maildrop has "
                + session.liveCount()
                + " messages ("
                + session.liveBytes()
                + " octets)."));
  }
}
