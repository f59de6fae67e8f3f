package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.spi.UpdateResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other programs (delivery agents, IMAP servers, shells) change the Maildir during a session. */
class ConcurrentChangesTest {

  static final String A = "1700000001.M1P1.host";
  static final String B = "1700000002.M2P1.host,S=2,W=3";

  @TempDir Path home;
  TestMaildir maildir;

  @BeforeEach
  void twoMessages() {
    maildir = TestMaildir.create(home);
    maildir.put("new", A, "a\n", 1);
    maildir.put("cur", B + ":2,", "b\n", 2);
  }

  /** What a delivery agent does: write in tmp/, then rename into new/. */
  void deliver(String name, String content) throws Exception {
    Path tmp = Files.writeString(maildir.dir.resolve("tmp").resolve(name), content);
    Files.move(tmp, maildir.dir.resolve("new").resolve(name));
  }

  /** Runs a command as another process would, for example {@code mv} or {@code rm}. */
  static void run(String... command) throws Exception {
    assertEquals(
        0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
  }

  @Test
  void mailDeliveredDuringASessionAppearsInTheNextOne() throws Exception {
    try (Mailbox box = maildir.open()) {
      deliver("1700000003.M3P1.host", "c\n");
      assertEquals(2, box.messages().size());
      box.update(Set.of(0, 1), Set.of());
    }
    assertEquals(List.of("1700000003.M3P1.host"), maildir.names("new"));
    try (Mailbox box = maildir.open()) {
      assertEquals(List.of("1700000003.M3P1.host"), TestMaildir.uids(box));
    }
  }

  @Test
  void retrFindsAMessageAnImapServerRenamed() throws Exception {
    try (Mailbox box = maildir.open()) {
      run(
          "mv",
          maildir.dir.resolve("new").resolve(A).toString(),
          maildir.dir.resolve("cur").resolve(A + ":2,F").toString());
      run(
          "mv",
          maildir.dir.resolve("cur").resolve(B + ":2,").toString(),
          maildir.dir.resolve("cur").resolve(B + ":2,RT").toString());
      assertArrayEquals("a\n".getBytes(US_ASCII), TestMaildir.read(box, 0));
      assertArrayEquals("b\n".getBytes(US_ASCII), TestMaildir.read(box, 1));
      assertTrue(box.update(Set.of(), Set.of(0, 1)).complete());
    }
    // The other program's flags stay, ours are added, the base names never change.
    assertEquals(List.of(A + ":2,FS", B + ":2,RST"), maildir.names("cur"));
  }

  @Test
  void quitRemovesAMarkedMessageThatWasRenamedMeanwhile() throws Exception {
    try (Mailbox box = maildir.open()) {
      Files.move(
          maildir.dir.resolve("cur").resolve(B + ":2,"),
          maildir.dir.resolve("cur").resolve(B + ":2,S"));
      assertTrue(box.update(Set.of(1), Set.of()).complete());
    }
    assertEquals(List.of(A + ":2,"), maildir.names("cur"));
  }

  @Test
  void aMessageDeletedByAnotherProgramIsExpunged() throws Exception {
    try (Mailbox box = maildir.open()) {
      run("rm", maildir.dir.resolve("new").resolve(A).toString());
      MessageExpungedException e = assertThrows(MessageExpungedException.class, () -> box.open(0));
      assertTrue(e.getMessage().contains("index 0"));
      assertArrayEquals("b\n".getBytes(US_ASCII), TestMaildir.read(box, 1));
      UpdateResult result = box.update(Set.of(0), Set.of(0));
      assertTrue(result.complete(), "gone counts as removed");
    }
    assertEquals(List.of(B + ":2,"), maildir.names("cur"));
    assertEquals(List.of(), maildir.names("new"));
  }

  @Test
  void quitFilesAMessageAnotherProgramAlreadyMovedToCur() throws Exception {
    try (Mailbox box = maildir.open()) {
      Files.move(
          maildir.dir.resolve("new").resolve(A), maildir.dir.resolve("cur").resolve(A + ":2,"));
      box.update(Set.of(), Set.of(0));
    }
    assertEquals(List.of(A + ":2,S", B + ":2,"), maildir.names("cur"));
  }
}
