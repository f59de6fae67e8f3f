package io.mdpop3j.core.protocol;

import static io.mdpop3j.core.testing.WireForm.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.spi.UpdateResult;
import io.mdpop3j.core.testing.FixedMailStore;
import io.mdpop3j.core.testing.ProtocolDriver;
import io.mdpop3j.core.wire.UniqueIds;
import io.mdpop3j.core.wire.WireSize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TRANSACTION and UPDATE states (RFC 1939 sections 5 and 6) over a fixed snapshot. */
class ProtocolTransactionTest {

  private static final byte[] M1 = ascii("Subject: one\n\nbody one\n");
  private static final byte[] M2 = ascii("Subject: two\r\n\r\n.dotted\r\nsecond line\r\n");
  private static final byte[] M3 = ascii("Subject: three\n\nno final newline");
  private static final long S1 = WireSize.of(M1);
  private static final long S2 = WireSize.of(M2);
  private static final long S3 = WireSize.of(M3);

  private final MemoryAuthenticator auth = new MemoryAuthenticator().addUser("alice", "secret");
  private final MemoryMailStore store = new MemoryMailStore();
  private final List<String> uids = new ArrayList<>();

  @BeforeEach
  void deliver() {
    uids.add(store.deliver("alice", M1));
    uids.add(store.deliver("alice", M2));
    uids.add(store.deliver("alice", M3));
  }

  private ProtocolDriver alice() {
    return ProtocolDriver.of(auth, store).login("alice", "secret");
  }

  private Set<String> storedUids() {
    Set<String> left = new HashSet<>();
    store.messages("alice").forEach(m -> left.add(m.uniqueId()));
    return left;
  }

  @Test
  void statCountsMessagesAndWireOctets() {
    assertEquals("+OK 3 " + (S1 + S2 + S3), alice().send("STAT"));
  }

  @Test
  void listGivesEveryMessageWithItsWireSize() {
    ProtocolDriver d = alice();
    assertEquals(List.of("1 " + S1, "2 " + S2, "3 " + S3), d.lines("LIST"));
    assertEquals("+OK 3 messages:", d.lastResponse().reply().statusLine());
    assertEquals("+OK 2 " + S2, d.send("LIST 2"));
  }

  @Test
  void uidlGivesTheStoresIds() {
    ProtocolDriver d = alice();
    assertEquals(
        List.of("1 " + uids.get(0), "2 " + uids.get(1), "3 " + uids.get(2)), d.lines("UIDL"));
    assertEquals("+OK 3 " + uids.get(2), d.send("UIDL 3"));
  }

  @Test
  void retrSendsTheSizeAndTheWholeMessageInWireForm() {
    ProtocolDriver d = alice();
    assertEquals(
        "+OK " + S2 + " octets\r\nSubject: two\r\n\r\n..dotted\r\nsecond line\r\n.\r\n",
        d.fetch("RETR 2"));
    assertEquals(
        "+OK " + S3 + " octets\r\nSubject: three\r\n\r\nno final newline\r\n.\r\n",
        d.fetch("RETR 3"));
  }

  @Test
  void topSendsTheHeaderAndKLines() {
    ProtocolDriver d = alice();
    assertEquals("+OK\r\nSubject: two\r\n\r\n..dotted\r\n.\r\n", d.fetch("TOP 2 1"));
    assertEquals("+OK\r\nSubject: one\r\n\r\n.\r\n", d.fetch("TOP 1 0"));
  }

  @Test
  void noopDoesNothingAndSaysOk() {
    assertEquals("+OK", alice().send("NOOP"));
  }

