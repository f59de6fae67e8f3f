package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.UpdateResult;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one POP3 session, driven by client lines, free of sockets: each line in, one
 * {@link Response} out. Not thread-safe: one session is driven by one thread at a time.
 */
public final class ProtocolSession {

  private static final Logger log = LoggerFactory.getLogger(ProtocolSession.class);

  /** Made at the first APOP greeting: a server without APOP never pays for seeding it. */
  private static final class ApopRandom {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  private static final List<SaslMechanism> MECHANISMS = List.of(new PlainMechanism());

  /**
   * Tables by their disabled commands. Handlers hold no session state, so one table serves every
   * session of a configuration; building one per session cost each idle session a copy.
   */
  private static final Map<Set<String>, CommandTable> TABLES = new ConcurrentHashMap<>();

  private final ProtocolConfig config;
  private final Authenticator authenticator;
  private final MailStore store;
  private final SessionInfo info;
  private final CommandTable table;
  private final boolean stlsAvailable;

  private State state = State.AUTHORIZATION;
  private String pendingUser;
  private SaslMechanism.Exchange pendingSasl;
  private Mailbox mailbox;
  private List<MessageInfo> messages = List.of();
  private final BitSet deleted = new BitSet();
  private final BitSet retrieved = new BitSet();
  private int liveCount;
  private long liveBytes;
  private int failedLogins;
  private int badCommands;
  private boolean quit;
  private long bytesRetrieved;
  private int messagesRemoved;

