package io.mdpop3j.core.protocol;

/** STAT (RFC 1939 section 5): count and octets of the messages not marked deleted. */
final class StatCommand implements CommandHandler {
  @Override
  public Response handle(ProtocolSession session, CommandLine command) {
    return Response.of(Reply.ok(session.liveCount() + " " + session.liveBytes()));
  }
}
