package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.spi.UpdateResult;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.wire.WireSize;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The wire size is counted while sending, and a store that announced another one is told. */
class SizeMismatchTest {

  private static final byte[] MESSAGE =
      "Subject: x\n\n.dot line\nbody\n".getBytes(StandardCharsets.US_ASCII);

  /** Announces 999 octets for message 1 and the right size for message 2. */
  private static final class LyingStore implements MailStore {
    final Map<Integer, Long> reported = new ConcurrentHashMap<>();

    @Override
    public Mailbox open(Session session, Account account) {
      return new Mailbox() {
        @Override
        public List<MessageInfo> messages() {
          return List.of(new MessageInfo("a", 999), new MessageInfo("b", WireSize.of(MESSAGE)));
        }

        @Override
        public InputStream open(int index) {
          return new ByteArrayInputStream(MESSAGE);
        }

        @Override
        public void sizeMismatch(int index, long actualSize) {
          reported.put(index, actualSize);
        }

        @Override
        public UpdateResult update(Set<Integer> deleted, Set<Integer> retrieved) {
          return UpdateResult.allRemoved();
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void retrReportsTheCountedWireSizeWhenTheStoreAnnouncedAnother() throws Exception {
    LyingStore store = new LyingStore();
    try (Pop3Server server =
        Pop3Server.builder()
            .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
            .mailStore(store)
            .authFailureDelay(Duration.ZERO)
            .build()) {
      server.start();
      try (RawClient c = RawClient.login(server.port(), "alice", "secret")) {
        c.expectOk(c.command("TOP 1 0"));
        c.readRawBody();
        assertEquals(Map.of(), store.reported, "TOP sends part of a message: no verdict");

        c.expectOk(c.command("RETR 2"));
        c.readRawBody();
        assertEquals(Map.of(), store.reported, "a right size is not reported");

        assertEquals("+OK 999 octets", c.command("RETR 1"));
        c.readRawBody();
        c.expectOk(c.command("NOOP"));
        assertEquals(Map.of(0, WireSize.of(MESSAGE)), store.reported);
      }
    }
  }
}
