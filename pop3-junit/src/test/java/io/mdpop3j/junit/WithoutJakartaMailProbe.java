package io.mdpop3j.junit;

import io.mdpop3j.core.testing.RawClient;
import java.util.function.Supplier;

/**
 * Run by {@link WithoutJakartaMailTest} in a class loader that has no Jakarta Mail: what a test
 * suite without it does with the extension. Names no Jakarta Mail type.
 */
public final class WithoutJakartaMailProbe implements Supplier<String> {
  @Override
  public String get() {
    try {
      // What JUnit and IDEs do to extension classes: reflect over every method.
      for (Class<?> c :
          new Class<?>[] {
            Pop3Extension.class,
            MailboxMessage.class,
            RecordedSession.class,
            RunningServer.class,
            TestUsers.class,
            MailAwaits.class,
            SelfSignedTls.class
          }) {
        // Resolving every signature loads the types they name: a Jakarta one would fail here.
        if (c.getDeclaredMethods().length + c.getMethods().length == 0) {
          throw new AssertionError(c + " has no methods to resolve");
        }
      }
      Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").withTls();
      pop3.beforeEach(null);
      try {
        pop3.deliver("alice", "Subject: no jakarta\r\n\r\nx\r\n");
        pop3.awaitMessages("alice", 1, java.time.Duration.ofSeconds(5));
        try (RawClient client =
            RawClient.over(
                pop3.sslContext().getSocketFactory().createSocket("127.0.0.1", pop3.tlsPort()))) {
          client.readLine();
          client.expectOk(client.command("USER alice"));
          client.expectOk(client.command("PASS secret"));
          return client.command("STAT");
        }
      } finally {
        pop3.afterEach(null);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
