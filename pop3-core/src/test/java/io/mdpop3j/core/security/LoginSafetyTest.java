package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.testing.RawClient;
import io.mdpop3j.core.testing.RecordingAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Failed logins: the delay before the reply, the per-session budget, identical answers for unknown
 * users and wrong passwords, and the inputs refused before they reach the authenticator.
 */
class LoginSafetyTest {
  static final String FAILED = "-ERR [AUTH] Authentication failed.";
  static final String TOO_MANY = "-ERR [AUTH] Too many authentication failures.";

  private final MemoryMailStore store = new MemoryMailStore();
  private final RecordingAuthenticator auth =
      new RecordingAuthenticator(
          new MemoryAuthenticator().addUser("alice", "s3cret").addUser("blank", ""));

  private Pop3Server start(Pop3ServerBuilder builder) throws Exception {
    Pop3Server server = builder.build();
    server.start();
    return server;
  }

  @Test
  void failedLoginDelayDoesNotHoldUpAnotherSessionLoggingIn() throws Exception {
    store.deliver("alice", "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    try (Pop3Server server =
            start(Servers.plain(auth, store).authFailureDelay(Duration.ofMillis(1500)));
        RawClient failing = RawClient.connect(server.port())) {
      failing.readLine();
      failing.expectOk(failing.command("USER mallory"));
      long sent = System.nanoTime();
      failing.send("PASS guess");
      CompletableFuture<Long> failureAnswered =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  assertEquals(FAILED, failing.readLine());
                  return System.nanoTime();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      try (RawClient good = RawClient.login(server.port(), "alice", "s3cret")) {
        good.expectOk(good.command("STAT"));
        good.expectOk(good.command("QUIT"));
      }
      long goodDone = System.nanoTime();
      long answered = failureAnswered.get(10, TimeUnit.SECONDS);

      assertTrue(
          goodDone < answered,
          "the good client finished "
              + (answered - goodDone) / 1_000_000
              + " ms before the failed one was answered");
      assertTrue(
          answered - sent >= TimeUnit.MILLISECONDS.toNanos(1400),
          "the failed login waited " + (answered - sent) / 1_000_000 + " ms");
    }
  }