  @Test
  void deleMarksAndStatAndListCountOnlyUndeletedMessages() {
    ProtocolDriver d = alice();
    assertEquals("+OK Marked to be deleted.", d.send("DELE 2"));
    assertEquals("+OK 2 " + (S1 + S3), d.send("STAT"));
    assertEquals(List.of("1 " + S1, "3 " + S3), d.lines("LIST"));
    assertEquals("+OK 2 messages:", d.lastResponse().reply().statusLine());
    assertEquals(List.of("1 " + uids.get(0), "3 " + uids.get(2)), d.lines("UIDL"));
    assertEquals("+OK 3 " + S3, d.send("LIST 3"), "numbering does not change");
  }

  @ParameterizedTest
  @ValueSource(strings = {"LIST 2", "UIDL 2", "RETR 2", "TOP 2 0", "DELE 2"})
  void aDeletedMessageAnswersErr(String command) {
    ProtocolDriver d = alice();
    d.send("DELE 2");
    assertEquals("-ERR Message is deleted.", d.fetch(command));
  }

  @Test
  void rsetUnmarksWithoutRenumbering() {
    ProtocolDriver d = alice();
    d.send("DELE 1");
    d.send("DELE 3");
    assertEquals("+OK Maildrop has 3 messages (" + (S1 + S2 + S3) + " octets).", d.send("RSET"));
    assertEquals(List.of("1 " + S1, "2 " + S2, "3 " + S3), d.lines("LIST"));
    assertEquals("+OK 3 " + uids.get(2), d.send("UIDL 3"));
  }

  @Test
  void rsetDoesNotReReadTheMailbox() {
    ProtocolDriver d = alice();
    store.deliver("alice", ascii("late\n"));
    d.send("RSET");
    assertEquals("+OK 3 " + (S1 + S2 + S3), d.send("STAT"));
    assertEquals("-ERR There's no message 4.", d.send("LIST 4"));
  }

