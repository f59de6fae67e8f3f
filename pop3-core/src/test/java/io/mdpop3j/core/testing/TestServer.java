package io.mdpop3j.core.testing;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.EndReason;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.server.SessionListener;
import io.mdpop3j.core.server.SessionStats;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A running {@link Pop3Server} on 127.0.0.1 and a free port, with the memory plug-ins (user {@code
 * alice}, password {@code secret}) and a listener that records what sessions did.
 */
public final class TestServer implements AutoCloseable {

  /** One ended session as the listener saw it. */
  public record Ended(Session session, EndReason reason, SessionStats stats) {}

  public final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "secret");
  public final MemoryMailStore store = new MemoryMailStore();
  public final List<String> commands = new CopyOnWriteArrayList<>();
  public final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
  public final Pop3Server server;

  private TestServer(MailStore mailStore, UnaryOperator<Pop3ServerBuilder> customize)
      throws IOException {
    SessionListener listener =
        new SessionListener() {
          @Override
          public void commandReceived(Session session, String redactedLine) {
            commands.add(redactedLine);
          }

          @Override
          public void sessionEnded(Session session, EndReason reason, SessionStats stats) {
            ended.add(new Ended(session, reason, stats));
          }
        };
    Pop3ServerBuilder builder =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(auth)
            .mailStore(mailStore == null ? store : mailStore)
            .authFailureDelay(Duration.ZERO)
            // Tests fail logins from 127.0.0.1 on purpose; LoginPenaltyTest covers the penalty.
            .loginPenalty(false)
            .listener(listener);
    this.server = customize.apply(builder).build();
    server.start();
  }

  /** A server with the memory store and default settings. */
  public static TestServer start() throws IOException {
    return new TestServer(null, b -> b);
  }

  /** A server with the memory store and the builder adjusted by {@code customize}. */
  public static TestServer start(UnaryOperator<Pop3ServerBuilder> customize) throws IOException {
    return new TestServer(null, customize);
  }

  /** A server over another mail store. */
  public static TestServer over(MailStore store, UnaryOperator<Pop3ServerBuilder> customize)
      throws IOException {
    return new TestServer(store, customize);
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  /** Waits up to 10 s for the next session to end. */
  public Ended awaitEnd() throws InterruptedException {
    Ended e = ended.poll(10, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no session ended within 10 s");
    }
    return e;
  }

  @Override
  public void close() {
    server.close();
  }
}
