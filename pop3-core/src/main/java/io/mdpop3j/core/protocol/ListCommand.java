package io.mdpop3j.core.protocol;

import java.util.ArrayList;
import java.util.List;

/** LIST [msg] (RFC 1939 section 5). */
final class ListCommand implements CommandHandler {
  @Override
  public Response handle(ProtocolSession session, CommandLine command) {
    String[] tokens = MessageNumbers.tokens(command.argument());
    if (tokens.length == 0) {
      List<String> lines = new ArrayList<>(session.liveCount());
      for (int i = 0; i < session.messageCount(); i++) {
        if (!session.isDeleted(i)) {
          lines.add((i + 1) + " " + session.message(i).size());
        }
      }
      return Response.of(Reply.okLines(session.liveCount() + " messages:", lines));
    }
    if (tokens.length > 1) {
      return Response.of(
          Reply.err("Noise after message number: " + MessageNumbers.printable(tokens[1])));
    }
    MessageNumbers.Parsed parsed = MessageNumbers.existing(session, tokens[0]);
    if (!parsed.ok()) {
      return Response.of(parsed.error());
    }
    return Response.of(
        Reply.ok((parsed.index() + 1) + " " + session.message(parsed.index()).size()));
  }
}
