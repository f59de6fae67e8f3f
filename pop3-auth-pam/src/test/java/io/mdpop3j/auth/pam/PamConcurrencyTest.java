package io.mdpop3j.auth.pam;

import static io.mdpop3j.auth.pam.PamAuthenticatorTest.failure;
import static io.mdpop3j.auth.pam.PamAuthenticatorTest.login;
import static io.mdpop3j.auth.pam.PamAuthenticatorTest.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.testing.RequiresPackages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many sessions at once, and a slow PAM call in one session beside a quick one in another. */
@RequiresPackages({"libpam-wrapper", "libpam-modules"})
class PamConcurrencyTest {
  private record Case(String user, String password, boolean accepted) {}

  private static final List<Case> CASES =
      List.of(
          new Case("alice", "alice-secret", true),
          new Case("alice", "bob-secret", false),
          new Case("bob", "b0b s3cret ünïcode", true),
          new Case("bob", "alice-secret", false),
          new Case("carol", "carol-secret", false),
          new Case("mallory", "x", false),
          new Case("nobody", "nobody-secret", true));

  @Test
  void manyThreadsLoggingInAtOnceGetNoWrongAnswer() throws Exception {
    PamAuthenticator pam =
        PamAuthenticator.create(PamWrapper.settings("pop3-test", Map.of("threads", "8")));
    int clients = 24;
    int loginsEach = 40;
    AtomicInteger wrong = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService sessions = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int offset = c;
        futures.add(
            sessions.submit(
                () -> {
                  for (int i = 0; i < loginsEach; i++) {
                    Case k = CASES.get((offset + i) % CASES.size());
                    AuthResult result = login(pam, k.user(), k.password());
                    boolean right =
                        k.accepted()
                            ? result instanceof AuthResult.Success success
                                && success.account().user().equals(k.user())
                            : result instanceof AuthResult.Failure failure
                                && failure.reason() == AuthResult.Reason.BAD_CREDENTIALS;
                    if (!right) {
                      wrong.incrementAndGet();
                    }
                    done.incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      sessions.shutdownNow();
    }

    assertEquals(clients * loginsEach, done.get());
    assertEquals(0, wrong.get(), "wrong answers");
  }

  @Test
  void failureDelayOfOneSessionDoesNotDelayAnother() throws Exception {
    PamAuthenticator pam =
        PamAuthenticator.create(PamWrapper.settings("pop3-test-slow", Map.of("threads", "4")));

    CompletableFuture<Duration> slow = CompletableFuture.supplyAsync(() -> timedWrongLogin(pam));
    Thread.sleep(200);
    long start = System.nanoTime();
    success(login(pam, "alice", "alice-secret"));
    Duration quick = Duration.ofNanos(System.nanoTime() - start);

    // libpam randomises the delay (0.75 to 2.25 s here); the order, not a clock bound, shows it.
    assertTrue(
        !slow.isDone(), "the right password waited for the wrong one: " + quick.toMillis() + " ms");
    assertTrue(slow.get().toMillis() >= 500, "the delay happened: " + slow.get().toMillis());
  }

  @Test
  void onePamThreadQueuesTheSecondLoginBehindTheDelay() throws Exception {
    // The contrast that shows the test above measures something: with one PAM thread, it waits.
    PamAuthenticator pam =
        PamAuthenticator.create(PamWrapper.settings("pop3-test-slow", Map.of("threads", "1")));

    CompletableFuture<Duration> slow = CompletableFuture.supplyAsync(() -> timedWrongLogin(pam));
    Thread.sleep(200);
    long start = System.nanoTime();
    success(login(pam, "alice", "alice-secret"));
    Duration queued = Duration.ofNanos(System.nanoTime() - start);

    // The slow login's future may complete a moment after ours returns (its thread must wake),
    // so the proof is the wait itself: the delay (at least 0.75 s) minus the 200 ms head start.
    assertTrue(queued.toMillis() >= 300, "second login waited only " + queued.toMillis() + " ms");
    assertTrue(slow.get().toMillis() >= 500, "the delay happened: " + slow.get().toMillis());
  }

  @Test
  void pamSlowerThanTheTimeoutIsATemporaryFailure() {
    PamAuthenticator pam =
        PamAuthenticator.create(PamWrapper.settings("pop3-test-slow", Map.of("timeout", "200ms")));

    AuthResult.Failure failure = failure(login(pam, "alice", "wrong"));

    assertEquals(AuthResult.Reason.TEMPORARY, failure.reason());
    assertTrue(failure.logMessage().contains("did not answer"), failure.logMessage());
  }

  private static Duration timedWrongLogin(PamAuthenticator pam) {
    long start = System.nanoTime();
    failure(login(pam, "alice", "wrong"));
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
