package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs concurrently (see junit-platform.properties): every repetition has its own server, and at
 * least three of them are up at the same moment, on distinct ports, each seeing only its own mail.
 */
class ParallelRunTest {

  private static final int TOGETHER = 3;
  private static final CountDownLatch allUp = new CountDownLatch(TOGETHER);
  private static final Set<Integer> portsUpTogether = ConcurrentHashMap.newKeySet();

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

  @RepeatedTest(TOGETHER)
  void concurrentServersDoNotClash() throws Exception {
    String id = pop3.deliver("alice", TestMessages.text("parallel", "x"));
    portsUpTogether.add(pop3.port());
    allUp.countDown();
    assertTrue(
        allUp.await(60, TimeUnit.SECONDS),
        "the other repetitions never ran at the same time; is parallel execution on?");
    assertEquals(TOGETHER, portsUpTogether.size());

    String uidl;
    try (RawClient client = RawClient.login(pop3.port(), "alice", "secret")) {
      uidl = client.command("UIDL 1");
      client.expectOk(client.command("DELE 1"));
      client.expectOk(client.command("QUIT"));
    }
    pop3.awaitSessionEnd(Duration.ofSeconds(10));

    assertEquals("+OK 1 " + id, uidl);
    assertEquals(java.util.List.of(id), pop3.deleted("alice"));
    assertTrue(pop3.mailbox("alice").isEmpty());
  }
}
