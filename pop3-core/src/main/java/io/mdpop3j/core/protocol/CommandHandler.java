package io.mdpop3j.core.protocol;

import java.util.List;

/** The work of one POP3 command; the state check happens before, in {@link CommandTable}. */
interface CommandHandler {

  /** Runs the command. */
  Action handle(ProtocolSession session, CommandLine command);

  /** The CAPA lines this command contributes in the session's current state (RFC 2449). */
  default List<String> capabilities(ProtocolSession session) {
    return List.of();
  }
}
