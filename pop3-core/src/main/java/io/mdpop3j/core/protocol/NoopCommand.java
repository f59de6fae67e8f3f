package io.mdpop3j.core.protocol;

/** NOOP (RFC 1939 section 5). */
final class NoopCommand implements CommandHandler {
  @Override
  public Response handle(ProtocolSession session, CommandLine command) {
    return Response.of(Reply.ok(""));
  }
}
