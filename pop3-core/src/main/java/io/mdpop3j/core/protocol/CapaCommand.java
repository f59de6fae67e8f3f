package io.mdpop3j.core.protocol;

import java.util.ArrayList;
import java.util.List;

/** CAPA (RFC 2449 section 5): what this session can do now, as each command reports it. */
final class CapaCommand implements CommandHandler {
  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    List<String> lines = new ArrayList<>(session.table().capabilities(session));
    session.config().implementation().ifPresent(text -> lines.add("IMPLEMENTATION " + text));
    return Action.send(Reply.okLines("Capability list follows", lines));
  }

  @Override
  public List<String> capabilities(ProtocolSession session) {
    // The engine's own abilities: RFC 2449 response codes, RFC 3206 AUTH codes, and pipelining.
    return List.of("CAPA", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING");
  }
}
