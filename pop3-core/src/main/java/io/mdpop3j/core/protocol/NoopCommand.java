package io.mdpop3j.core.protocol;

/** NOOP (RFC 1939 section 5). */
final class NoopCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    return Action.send(Reply.ok(""));
  }
}
