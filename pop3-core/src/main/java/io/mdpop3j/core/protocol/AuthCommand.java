package io.mdpop3j.core.protocol;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** AUTH mechanism [initial-response] (RFC 5034). */
final class AuthCommand implements CommandHandler {

  private final List<SaslMechanism> mechanisms;

  AuthCommand(List<SaslMechanism> mechanisms) {
    this.mechanisms = List.copyOf(mechanisms);
  }

  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    String[] tokens = MessageNumbers.tokens(command.argument());
    if (tokens.length == 0) {
      // Not in RFC 5034, but widely used by clients to discover mechanisms.
      return Action.send(Reply.okLines("", usable(session)));
    }
    if (tokens.length > 2) {
      return Action.send(Reply.err("AUTH takes a mechanism and at most one initial response."));
    }
    SaslMechanism mechanism = find(tokens[0]);
    if (mechanism == null) {
      return Action.send(Reply.err("Unsupported authentication mechanism."));
    }
    if (mechanism.isPlaintext() && !session.plaintextAllowed()) {
      return Action.send(Reply.err(ResponseCode.AUTH, Login.CLEARTEXT_DISALLOWED));
    }
    SaslMechanism.Exchange exchange = mechanism.begin();
    if (tokens.length == 1) {
      session.setPendingSasl(exchange);
      return Action.send(Reply.challenge(""));
    }
    // RFC 5034 section 4: "=" is an initial response of zero length.
    byte[] initial = tokens[1].equals("=") ? new byte[0] : decode(tokens[1]);
    if (initial == null) {
      return Action.send(Reply.err("Invalid base64 data in initial response."));
    }
    return next(session, exchange, exchange.step(initial));
  }

  /** The client's answer to a challenge. */
  static Action continueExchange(ProtocolSession session, String line) {
    SaslMechanism.Exchange exchange = session.pendingSaslExchange();
    session.setPendingSasl(null);
    if (line.equals("*")) {
      return Action.send(Reply.err("Authentication aborted."));
    }
    byte[] response = decode(line);
    if (response == null) {
      return Action.send(Reply.err("Invalid base64 data in continued response."));
    }
    return next(session, exchange, exchange.step(response));
  }

  private static Action next(
      ProtocolSession session, SaslMechanism.Exchange exchange, SaslMechanism.Step step) {
    if (step instanceof SaslMechanism.Challenge challenge) {
      session.setPendingSasl(exchange);
      return Action.send(Reply.challenge(Base64.getEncoder().encodeToString(challenge.data())));
    }
    if (step instanceof SaslMechanism.Complete complete) {
      return Login.attempt(session, complete.credentials());
    }
    return Login.refusedUnchecked(session);
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private SaslMechanism find(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (SaslMechanism m : mechanisms) {
      if (m.name().equals(upper)) {
        return m;
      }
    }
    return null;
  }

  private List<String> usable(ProtocolSession session) {
    List<String> names = new ArrayList<>();
    for (SaslMechanism m : mechanisms) {
      if (!m.isPlaintext() || session.plaintextAllowed()) {
        names.add(m.name());
      }
    }
    return names;
  }

  @Override
  public List<String> capabilities(ProtocolSession session) {
    List<String> names = usable(session);
    if (session.state() != State.AUTHORIZATION || names.isEmpty()) {
      return List.of();
    }
    return List.of("SASL " + String.join(" ", names));
  }
}