  @Test
  void theSnapshotIsFixedAtLogin() {
    ProtocolDriver d = alice();
    store.deliver("alice", ascii("arrived later\n"));
    assertEquals("+OK 3 " + (S1 + S2 + S3), d.send("STAT"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"LIST", "UIDL", "RETR", "DELE"})
  void messageNumberErrorsNameTheProblem(String keyword) {
    ProtocolDriver d = alice();
    assertEquals("-ERR There's no message 7.", d.fetch(keyword + " 7"));
    assertEquals("-ERR There's no message 0.", d.fetch(keyword + " 0"));
    assertEquals("-ERR Invalid message number: x", d.fetch(keyword + " x"));
    assertEquals("-ERR Invalid message number: -1", d.fetch(keyword + " -1"));
    assertEquals("-ERR Noise after message number: x", d.fetch(keyword + " 1 x"));
  }

  @Test
  void retrAndDeleNeedAMessageNumber() {
    ProtocolDriver d = alice();
    assertEquals("-ERR Message number missing.", d.send("RETR"));
    assertEquals("-ERR Message number missing.", d.send("DELE"));
  }

  @Test
  void topArgumentErrorsNameTheProblem() {
    ProtocolDriver d = alice();
    assertEquals("-ERR TOP needs a message number and a number of lines.", d.send("TOP 1"));
    assertEquals("-ERR Noise after number of lines: z", d.send("TOP 1 2 z"));
    assertEquals("-ERR Invalid number of lines: -1", d.send("TOP 1 -1"));
    assertEquals("-ERR There's no message 9.", d.send("TOP 9 1"));
  }

  @Test
  void aHugeMessageNumberIsNoMessageNotAnError() {
    ProtocolDriver d = alice();
    assertEquals("-ERR There's no message 999999999999.", d.send("RETR 999999999999"));
    assertEquals(
        "-ERR Invalid message number: 9999999999999999999999",
        d.send("RETR 9999999999999999999999"));
  }

  @Test
  void quitRemovesExactlyTheMarkedMessages() {
    ProtocolDriver d = alice();
    d.send("DELE 1");
    d.send("DELE 3");
    assertEquals("+OK Logging out, messages deleted.", d.send("QUIT"));
    assertInstanceOf(Action.Close.class, d.lastResponse());
    assertEquals(Set.of(uids.get(1)), storedUids());
  }

  @Test
  void quitWithoutDeletionsSaysSoAndRemovesNothing() {
    ProtocolDriver d = alice();
    assertEquals("+OK Logging out.", d.send("QUIT"));
    assertEquals(3, store.messages("alice").size());
  }

  @Test
  void quitAfterRsetRemovesNothing() {
    ProtocolDriver d = alice();
    d.send("DELE 1");
    d.send("RSET");
    d.send("QUIT");
    assertEquals(3, store.messages("alice").size());
  }

  @Test
  void quitReleasesTheMailbox() {
    alice().send("QUIT");
    ProtocolDriver again = ProtocolDriver.of(auth, store);
    again.login("alice", "secret");
    assertEquals(State.TRANSACTION, again.session().state());
  }

  @Test
  void endWithoutQuitDeletesNothingAndReleasesTheMailbox() {
    ProtocolDriver d = alice();
    d.send("DELE 1");
    d.send("DELE 2");
    d.session().end(false);
    assertEquals(3, store.messages("alice").size());
    ProtocolDriver.of(auth, store).login("alice", "secret");
  }

  @Test
  void endWithCommitOnErrorDeletesTheMarkedMessages() {
    ProtocolDriver d = alice();
    d.send("DELE 2");
    d.session().end(true);
    assertEquals(Set.of(uids.get(0), uids.get(2)), storedUids());
    assertEquals(1, d.session().stats().removed());
  }

  @Test
  void endAfterQuitDoesNotUpdateTwice() {
    FixedMailStore fixed = new FixedMailStore().add("a", M1).add("b", M2);
    ProtocolDriver d = ProtocolDriver.of(auth, fixed).login("alice", "secret");
    d.send("DELE 1");
    d.send("QUIT");
    d.session().end(true);
    d.session().end(true);
    assertEquals(List.of(Set.of(0)), fixed.updates);
    assertEquals(1, fixed.closed.get());
  }

  @Test
  void endInAuthorizationTouchesNoMailbox() {
    FixedMailStore fixed = new FixedMailStore().add("a", M1);
    ProtocolDriver d = ProtocolDriver.of(auth, fixed);
    d.greeting();
    d.session().end(true);
    assertTrue(fixed.updates.isEmpty());
    assertEquals(0, fixed.closed.get());
  }

  @Test
  void quitReportsMessagesTheStoreCouldNotRemove() {
    FixedMailStore perm =
        new FixedMailStore()
            .add("a", M1)
            .add("b", M2)
            .onUpdate(deleted -> new UpdateResult(Set.of(0), false));
    ProtocolDriver d = ProtocolDriver.of(auth, perm).login("alice", "secret");
    d.send("DELE 1");
    d.send("DELE 2");
    assertEquals("-ERR [SYS/PERM] 1 message could not be deleted.", d.send("QUIT"));
    assertInstanceOf(Action.Close.class, d.lastResponse());

    FixedMailStore temp =
        new FixedMailStore()
            .add("a", M1)
            .add("b", M2)
            .onUpdate(deleted -> new UpdateResult(deleted, true));
    ProtocolDriver t = ProtocolDriver.of(auth, temp).login("alice", "secret");
    t.send("DELE 1");
    t.send("DELE 2");
    assertEquals("-ERR [SYS/TEMP] 2 messages could not be deleted.", t.send("QUIT"));
  }

  @Test
  void quitReportsAnUpdateThatFailedAltogether() {
    FixedMailStore failing =
        new FixedMailStore()
            .add("a", M1)
            .onUpdate(
                deleted -> {
                  throw new MailStoreException(MailStoreException.Kind.TEMPORARY, "Disk full.");
                });
    ProtocolDriver d = ProtocolDriver.of(auth, failing).login("alice", "secret");
    d.send("DELE 1");
    assertEquals("-ERR [SYS/TEMP] Disk full.", d.send("QUIT"));
    assertEquals(1, failing.closed.get());
  }

  @Test
  void onlyRetrievedMessagesAreCountedAsRetrieved() {
    ProtocolDriver d = alice();
    d.fetch("TOP 1 0");
    d.fetch("RETR 2");
    assertEquals(1, d.session().stats().retrieved());
  }

  @Test
  void aMessageRemovedBehindTheSessionsBackAnswersExpunged() {
    FixedMailStore fixed =
        new FixedMailStore()
            .add("a", M1)
            .add("b", M2)
            .failReading(1, new MessageExpungedException(1));
    ProtocolDriver d = ProtocolDriver.of(auth, fixed).login("alice", "secret");
    assertEquals("-ERR Message 2 expunged.", d.fetch("RETR 2"));
    assertTrue(d.fetch("RETR 1").startsWith("+OK"));
  }

  @Test
  void messagesTheStoreCannotOpenDoNotSpendTheBadCommandBudget() {
    FixedMailStore fixed =
        new FixedMailStore()
            .add("a", M1)
            .add("b", M2)
            .failReading(1, new MessageExpungedException(1));
    ProtocolDriver d = ProtocolDriver.of(auth, fixed).login("alice", "secret");
    for (int i = 0; i < 50; i++) {
      assertEquals("-ERR Message 2 expunged.", d.fetch("RETR 2"));
      assertInstanceOf(Action.Send.class, d.lastResponse());
    }
    assertTrue(d.fetch("TOP 1 0").startsWith("+OK"));
  }

  @Test
  void anUnreadableMessageIsSysTemp() {
    FixedMailStore fixed = new FixedMailStore().add("a", M1).failReading(0, new IOException("EIO"));
    ProtocolDriver d = ProtocolDriver.of(auth, fixed).login("alice", "secret");
    assertEquals("-ERR [SYS/TEMP] Message 1 could not be read.", d.fetch("RETR 1"));
    assertEquals("-ERR [SYS/TEMP] Message 1 could not be read.", d.fetch("TOP 1 0"));
  }

  @Test
  void invalidIdsFromAStoreAreReplacedByStableValidDigests() {
    FixedMailStore odd =
        new FixedMailStore()
            .add("good-1", M1)
            .add("has space", M1)
            .add("", M1)
            .add("x".repeat(71), M1)
            .add("caf\u00e9", M1)
            .add("dup", M1)
            .add("dup", M1);
    List<String> first = ProtocolDriver.of(auth, odd).login("alice", "secret").lines("UIDL");
    List<String> second = ProtocolDriver.of(auth, odd).login("alice", "secret").lines("UIDL");
    assertEquals(first, second, "the same ids in every session");
    assertEquals("1 good-1", first.get(0));
    assertEquals("2 " + UniqueIds.digest("has space"), first.get(1));
    assertEquals("6 dup", first.get(5));
    Set<String> ids = new HashSet<>();
    for (String line : first) {
      String id = line.substring(line.indexOf(' ') + 1);
      assertTrue(UniqueIds.isValid(id), id);
      assertTrue(ids.add(id), "unique: " + id);
    }
  }

  @Test
  void theSnapshotKeepsTheOldestMessagesWithinTheHostsLimit() {
    ProtocolDriver d =
        ProtocolDriver.of(ProtocolDriver.config(false, false, Set.of(), 2), auth, store)
            .login("alice", "secret");
    assertEquals("+OK 2 " + (S1 + S2), d.send("STAT"));
  }

  @Test
  void statsCountWhatTheSessionDid() {
    ProtocolDriver d = alice();
    d.fetch("RETR 1");
    d.send("DELE 1");
    d.send("QUIT");
    var stats = d.session().stats();
    assertEquals(3, stats.messages());
    assertEquals(1, stats.retrieved());
    assertEquals(1, stats.markedDeleted());
    assertEquals(1, stats.removed());
    assertTrue(stats.quit());
  }
}
