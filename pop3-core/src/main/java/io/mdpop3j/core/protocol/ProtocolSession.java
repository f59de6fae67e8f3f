package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.ChannelBinding;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.UpdateResult;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one POP3 session, driven by client lines, free of sockets: each line in, one
 * {@link Action} out. Not thread-safe: one session is driven by one thread at a time.
 */
public final class ProtocolSession {
  private static final Logger log = LoggerFactory.getLogger(ProtocolSession.class);

  /** Made at the first APOP greeting: a server without APOP never pays for seeding it. */
  private static final class ApopRandom {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  private final ProtocolSettings config;
  private final Authenticator authenticator;
  private final MailStore store;
  private final SessionInfo info;
  private final CommandTable table;
  private final boolean stlsAvailable;

  private State state = State.AUTHORIZATION;
  private String pendingUser;
  private SaslContinuation pendingSasl;
  private List<ChannelBinding> channelBindings = List.of();
  private final MailboxView view = new MailboxView();
  private int failedLogins;
  private int badCommands;
  private boolean quit;
  private boolean notABadCommand;

  /**
   * A session in the AUTHORIZATION state.
   *
   * @param commands the commands this server answers, made once per server: handlers hold no
   *     session state
   * @param stlsAvailable whether STLS can be offered (TLS configured and not already active)
   */
  public ProtocolSession(
      ProtocolSettings config,
      CommandTable commands,
      Authenticator authenticator,
      MailStore store,
      SessionInfo info,
      boolean stlsAvailable) {
    this.config = config;
    this.authenticator = authenticator;
    this.store = store;
    this.info = info;
    this.stlsAvailable = stlsAvailable;
    this.table = commands;
  }

  /** The greeting (RFC 1939 section 4), with an APOP timestamp when APOP can succeed. */
  public Reply greeting() {
    if (apopOffered()) {
      byte[] random = new byte[12];
      ApopRandom.INSTANCE.nextBytes(random);
      String timestamp =
          "<" + HexFormat.of().formatHex(random) + "." + info.id() + "@" + config.apopHost() + ">";
      info.setApopTimestamp(timestamp);
      return Reply.ok(config.greeting() + " " + timestamp);
    }
    return Reply.ok(config.greeting());
  }

  /**
   * Starts directly in TRANSACTION for an already authenticated {@code account} (pre-authenticated
   * mode, as qmail-pop3d after checkpassword). Returns the reply to send in place of a greeting.
   */
  public Action preauthenticate(Account account) {
    return Login.openMailbox(this, account);
  }

  /** Handles one line from the client (without CRLF). */
  public Action onLine(String line) {
    int failuresBefore = failedLogins;
    notABadCommand = false;
    if (pendingSasl != null) {
      SaslContinuation continuation = pendingSasl;
      pendingSasl = null;
      Action response = continuation.onResponse(this, line);
      return countBadCommands(response, failedLogins != failuresBefore || notABadCommand);
    }
    CommandLine command = CommandLine.parse(line);
    CommandTable.Entry entry = table.find(command.keyword());
    Action response;
    if (entry == null) {
      response = Action.send(Reply.err("Unknown command: " + command.printableKeyword()));
    } else if (!entry.states().contains(state)) {
      response =
          Action.send(
              Reply.err(
                  command.keyword()
                      + (state == State.AUTHORIZATION
                          ? " is not allowed before login."
                          : " is not allowed after login.")));
    } else {
      response = entry.handler().handle(this, command);
    }
    return countBadCommands(response, failedLogins != failuresBefore || notABadCommand);
  }

  /**
   * The client sent a line longer than allowed. A SASL response (AUTH with an initial response, or
   * an answer to a challenge) fails that login, counted as one, and the session goes on; any other
   * line closes the session, since nothing else legitimately comes near the limit.
   */
  public Action lineTooLong(boolean saslLine) {
    if (saslLine && state == State.AUTHORIZATION) {
      pendingSasl = null;
      return Login.refusedUnchecked(this);
    }
    return Action.close(Reply.err("Input line too long."));
  }

  /** Whether the client's next line answers a SASL challenge. */
  public boolean awaitingSaslResponse() {
    return pendingSasl != null;
  }

  /**
   * Failed logins have their own budget, and a message the store could not open is not the client's
   * fault; every other -ERR counts toward the bad-command budget.
   */
  private Action countBadCommands(Action response, boolean notABadCommand) {
    Reply reply = response.reply();
    if (reply.status() != Reply.Status.ERR) {
      badCommands = 0;
      return response;
    }
    if (notABadCommand || response instanceof Action.Close) {
      return response;
    }
    badCommands++;
    if (badCommands >= config.maxBadCommands()) {
      return Action.close(Reply.err("Too many bad commands."));
    }
    return response;
  }