  /**
   * A session in the AUTHORIZATION state.
   *
   * @param stlsAvailable whether STLS can be offered (TLS configured and not already active)
   */
  public ProtocolSession(
      ProtocolConfig config,
      Authenticator authenticator,
      MailStore store,
      SessionInfo info,
      boolean stlsAvailable) {
    this.config = config;
    this.authenticator = authenticator;
    this.store = store;
    this.info = info;
    this.stlsAvailable = stlsAvailable;
    this.table =
        TABLES.computeIfAbsent(
            config.disabledCommands(), disabled -> CommandTable.standard(disabled, MECHANISMS));
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
  public Response preauthenticate(Account account) {
    return Login.openMailbox(this, account);
  }

  /** Handles one line from the client (without CRLF). */
  public Response onLine(String line) {
    if (pendingSasl != null) {
      return AuthCommand.continueExchange(this, line);
    }
    int failuresBefore = failedLogins;
    CommandLine command = CommandLine.parse(line);
    CommandTable.Entry entry = table.find(command.keyword());
    Response response;
    if (entry == null) {
      response = Response.of(Reply.err("Unknown command: " + command.printableKeyword()));
    } else if (!entry.states().contains(state)) {
      response =
          Response.of(
              Reply.err(
                  command.keyword()
                      + (state == State.AUTHORIZATION
                          ? " is not allowed before login."
                          : " is not allowed after login.")));
    } else {
      response = entry.handler().handle(this, command);
    }
    return countBadCommands(response, failedLogins != failuresBefore);
  }

  /** Failed logins have their own budget; every other -ERR counts toward the bad-command one. */
  private Response countBadCommands(Response response, boolean loginFailure) {
    Reply reply = response.reply();
    if (reply.status() != Reply.Status.ERR) {
      badCommands = 0;
      return response;
    }
    if (loginFailure || response.action() == Response.Action.CLOSE) {
      return response;
    }
    badCommands++;
    if (badCommands >= config.maxBadCommands()) {
      return Response.close(Reply.err("Too many bad commands."));
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
      case "PASS":
        return command.hasArgument() ? verb + " " + HIDDEN : verb;
      case "AUTH":
      case "APOP":
        {
          String[] parts = command.argument().split(" ", 2);
          return verb
              + (command.hasArgument() ? " " + printable(parts[0]) : "")
              + (parts.length > 1 ? " " + HIDDEN : "");
        }
      default:
        return printable(line);
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
   * Opens the message a {@link Response.Action#SEND_MESSAGE} response names. The result's reply
   * replaces the response's own: it is an {@code -ERR} when the message is gone or unreadable.
   */
  public Transfer beginTransfer(Response response) {
    int index = response.messageIndex();
    try {
      return new Transfer(response.reply(), mailbox.open(index));
    } catch (MessageExpungedException e) {
      return new Transfer(Reply.err("Message " + (index + 1) + " expunged."), null);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read message {}: {}", index + 1, e.toString());
      return new Transfer(
          Reply.err(ResponseCode.SYS_TEMP, "Message " + (index + 1) + " could not be read."), null);
    }
  }

  /**
   * The reply to send and, when it is {@code +OK}, the stored bytes to stream after it (the caller
   * closes them).
   */
  public record Transfer(Reply reply, InputStream body) {}

  /** Forgets what the client said before TLS started (RFC 2595 section 4). */
  public void tlsStarted() {
    info.markSecure();
    pendingUser = null;
    pendingSasl = null;
  }

  /**
   * Records that the whole message at {@code index} was sent, its last octet written, with {@code
   * wireSize} octets (its RFC 1939 size, counted while sending): only now is it retrieved (and, at
   * QUIT or with commit-on-error, marked seen). A size that differs from the snapshot's is logged
   * and reported to the store, which may have cached a stale one.
   */
  public void retrieved(int index, long wireSize) {
    markRetrieved(index);
    bytesRetrieved += wireSize;
    long announced = messages.get(index).size();
    if (wireSize != announced && mailbox != null) {
      log.warn("message {} has wire size {} but the store said {}", index + 1, wireSize, announced);
      mailbox.sizeMismatch(index, wireSize);
    }
  }

  /**
   * Ends the session. Without QUIT nothing is deleted unless {@code commitOnError}; the mailbox is
   * released either way. Safe to call more than once.
   */
  public void end(boolean commitOnError) {
    if (mailbox == null) {
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

  ProtocolConfig config() {
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

  List<SaslMechanism> mechanisms() {
    return MECHANISMS;
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

  SaslMechanism.Exchange pendingSaslExchange() {
    return pendingSasl;
  }

  void setPendingSasl(SaslMechanism.Exchange exchange) {
    this.pendingSasl = exchange;
  }

  int recordFailedLogin() {
    return ++failedLogins;
  }

  void enterTransaction(String user, Mailbox opened, List<MessageInfo> snapshot) {
    info.setUser(user);
    this.mailbox = opened;
    this.messages = snapshot;
    this.liveCount = snapshot.size();
    long total = 0;
    for (MessageInfo m : snapshot) {
      total += m.size();
    }
    this.liveBytes = total;
    this.state = State.TRANSACTION;
  }

  int messageCount() {
    return messages.size();
  }

  MessageInfo message(int index) {
    return messages.get(index);
  }

  boolean isDeleted(int index) {
    return deleted.get(index);
  }

  void markDeleted(int index) {
    deleted.set(index);
    liveCount--;
    liveBytes -= messages.get(index).size();
  }

  void markRetrieved(int index) {
    retrieved.set(index);
  }

  void resetDeleted() {
    deleted.clear();
    liveCount = messages.size();
    long total = 0;
    for (MessageInfo m : messages) {
      total += m.size();
    }
    liveBytes = total;
  }

  int liveCount() {
    return liveCount;
  }

  long liveBytes() {
    return liveBytes;
  }

  /** Runs the UPDATE state (RFC 1939 section 6). */
  UpdateResult update() throws MailStoreException {
    state = State.UPDATE;
    quit = true;
    UpdateResult result = mailbox.update(indexes(deleted), indexes(retrieved));
    messagesRemoved = deleted.cardinality() - result.notRemoved().size();
    return result;
  }

  void markQuit() {
    quit = true;
  }

  void closeMailbox() {
    if (mailbox != null) {
      try {
        mailbox.close();
      } catch (RuntimeException e) {
        log.warn("closing the mailbox failed: {}", e.toString());
      }
      mailbox = null;
    }
  }

  private static Set<Integer> indexes(BitSet bits) {
    Set<Integer> set = new HashSet<>();
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      set.add(i);
    }
    return set;
  }

  /** Figures for the end-of-session log line. */
  public Stats stats() {
    return new Stats(
        messages.size(),
        retrieved.cardinality(),
        bytesRetrieved,
        deleted.cardinality(),
        messagesRemoved,
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

  /**
   * Snapshot entries that obey RFC 1939's unique-id rule and the host's limits; the store's own
   * list when it needed no change (the common case, and 100,000 entries are worth not copying).
   */
  List<MessageInfo> checkedSnapshot(List<MessageInfo> raw) {
    List<MessageInfo> out = null;
    Set<String> seen = new HashSet<>(raw.size() * 4 / 3 + 1);
    long bytes = 0;
    for (int i = 0; i < raw.size(); i++) {
      MessageInfo m = raw.get(i);
      if (i >= config.maxMessages() || bytes + m.size() > config.maxBytes()) {
        log.info("snapshot limited to {} messages, {} octets", i, bytes);
        return List.copyOf(out != null ? out : raw.subList(0, i));
      }
      String uid = m.uniqueId();
      if (!UniqueIds.isValid(uid)) {
        String replacement = UniqueIds.digest(uid);
        log.warn("store gave an invalid unique-id; using {}", replacement);
        uid = replacement;
      }
      if (!seen.add(uid)) {
        uid = UniqueIds.digest(uid + "#" + i);
        seen.add(uid);
      }
      if (out == null && !uid.equals(m.uniqueId())) {
        out = new ArrayList<>(raw.subList(0, i));
      }
      if (out != null) {
        out.add(uid.equals(m.uniqueId()) ? m : new MessageInfo(uid, m.size()));
      }
      bytes += m.size();
    }
    return out != null ? List.copyOf(out) : raw;
  }
}
