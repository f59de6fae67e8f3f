package io.mdpop3j.core.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.TestServer;
import io.mdpop3j.core.wire.WireSize;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A client that goes away in the middle of a RETR: nothing is deleted, the server goes on. */
class DisconnectMidRetrTest {
  @Test
  void aClientGoneMidRetrDeletesNothingAndTheNextClientIsServed() throws Exception {
    try (TestServer server = TestServer.start()) {
      byte[] large = new byte[16 * 1024 * 1024];
      Arrays.fill(large, (byte) 'x');
      for (int i = 100; i < large.length; i += 100) {
        large[i] = '\n';
      }
      server.store.deliver("alice", large);
      server.store.deliver("alice", "Subject: small\n\nhi\n".getBytes(UTF_8));

      RawClient gone = RawClient.login(server.port(), "alice", "secret");
      assertEquals("+OK Marked to be deleted.", gone.command("DELE 2"));
      assertEquals("+OK " + WireSize.of(large) + " octets", gone.command("RETR 1"));
      InputStream in = gone.socket().getInputStream();
      byte[] some = new byte[64 * 1024];
      in.readNBytes(some, 0, some.length);
      gone.socket().setSoLinger(true, 0); // reset, as a crashed client would
      gone.close();

      TestServer.Ended end = server.awaitEnd();
      assertEquals(EndReason.DISCONNECTED, end.reason());
      assertNotEquals(0, end.stats().markedDeleted());
      assertEquals(0, end.stats().removed());
      assertEquals(2, server.store.messages("alice").size(), "nothing deleted without QUIT");

      try (RawClient next = RawClient.login(server.port(), "alice", "secret")) {
        assertEquals("+OK 2 " + (WireSize.of(large) + 22), next.command("STAT"));
        assertEquals("+OK 22 octets", next.command("RETR 2"));
        assertEquals(3, next.readBody().size());
        assertEquals("+OK Logging out.", next.command("QUIT"));
      }
    }
  }
}