  /**
   * A line as safe to log, keyed on the command as {@link #onLine} reads it: the argument of PASS,
   * of APOP and AUTH after their first word, and every SASL response become {@code <hidden>}; an
   * unknown command shows at most its first four octets, since a client that sent {@code
   * PASS<TAB>secret} or {@code " PASS secret"} meant a password. Octets outside printable ASCII
   * become {@code ?}, so one line stays one log line. Call before {@link #onLine} with the same
   * line.
   */
  public String redact(String line) {
    if (pendingSasl != null) {
      return HIDDEN;
    }
    CommandLine command = CommandLine.parse(line);
    String keyword = command.keyword();
    if (table.find(keyword) == null) {
      String shown = printable(line.substring(0, Math.min(line.length(), 4)));
      return line.length() > 4 ? shown + " " + HIDDEN : shown;
    }
    String verb = printable(line.substring(0, keyword.length()));
    switch (keyword) {
      case "PASS" -> {
        return command.hasArgument() ? verb + " " + HIDDEN : verb;
      }
      case "AUTH", "APOP" -> {
        String[] parts = command.argument().split(" ", 2);
        return verb
            + (command.hasArgument() ? " " + printable(parts[0]) : "")
            + (parts.length > 1 ? " " + HIDDEN : "");
      }
      default -> {
        return printable(line);
      }
    }
  }

  private static final String HIDDEN = "<hidden>";

  /** {@code text} with every char outside printable ASCII (C0, DEL, C1, 8-bit) as {@code ?}. */
  private static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, '?');
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Forgets what the client said before TLS started (RFC 2595 section 4), and takes the channel
   * bindings the new TLS session offers SCRAM-PLUS.
   */
  public void tlsStarted(List<ChannelBinding> bindings) {
    channelBindings = List.copyOf(bindings);
    info.markSecure();
    pendingUser = null;
    pendingSasl = null;
  }

  /**
   * Ends the session. Without QUIT nothing is deleted unless {@code commitOnError}; the mailbox is
   * released either way. Safe to call more than once.
   */
  public void end(boolean commitOnError) {
    if (!view.isOpen()) {
      return;
    }
    try {
      if (!quit && commitOnError && state == State.TRANSACTION) {
        UpdateResult result = update();
        if (!result.complete()) {
          log.warn("commit on error left {} messages undeleted", result.notRemoved().size());
        }
      }
    } catch (MailStoreException e) {
      log.warn("commit on error failed: {}", e.getMessage(), e);
    } finally {
      closeMailbox();
    }
  }

  // --- for the command handlers ---

  ProtocolSettings config() {
    return config;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  MailStore store() {
    return store;
  }

  SessionInfo info() {
    return info;
  }

  CommandTable table() {
    return table;
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /** The user once known. */
  public Optional<String> user() {
    return info.user();
  }

  boolean stlsAvailable() {
    return stlsAvailable && !info.isSecure();
  }

  boolean apopOffered() {
    return config.apop() && authenticator.supportsApop();
  }

  boolean plaintextAllowed() {
    return !config.plaintextNeedsTls() || info.isSecure() || info.isLoopback();
  }

  String pendingUser() {
    return pendingUser;
  }

  void setPendingUser(String user) {
    this.pendingUser = user;
  }

  /** The client's next line goes to {@code continuation}: an AUTH exchange is under way. */
  void awaitSaslResponse(SaslContinuation continuation) {
    this.pendingSasl = continuation;
  }

  /** The -ERR this line gets is a login failure told late, not a bad command. */
  void loginFailureAnswered() {
    notABadCommand = true;
  }

  List<ChannelBinding> channelBindings() {
    return channelBindings;
  }

  int recordFailedLogin() {
    return ++failedLogins;
  }

  void enterTransaction(String user, Mailbox opened, List<MessageInfo> snapshot) {
    info.setUser(user);
    view.open(opened, snapshot);
    this.state = State.TRANSACTION;
  }

  /**
   * The message at {@code index} to send after {@code reply} (RETR, TOP); an {@code -ERR} in its
   * place, not counted as a bad command, when the store cannot open it.
   */
  Action openMessage(int index, Reply reply, OptionalLong bodyLines, LongConsumer whenSent) {
    Action action = view.open(index, reply, bodyLines, whenSent);
    notABadCommand = !(action instanceof Action.SendMessage);
    return action;
  }

  /** The mailbox as this session sees it; empty before TRANSACTION. */
  MailboxView mailboxView() {
    return view;
  }

  /** Runs the UPDATE state (RFC 1939 section 6). */
  UpdateResult update() throws MailStoreException {
    state = State.UPDATE;
    quit = true;
    return view.update();
  }

  void markQuit() {
    quit = true;
  }

  void closeMailbox() {
    view.close();
  }

  /** Snapshot entries checked against RFC 1939's unique-id rule and this host's limits. */
  List<MessageInfo> checkedSnapshot(List<MessageInfo> raw) {
    return MailboxView.checkedSnapshot(raw, config.maxMessages(), config.maxBytes());
  }

  /** Figures for the end-of-session log line. */
  public Stats stats() {
    return new Stats(
        view.messageCount(),
        view.retrievedCount(),
        view.bytesRetrieved(),
        view.markedDeleted(),
        view.messagesRemoved(),
        quit);
  }

  /**
   * What a session did, for its log line.
   *
   * @param messages messages in the snapshot
   * @param retrieved messages retrieved (RETR)
   * @param bytesRetrieved stored octets of the retrieved messages that were sent (before the wire
   *     encoding)
   * @param markedDeleted messages marked deleted at the end
   * @param removed messages the store removed
   * @param quit whether the client said QUIT
   */
  public record Stats(
      int messages,
      int retrieved,
      long bytesRetrieved,
      int markedDeleted,
      int removed,
      boolean quit) {}
}
