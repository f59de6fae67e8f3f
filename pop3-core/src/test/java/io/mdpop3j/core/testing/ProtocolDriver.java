package io.mdpop3j.core.testing;

import io.mdpop3j.core.protocol.Action;
import io.mdpop3j.core.protocol.CommandTable;
import io.mdpop3j.core.protocol.MessageBody;
import io.mdpop3j.core.protocol.ProtocolSession;
import io.mdpop3j.core.protocol.ProtocolSettings;
import io.mdpop3j.core.protocol.Reply;
import io.mdpop3j.core.protocol.SessionInfo;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.wire.WireSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Drives a {@link ProtocolSession} line by line without a network, as the server would. */
public final class ProtocolDriver {
  /** The APOP host part every test config uses. */
  public static final String APOP_HOST = "pop.test";

  private static int sessions;

  private final ProtocolSession session;
  private final SessionInfo info;
  private Action last;

  private ProtocolDriver(
      ProtocolSettings config, Authenticator auth, MailStore store, boolean local) {
    this(config, CommandTable.standard(config.disabledCommands()), auth, store, local);
  }

  private ProtocolDriver(
      ProtocolSettings config,
      CommandTable commands,
      Authenticator auth,
      MailStore store,
      boolean local) {
    InetAddress address = local ? InetAddress.getLoopbackAddress() : documentationAddress();
    this.info =
        new SessionInfo(
            "t" + ++sessions,
            Optional.of(new InetSocketAddress(address, 40000)),
            Optional.empty(),
            false,
            Map.of());
    this.session = new ProtocolSession(config, commands, auth, store, info, false);
  }

  private static InetAddress documentationAddress() {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A session from 127.0.0.1 with {@link #config()}. */
  public static ProtocolDriver of(Authenticator auth, MailStore store) {
    return new ProtocolDriver(config(), auth, store, true);
  }

  /** A session from 127.0.0.1 with the given config. */
  public static ProtocolDriver of(ProtocolSettings config, Authenticator auth, MailStore store) {
    return new ProtocolDriver(config, auth, store, true);
  }

  /** A session from 127.0.0.1 with {@link #config()} and the given command table. */
  public static ProtocolDriver of(CommandTable commands, Authenticator auth, MailStore store) {
    return new ProtocolDriver(config(), commands, auth, store, true);
  }

  /** A session from a non-loopback address (192.0.2.7) with the given config and table. */
  public static ProtocolDriver remote(
      ProtocolSettings config, CommandTable commands, Authenticator auth, MailStore store) {
    return new ProtocolDriver(config, commands, auth, store, false);
  }

  /** A session from a non-loopback address (192.0.2.7) with the given config. */
  public static ProtocolDriver remote(
      ProtocolSettings config, Authenticator auth, MailStore store) {
    return new ProtocolDriver(config, auth, store, false);
  }

  /** APOP off, no delays, default limits, nothing disabled, plaintext allowed. */
  public static ProtocolSettings config() {
    return config(false, false, Set.of(), Integer.MAX_VALUE);
  }

  /** A config with the given switches; the rest as {@link #config()}. */
  public static ProtocolSettings config(
      boolean apop, boolean plaintextNeedsTls, Set<String> disabled, int maxMessages) {
    return new ProtocolSettings(
        "ready.",
        apop,
        APOP_HOST,
        Optional.of("mdpop3j"),
        ProtocolSettings.DEFAULT_MAX_FAILED_LOGINS,
        1000,
        Duration.ZERO,
        plaintextNeedsTls,
        disabled,
        maxMessages,
        Long.MAX_VALUE,
        io.mdpop3j.core.protocol.LoginThrottle.NONE,
        false);
  }

  /** The session under test. */
  public ProtocolSession session() {
    return session;
  }

  /** The session as plug-ins see it. */
  public SessionInfo info() {
    return info;
  }

  /** The greeting's status line. */
  public String greeting() {
    return session.greeting().statusLine();
  }

  /** Sends {@code line}; returns the status line of the reply. */
  public String send(String line) {
    last = session.onLine(line);
    return last.reply().statusLine();
  }

  /** The full response to the last {@link #send}. */
  public Action lastResponse() {
    return last;
  }

  /** Sends {@code line}; returns the lines of the multi-line reply (fails if single-line). */
  public List<String> lines(String line) {
    send(line);
    Reply reply = last.reply();
    if (!reply.multiline()) {
      throw new AssertionError("expected a multi-line reply to " + line + ", got " + reply);
    }
    return reply.lines();
  }

  /** Logs in with USER/PASS and fails unless it worked. */
  public ProtocolDriver login(String user, String password) {
    greeting();
    expectOk(send("USER " + user));
    expectOk(send("PASS " + password));
    return this;
  }

  /**
   * Sends RETR or TOP and returns the status line followed by CRLF and the message in wire form
   * (with {@code .CRLF}), as a client would read it.
   */
  public String fetch(String line) {
    send(line);
    String status = last.reply().statusLine();
    if (!(last instanceof Action.SendMessage message)) {
      return status;
    }
    MessageBody body = message.body();
    try (body) {
      byte[] bytes = body.stored().readAllBytes();
      String wire = WireForm.text(WireForm.encodeTop(bytes, List.of(), body.bodyLines()));
      // The last octet reached the client: the session hears of it as from the server.
      body.whenSent().accept(WireSize.of(bytes));
      return status + "\r\n" + wire;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void expectOk(String status) {
    if (!status.startsWith("+OK")) {
      throw new AssertionError("expected +OK, got " + status);
    }
  }
}
