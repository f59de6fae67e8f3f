package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.testing.RawClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the time to a failed login's answer tells a client: nothing about the user (every failure is
 * answered one deadline after its check began), and, under the per-address penalty, nothing fast to
 * an address that keeps failing.
 */
class FailedLoginTimingTest {

  private static final Duration DELAY = Duration.ofMillis(250);
  private static final int SAMPLES = 9;

  /** "slow" costs its check 120 ms, as a yescrypt entry does next to an unknown user's. */
  private final Authenticator uneven =
      (session, credentials) -> {
        if (credentials.user().equals("slow")) {
          sleep(120);
        }
        return AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, "no");
      };

  @Test
  void failuresAreAnsweredOneDeadlineAfterTheCheckBeganHoweverLongTheCheckTook() throws Exception {
    try (Pop3Server server =
        Servers.plain(uneven, new MemoryMailStore()).authFailureDelay(DELAY).build()) {
      server.start();
      long[] fast = new long[SAMPLES];
      long[] slow = new long[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        // Interleaved, so drift in the machine's load touches both alike.
        fast[i] = failedLoginMillis(server.port(), "nobody");
        slow[i] = failedLoginMillis(server.port(), "slow");
      }

      long difference = Math.abs(median(slow) - median(fast));
      assertTrue(median(fast) >= DELAY.toMillis() - 5, "median " + median(fast));
      assertTrue(
          difference < 40,
          "medians differ by "
              + difference
              + " ms: fast "
              + Arrays.toString(fast)
              + ", slow "
              + Arrays.toString(slow));
    }
  }

  @Test
  void anAddressThatKeepsFailingGetsItsAnswersOneAtATimeAndOthersDoNot() throws Exception {
    MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "secret");
    try (Pop3Server server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(auth)
            .mailStore(new MemoryMailStore())
            .authFailureDelay(Duration.ZERO)
            .build()) {
      server.start();
      for (int i = 0; i < 3; i++) {
        failedLoginMillis(server.port(), "alice");
      }

      // Four guesses in parallel from the same address: answered 0.25 s apart.
      long start = System.nanoTime();
      List<CompletableFuture<Long>> guesses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        guesses.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return failedLoginMillis(server.port(), "alice");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
      }
      CompletableFuture.allOf(guesses.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      long all = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      // Another client address (127.0.0.2 is loopback too on Linux) is not slowed.
      long other;
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress("127.0.0.2", 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        RawClient c = RawClient.over(s);
        c.readLine();
        c.command("USER alice");
        long t = System.nanoTime();
        assertEquals("+OK Logged in.", c.command("PASS secret"));
        other = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
      }

      assertTrue(all >= 700, "four parallel guesses were answered within " + all + " ms");
      assertTrue(other < 500, "another address waited " + other + " ms");
    }
  }

  /** Connects, fails one USER/PASS login as {@code user}, and returns how long PASS took. */
  private static long failedLoginMillis(int port, String user) throws Exception {
    try (RawClient c = RawClient.connect(port)) {
      c.readLine();
      c.command("USER " + user);
      long start = System.nanoTime();
      String reply = c.command("PASS wrong");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(reply.startsWith("-ERR"), reply);
      return millis;
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