  @Test
  void failureDelaysOfManySessionsRunSideBySide() throws Exception {
    int clients = 12;
    try (Pop3Server server =
        start(Servers.plain(auth, store).authFailureDelay(Duration.ofSeconds(1)))) {
      List<CompletableFuture<String>> replies = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < clients; i++) {
        replies.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try (RawClient c = RawClient.connect(server.port())) {
                    c.readLine();
                    c.command("USER alice");
                    return c.command("PASS wrong");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                runnable -> new Thread(runnable).start()));
      }
      for (CompletableFuture<String> reply : replies) {
        assertEquals(FAILED, reply.get(20, TimeUnit.SECONDS));
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(
          millis < 5000, clients + " delays of 1 s took " + millis + " ms, so they overlapped");
    }
  }

  @Test
  void unknownUserAndWrongPasswordGetTheSameReplyAfterTheSameDelay() throws Exception {
    try (Pop3Server server =
        start(Servers.plain(auth, store).authFailureDelay(Duration.ofMillis(400)))) {
      for (String user : List.of("alice", "nobody", "alice", "nobody")) {
        try (RawClient c = RawClient.connect(server.port())) {
          c.readLine();
          assertEquals("+OK", c.command("USER " + user), "USER says nothing about the user");
          long start = System.nanoTime();
          String reply = c.command("PASS wrong");
          long millis = (System.nanoTime() - start) / 1_000_000;

          assertEquals(FAILED, reply, user);
          assertTrue(millis >= 380 && millis < 3000, user + " answered after " + millis + " ms");
        }
      }
    }
  }

  @Test
  void unknownUserAndWrongPasswordGetTheSameReplyThroughAuthPlainAndApop() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).apop(true))) {
      for (String user : List.of("alice", "nobody")) {
        try (RawClient c = RawClient.connect(server.port())) {
          String timestamp = timestampOf(c.readLine());
          assertEquals(FAILED, c.command("AUTH PLAIN " + plain(user, "wrong")), user);
          assertEquals(FAILED, c.command("APOP " + user + " " + apop(timestamp, "wrong")), user);
        }
      }
    }
  }

  @Test
  void thirdFailedLoginIsAnsweredWithAuthAndClosesTheSession() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).apop(true));
        RawClient c = RawClient.connect(server.port())) {
      String timestamp = timestampOf(c.readLine());
      c.command("USER alice");
      assertEquals(FAILED, c.command("PASS wrong"));
      assertEquals(FAILED, c.command("AUTH PLAIN " + plain("alice", "wrong")));
      assertEquals(TOO_MANY, c.command("APOP alice " + apop(timestamp, "wrong")));

      assertTrue(c.closedByServer());
    }
  }

  @Test
  void theDelayIsAppliedToEveryFailureIncludingTheLast() throws Exception {
    try (Pop3Server server =
            start(Servers.plain(auth, store).authFailureDelay(Duration.ofMillis(300)));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        c.send("USER alice").send("PASS wrong");
      }
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        replies.add(c.readLine());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(List.of("+OK", FAILED, "+OK", FAILED, "+OK", TOO_MANY), replies);
      assertTrue(c.closedByServer());
      assertTrue(millis >= 880, "three failures took " + millis + " ms");
    }
  }

  @Test
  void failedLoginBudgetIsConfigurable() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).maxFailedLogins(1));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.command("USER alice");

      assertEquals(TOO_MANY, c.command("PASS wrong"));
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void emptyPasswordIsRefusedWithoutAskingTheAuthenticator() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      c.command("USER blank");
      assertEquals(FAILED, c.command("PASS"));
      assertEquals(FAILED, c.command("AUTH PLAIN " + plain("blank", "")));
    }
    assertEquals(List.of(), auth.calls(), "a user whose stored password is empty never logs in");
  }

  @Test
  void unacceptableUserNamesNeverReachTheAuthenticator() throws Exception {
    List<String> bad =
        List.of(
            "../etc", "a/b", "a\u0001b", "a\u0000b", "a\u007fb", "x".repeat(256), "ä".repeat(128));
    try (Pop3Server server = start(Servers.plain(auth, store).maxFailedLogins(100).apop(true))) {
      for (String user : bad) {
        try (RawClient c = RawClient.connect(server.port())) {
          String timestamp = timestampOf(c.readLine());
          String printable = user.replaceAll("\\p{Cntrl}", "?");
          assertEquals("-ERR [AUTH] Invalid user name.", c.command("USER " + user), printable);
          assertEquals(FAILED, c.command("AUTH PLAIN " + plain(user, "s3cret")), printable);
          assertEquals(
              FAILED, c.command("APOP " + user + " " + apop(timestamp, "s3cret")), printable);
        }
      }
    }
    assertEquals(List.of(), auth.calls());
  }

  @Test
  void userNameOf255OctetsStillReachesTheAuthenticator() throws Exception {
    String longest = "x".repeat(255);
    try (Pop3Server server = start(Servers.plain(auth, store));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      assertEquals("+OK", c.command("USER " + longest));
      assertEquals(FAILED, c.command("PASS s3cret"));
    }
    assertEquals(List.of(new RecordingAuthenticator.Call(longest, false)), auth.calls());
  }

  @Test
  void apopDigestThatIsNotExactly32HexDigitsFailsWithoutAskingTheAuthenticator() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).apop(true).maxFailedLogins(10));
        RawClient c = RawClient.connect(server.port())) {
      String timestamp = timestampOf(c.readLine());
      String right = apop(timestamp, "s3cret");
      for (String digest :
          List.of(
              right.substring(1),
              right + "0",
              "g" + right.substring(1),
              "-" + right.substring(1))) {
        assertEquals(FAILED, c.command("APOP alice " + digest), digest);
      }
      assertEquals(List.of(), auth.calls());
      assertEquals("+OK Logged in.", c.command("APOP alice " + right.toUpperCase(Locale.ROOT)));
    }
  }

  @Test
  void malformedApopDigestsCountTowardsTheFailureBudget() throws Exception {
    try (Pop3Server server = start(Servers.plain(auth, store).apop(true));
        RawClient c = RawClient.connect(server.port())) {
      c.readLine();
      assertEquals(FAILED, c.command("APOP alice 1234"));
      assertEquals(FAILED, c.command("APOP alice 1234"));
      assertEquals(TOO_MANY, c.command("APOP alice 1234"));
      assertTrue(c.closedByServer());
    }
  }

  static String timestampOf(String greeting) {
    return greeting.substring(greeting.indexOf('<'), greeting.indexOf('>') + 1);
  }

  static String apop(String timestamp, String secret) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("MD5")
                .digest((timestamp + secret).getBytes(StandardCharsets.UTF_8)));
  }

  static String plain(String user, String password) {
    return Base64.getEncoder()
        .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }
}
