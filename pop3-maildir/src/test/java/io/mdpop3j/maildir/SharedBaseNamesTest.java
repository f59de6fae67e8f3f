package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.testing.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two files with one base name ({@code cur/1015.same:2,S} and {@code cur/1015.same:2,T}) are two
 * messages. When other programs rename files during the session, each message is found again as its
 * own file, or answered as gone: never is one served or deleted in place of the other.
 */
@Timeout(60)
class SharedBaseNamesTest {
  static final String SAME = "1015.same";
  static final String OTHER = "1016.other";

  @TempDir Path home;
  TestMaildir maildir;
  Pop3Server server;

  @BeforeEach
  void start() throws Exception {
    maildir = TestMaildir.create(home);
    maildir.put("cur", OTHER + ":2,", "Subject: C\n\nC\n", 3);
    server = AliceServer.builder(home).build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A (the older, message 1) and B (message 2), sharing one base name, with these flags. */
  void twoFiles(String flagsOfA, String flagsOfB) {
    maildir.put("cur", SAME + ":2," + flagsOfA, "Subject: A\n\nA\n", 1);
    maildir.put("cur", SAME + ":2," + flagsOfB, "Subject: B\n\nB\n", 2);
  }

  RawClient login() throws Exception {
    return RawClient.login(server.port(), "alice", "secret");
  }

  static List<String> uidl(RawClient c) throws Exception {
    c.expectOk(c.command("UIDL"));
    return c.readBody();
  }

  static String subject(RawClient c, int n) throws Exception {
    String reply = c.command("TOP " + n + " 0");
    if (!reply.startsWith("+OK")) {
      return reply;
    }
    return c.readBody().get(0);
  }

  void rename(String from, String to) throws Exception {
    Path cur = maildir.dir.resolve("cur");
    Files.move(cur.resolve(from), cur.resolve(to));
  }

  @Test
  void bothFilesAreMessagesWithUniqueIdsOfTheirOwn() throws Exception {
    twoFiles("S", "T");
    try (RawClient c = login()) {
      List<String> ids = uidl(c);
      assertEquals(3, ids.size());
      assertEquals(3, Set.copyOf(ids.stream().map(l -> l.split(" ", 0)[1]).toList()).size());
      assertEquals("Subject: A", subject(c, 1));
      assertEquals("Subject: B", subject(c, 2));
      c.expectOk(c.command("QUIT"));
    }
  }

  /**
   * The defect as filed: an unrelated rename made message 2 be served, and deleted, as the other
   * file. Which file the old code took depended on the order the directory lists them in, so both
   * flag assignments are tried.
   */
  @ParameterizedTest
  @CsvSource({"S,T", "T,S"})
  void afterAnotherMessageIsRenamedEachOfTheTwoIsStillItsOwnFileAndDeleTakesOnlyIt(
      String flagsOfA, String flagsOfB) throws Exception {
    twoFiles(flagsOfA, flagsOfB);
    try (RawClient c = login()) {
      rename(OTHER + ":2,", OTHER + ":2,F");
      assertEquals("Subject: C", subject(c, 3), "found again after the rename");
      assertEquals("Subject: A", subject(c, 1));
      assertEquals("Subject: B", subject(c, 2));
      c.expectOk(c.command("DELE 2"));
      c.expectOk(c.command("QUIT"));
    }
    assertEquals(List.of(SAME + ":2," + flagsOfA, OTHER + ":2,F"), maildir.names("cur"));
  }

  @Test
  void aRenamedFileOfTheTwoIsFoundAgainByItsInodeNotTakenForTheOther() throws Exception {
    twoFiles("S", "T");
    try (RawClient c = login()) {
      rename(SAME + ":2,S", SAME + ":2,RS"); // an IMAP server sets a flag on A
      assertEquals("Subject: A", subject(c, 1));
      assertEquals("Subject: B", subject(c, 2));
      c.expectOk(c.command("DELE 2"));
      c.expectOk(c.command("QUIT"));
    }
    assertEquals(List.of(SAME + ":2,RS", OTHER + ":2,"), maildir.names("cur"));
  }

  @Test
  void aBaseNameThatBecameSharedDuringTheSessionIsGoneRatherThanGuessed() throws Exception {
    twoFiles("S", "T");
    try (RawClient c = login()) {
      // C is renamed, and another file takes its base name: which one is C is not known.
      rename(OTHER + ":2,", OTHER + ":2,S");
      maildir.put("cur", OTHER + ":2,T", "Subject: not C\n\nX\n", 4);
      assertEquals("-ERR Message 3 expunged.", subject(c, 3));
      c.expectOk(c.command("DELE 3"));
      c.expectOk(c.command("QUIT"));
    }
    assertTrue(maildir.names("cur").containsAll(List.of(OTHER + ":2,S", OTHER + ":2,T")));
  }

  @Test
  void theUniqueIdsStayWhenAnEarlierMessageIsDeletedAndWhenFlagsChange() throws Exception {
    twoFiles("S", "T");
    maildir.put("cur", "1000.first:2,", "Subject: 0\n\n0\n", 0);
    List<String> before;
    try (RawClient c = login()) {
      before = uidl(c);
      c.expectOk(c.command("DELE 1"));
      c.expectOk(c.command("QUIT"));
    }
    rename(SAME + ":2,T", SAME + ":2,FT");
    try (RawClient c = login()) {
      List<String> after = uidl(c);
      assertEquals(3, after.size());
      for (int i = 0; i < 3; i++) {
        assertEquals(
            before.get(i + 1).split(" ", 0)[1],
            after.get(i).split(" ", 0)[1],
            "message " + (i + 1));
      }
      assertNotEquals(after.get(0).split(" ", 0)[1], after.get(1).split(" ", 0)[1]);
      c.expectOk(c.command("QUIT"));
    }
  }
}
