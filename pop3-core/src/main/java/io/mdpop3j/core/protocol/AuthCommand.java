package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslMechanism;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH mechanism [initial-response] (RFC 5034): runs a {@link SaslMechanism} exchange, has the
 * authenticator (or the bearer-token validator) check what it yields, and logs in.
 */
final class AuthCommand implements CommandHandler {

  private static final Logger log = LoggerFactory.getLogger(AuthCommand.class);

  private final List<SaslMechanism> mechanisms;
  private final Optional<BearerTokenValidator> validator;
  private final boolean plusMechanisms;
  private final SaslSecrets secrets = new SaslSecrets();

  AuthCommand(List<SaslMechanism> mechanisms, Optional<BearerTokenValidator> validator) {
    this.mechanisms = List.copyOf(mechanisms);
    this.validator = validator;
    this.plusMechanisms = mechanisms.stream().anyMatch(m -> m.name().endsWith("-PLUS"));
  }

  @Override
  public Action handle(ProtocolSession session, CommandLine command) {
    String[] tokens = MessageNumbers.tokens(command.argument());
    SessionSaslContext context = context(session);
    if (tokens.length == 0) {
      // Not in RFC 5034, but widely used by clients to discover mechanisms.
      return Action.send(Reply.okLines("", names(offered(session, context))));
    }
    if (tokens.length > 2) {
      return Action.send(Reply.err("AUTH takes a mechanism and at most one initial response."));
    }
    SaslMechanism mechanism = find(tokens[0], context);
    if (mechanism == null) {
      return Action.send(Reply.err("Unsupported authentication mechanism."));
    }
    if (mechanism.sendsReusableSecret() && !session.plaintextAllowed()) {
      return Action.send(Reply.err(ResponseCode.AUTH, Login.CLEARTEXT_DISALLOWED));
    }
    SaslMechanism.Exchange exchange = mechanism.begin(context);
    if (tokens.length == 1) {
      return next(session, mechanism, exchange, exchange.start());
    }
    // RFC 5034 section 4: "=" is an initial response of zero length.
    byte[] initial = tokens[1].equals("=") ? new byte[0] : decode(tokens[1]);
    if (initial == null) {
      return Action.send(Reply.err("Invalid base64 data in initial response."));
    }
    return next(session, mechanism, exchange, exchange.step(initial));
  }

  private SessionSaslContext context(ProtocolSession session) {
    return new SessionSaslContext(session, validator.isPresent(), plusMechanisms, secrets);
  }

  private Action next(
      ProtocolSession session,
      SaslMechanism mechanism,
      SaslMechanism.Exchange exchange,
      SaslMechanism.Step step) {
    if (step instanceof SaslMechanism.Challenge challenge) {
      session.awaitSaslResponse((s, line) -> respond(s, mechanism, exchange, line));
      return Action.send(Reply.challenge(Base64.getEncoder().encodeToString(challenge.data())));
    }
    if (step instanceof SaslMechanism.Complete complete) {
      return complete(session, mechanism, exchange, complete.credentials());
    }
    log.info("{} exchange failed: {}", mechanism.name(), ((SaslMechanism.Failed) step).reason());
    return withFailureChallenge(session, exchange, Login.refusedUnchecked(session));
  }

  /** The client's answer to a challenge. */
  private Action respond(
      ProtocolSession session,
      SaslMechanism mechanism,
      SaslMechanism.Exchange exchange,
      String line) {
    if (line.equals("*")) {
      // RFC 5034 section 4: the client cancels the exchange.
      return Action.send(Reply.err("Authentication aborted."));
    }
    byte[] response = decode(line);
    if (response == null) {
      return Action.send(Reply.err("Invalid base64 data in continued response."));
    }
    return next(session, mechanism, exchange, exchange.step(response));
  }

