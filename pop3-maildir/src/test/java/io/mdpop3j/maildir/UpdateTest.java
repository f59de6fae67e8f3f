package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.UpdateResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 1939 section 6, the UPDATE state: what QUIT changes on disk, and what nothing else does. */
class UpdateTest {

  static final String A = "1700000001.M1P1.host";
  static final String B = "1700000002.M2P1.host";
  static final String C = "1700000003.M3P1.host,S=2,W=3";

  @TempDir Path home;
  TestMaildir maildir;

  @BeforeEach
  void threeMessages() {
    maildir = TestMaildir.create(home);
    maildir.put("new", A, "a\n", 1);
    maildir.put("new", B, "b\n", 2);
    maildir.put("cur", C + ":2,R", "c\n", 3);
  }

  @Test
  void quitMovesNewToCurWithAnEmptyInfoAndSeenForRetrieved() throws Exception {
    try (Mailbox box = maildir.open()) {
      TestMaildir.read(box, 1);
      assertTrue(box.update(Set.of(), Set.of(1)).complete());
    }
    assertEquals(List.of(), maildir.names("new"));
    assertEquals(List.of(A + ":2,", B + ":2,S", C + ":2,R"), maildir.names("cur"));
  }

  @Test
  void quitSetsSeenOnRetrievedMessagesAlreadyInCurKeepingOtherFlags() throws Exception {
    try (Mailbox box = maildir.open()) {
      box.update(Set.of(), Set.of(2));
    }
    assertTrue(maildir.names("cur").contains(C + ":2,RS"));
  }

  @Test
  void retrMovesNothingBeforeQuit() throws Exception {
    try (Mailbox box = maildir.open()) {
      TestMaildir.read(box, 0);
      TestMaildir.read(box, 2);
      assertEquals(List.of(A, B), maildir.names("new"));
      assertEquals(List.of(C + ":2,R"), maildir.names("cur"));
    }
  }

  @Test
  void deletionHappensOnlyAtQuit() throws Exception {
    try (Mailbox box = maildir.open()) {
      assertEquals(List.of(A, B), maildir.names("new"));
      UpdateResult result = box.update(Set.of(0, 2), Set.of());
      assertTrue(result.complete());
    }
    assertEquals(List.of(), maildir.names("new"));
    assertEquals(List.of(B + ":2,"), maildir.names("cur"));
  }

  @Test
  void closeWithoutQuitChangesNothing() throws Exception {
    List<String> newBefore = maildir.names("new");
    List<String> curBefore = maildir.names("cur");
    Mailbox box = maildir.open();
    TestMaildir.read(box, 0);
    box.close();
    box.close();
    assertEquals(newBefore, maildir.names("new"));
    assertEquals(curBefore, maildir.names("cur"));
    assertFalse(Files.exists(maildir.dir.resolve(MaildirLock.FILE_NAME)), "lock released");
  }

  @Test
  void moveNewFalseLeavesNewMessagesWhereTheyAre() throws Exception {
    try (Mailbox box = maildir.open(MaildirSettings.defaults().withMoveNew(false))) {
      box.update(Set.of(1), Set.of(0, 2));
    }
    assertEquals(List.of(A), maildir.names("new"));
    assertEquals(List.of(C + ":2,RS"), maildir.names("cur"));
  }

  @Test
  void markSeenFalseSetsNoFlag() throws Exception {
    try (Mailbox box = maildir.open(MaildirSettings.defaults().withMarkSeen(false))) {
      box.update(Set.of(), Set.of(0, 1, 2));
    }
    assertEquals(List.of(A + ":2,", B + ":2,", C + ":2,R"), maildir.names("cur"));
  }

  @Test
  void uniqueIdsSurviveQuitSoLeaveOnServerClientsKeepTheirState() throws Exception {
    List<String> before;
    try (Mailbox box = maildir.open()) {
      before = TestMaildir.uids(box);
      box.update(Set.of(), Set.of(0, 1, 2));
    }
    try (Mailbox box = maildir.open()) {
      assertEquals(before, TestMaildir.uids(box));
    }
  }

  @Test
  void aMessageThatCannotBeRemovedIsReportedAndStays() throws Exception {
    try (Mailbox box = maildir.open()) {
      // Another program replaced the message by a non-empty directory: unlink must fail
      // even for root, whom permissions would not stop.
      Path a = maildir.dir.resolve("new").resolve(A);
      Files.delete(a);
      Files.createDirectories(a.resolve("inside"));
      UpdateResult result = box.update(Set.of(0, 1), Set.of());
      assertEquals(Set.of(0), result.notRemoved());
      assertFalse(result.temporary());
    }
    assertTrue(Files.isDirectory(maildir.dir.resolve("new").resolve(A)));
    assertFalse(maildir.names("cur").contains(B + ":2,"));
  }

  @Test
  void updateRunsOnce() throws Exception {
    try (Mailbox box = maildir.open()) {
      box.update(Set.of(), Set.of());
      assertThrows(IllegalStateException.class, () -> box.update(Set.of(), Set.of()));
    }
  }

  @Test
  void aMessageWithADigestIdIsStillFoundAndFiled() throws Exception {
    String spaced = "1700000004.M4P1.my host";
    maildir.put("new", spaced, "d\n", 4);
    try (Mailbox box = maildir.open()) {
      assertTrue(box.messages().get(3).uniqueId().startsWith("h-"));
      assertEquals(
          "d\n", new String(TestMaildir.read(box, 3), java.nio.charset.StandardCharsets.US_ASCII));
      box.update(Set.of(0), Set.of(3));
    }
    assertTrue(maildir.names("cur").contains(spaced + ":2,S"));
  }
}
