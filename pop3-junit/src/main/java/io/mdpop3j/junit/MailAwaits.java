package io.mdpop3j.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a test waits for besides a session's end: a mailbox filling up, a message fetched or
 * removed. Each wait fails the test after its timeout with what there was instead.
 */
final class MailAwaits {

  private MailAwaits() {}

  /** Waits until {@code user}'s mailbox holds at least {@code n} messages; returns them. */
  static List<MailboxMessage> messages(RunningServer s, String user, int n, Duration timeout)
      throws InterruptedException {
    if (n < 0) {
      throw new IllegalArgumentException(
          "a mailbox cannot hold " + n + " messages; n must be >= 0");
    }
    s.users.requireKnown(user);
    return s.signal.await(
        timeout,
        () -> s.mailboxSize(user) >= n ? Optional.of(s.mailbox(user)) : Optional.empty(),
        () -> {
          List<MailboxMessage> there = s.mailbox(user);
          return user
              + "'s mailbox did not reach "
              + n
              + " message(s) within "
              + timeout
              + "; it holds "
              + there.size()
              + (there.isEmpty() ? "" : ": " + there)
              + deletedBySessionsOf(s, user)
              + openAndFailed(s);
        });
  }

  /** Waits until a finished session has fetched message {@code uniqueId} with RETR. */
  static RecordedSession retrieved(RunningServer s, String uniqueId, Duration timeout)
      throws InterruptedException {
    return awaitSession(s, uniqueId, timeout, "retrieved with RETR", RecordedSession::retrieved);
  }

  /** Waits until a finished session has had message {@code uniqueId} removed at its QUIT. */
  static RecordedSession deleted(RunningServer s, String uniqueId, Duration timeout)
      throws InterruptedException {
    return awaitSession(s, uniqueId, timeout, "deleted at QUIT", RecordedSession::deleted);
  }

  private static RecordedSession awaitSession(
      RunningServer s,
      String uniqueId,
      Duration timeout,
      String what,
      Function<RecordedSession, List<String>> ids)
      throws InterruptedException {
    String owner = s.deliveries.get(uniqueId);
    if (owner == null) {
      throw new IllegalArgumentException(
          "no message with unique-id '"
              + uniqueId
              + "' was delivered through this extension; pass the id deliver(...) returned");
    }
    return s.signal.await(
        timeout,
        () -> {
          for (RecordedSession session : s.recorder.sessions()) {
            if (ids.apply(session).contains(uniqueId)) {
              return Optional.of(session);
            }
          }
          return Optional.empty();
        },
        () -> {
          List<String> done = new ArrayList<>();
          for (RecordedSession session : sessionsOf(s, owner)) {
            done.addAll(ids.apply(session));
          }
          return "message "
              + uniqueId
              + " of "
              + owner
              + " was not "
              + what
              + " by a finished session within "
              + timeout
              + "; "
              + owner
              + "'s "
              + sessionsOf(s, owner).size()
              + " finished session(s) "
              + (done.isEmpty() ? "did none" : "did " + done)
              + openAndFailed(s);
        });
  }

  private static List<RecordedSession> sessionsOf(RunningServer s, String user) {
    List<RecordedSession> out = new ArrayList<>();
    for (RecordedSession session : s.recorder.sessions()) {
      if (session.user().filter(user::equals).isPresent()) {
        out.add(session);
      }
    }
    return out;
  }

  private static String deletedBySessionsOf(RunningServer s, String user) {
    int deleted = 0;
    for (RecordedSession session : sessionsOf(s, user)) {
      deleted += session.deleted().size();
    }
    return deleted == 0 ? "" : "; " + user + "'s sessions deleted " + deleted + " message(s)";
  }

  private static String openAndFailed(RunningServer s) {
    int open = s.recorder.openCount();
    return (open == 0 ? "" : "; " + open + " session(s) still open")
        + SessionRecorder.loginFailuresSoFar(s.recorder.sessions());
  }
}