  /** The mechanism yielded credentials: check them and log in. */
  private Action complete(
      ProtocolSession session,
      SaslMechanism mechanism,
      SaslMechanism.Exchange exchange,
      Credentials credentials) {
    if (credentials instanceof Credentials.BearerToken token
        && !session.authenticator().accepts().contains(CredentialType.BEARER_TOKEN)) {
      Optional<Credentials> verified = checkToken(session, mechanism, token);
      if (verified == null) {
        return Action.send(Reply.err(ResponseCode.SYS_TEMP, "Temporary authentication failure."));
      }
      if (verified.isEmpty()) {
        return withFailureChallenge(session, exchange, Login.refusedUnchecked(session));
      }
      credentials = verified.get();
    }
    Optional<byte[]> successData = exchange.successData();
    Action result =
        Login.attempt(
            session,
            credentials,
            account ->
                successData.isPresent()
                    ? finalChallenge(session, successData.get(), account)
                    : Login.openMailbox(session, account));
    return result.reply().isOk() || result instanceof Action.Close
        ? result
        : withFailureChallenge(session, exchange, result);
  }

  /**
   * The token's user as {@link Credentials.Verified}; empty when the token is refused; null when it
   * cannot be checked now.
   */
  private Optional<Credentials> checkToken(
      ProtocolSession session, SaslMechanism mechanism, Credentials.BearerToken token) {
    BearerTokenValidator.TokenCheck check;
    try {
      check = validator.orElseThrow().check(session.info(), token.token(), token.user());
    } catch (RuntimeException e) {
      log.error("bearer-token validator failed", e);
      return null;
    }
    if (check instanceof BearerTokenValidator.Valid valid) {
      return Optional.of(new Credentials.Verified(valid.user(), mechanism.name()));
    }
    if (check instanceof BearerTokenValidator.Invalid invalid) {
      log.info(
          "{} token refused for user {}: {}",
          mechanism.name(),
          Login.printable(token.user()),
          invalid.reason());
      return Optional.empty();
    }
    log.warn(
        "{} token could not be checked: {}",
        mechanism.name(),
        ((BearerTokenValidator.Unavailable) check).reason());
    return null;
  }

  /**
   * RFC 5034 section 4: data with success goes out as a last challenge; the client's empty answer
   * gets {@code +OK}, and only then is the mailbox opened.
   */
  private static Action finalChallenge(
      ProtocolSession session, byte[] data, io.mdpop3j.core.spi.Account account) {
    session.awaitSaslResponse(
        (s, line) ->
            line.isEmpty() || line.equals("=")
                ? Login.openMailbox(s, account)
                : Action.send(Reply.err("Authentication aborted.")));
    return Action.send(Reply.challenge(Base64.getEncoder().encodeToString(data)));
  }

  /**
   * A failed login, preceded by the mechanism's failure challenge when it has one (OAUTHBEARER's
   * JSON error, RFC 7628 section 3.2.2): the challenge goes out when the failure would, and the
   * client's reply to it, whatever it is, gets the failure.
   */
  private static Action withFailureChallenge(
      ProtocolSession session, SaslMechanism.Exchange exchange, Action failure) {
    Optional<byte[]> challenge = exchange.failureChallenge();
    if (challenge.isEmpty() || failure instanceof Action.Close) {
      return failure;
    }
    session.awaitSaslResponse(
        (s, line) -> {
          s.loginFailureAnswered();
          return Action.send(failure.reply());
        });
    return new Action.Send(
        Reply.challenge(Base64.getEncoder().encodeToString(challenge.get())), failure.delay());
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private SaslMechanism find(String name, SessionSaslContext context) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (SaslMechanism m : mechanisms) {
      if (m.name().equals(upper)) {
        return m.availableFor(context) ? m : null;
      }
    }
    return null;
  }

  /** The mechanisms this session may use now, in the server's order. */
  private List<SaslMechanism> offered(ProtocolSession session, SessionSaslContext context) {
    List<SaslMechanism> offered = new ArrayList<>();
    for (SaslMechanism m : mechanisms) {
      if (m.availableFor(context) && (!m.sendsReusableSecret() || session.plaintextAllowed())) {
        offered.add(m);
      }
    }
    return offered;
  }

  private static List<String> names(List<SaslMechanism> list) {
    List<String> names = new ArrayList<>(list.size());
    for (SaslMechanism m : list) {
      names.add(m.name());
    }
    return names;
  }

  @Override
  public List<String> capabilities(ProtocolSession session) {
    if (session.state() != State.AUTHORIZATION) {
      return List.of();
    }
    List<String> names = names(offered(session, context(session)));
    return names.isEmpty() ? List.of() : List.of("SASL " + String.join(" ", names));
  }
}
