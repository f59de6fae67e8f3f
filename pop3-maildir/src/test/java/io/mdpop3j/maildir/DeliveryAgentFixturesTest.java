package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names exactly as qmail, Postfix, Dovecot, Courier maildrop, getmail and procmail write them
 * (src/test/resources/fixtures/delivery-agents), served from a real Maildir.
 */
class DeliveryAgentFixturesTest {

  @TempDir Path home;
  TestMaildir maildir;
  List<String> fixtureNames = new ArrayList<>();

  @BeforeEach
  void copyFixtures() throws Exception {
    maildir = TestMaildir.create(home);
    Path fixtures = Path.of(getClass().getResource("/fixtures/delivery-agents").toURI());
    for (String folder : new String[] {"new", "cur"}) {
      try (Stream<Path> files = Files.list(fixtures.resolve(folder))) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          Path copy = Files.copy(f, maildir.dir.resolve(folder).resolve(name));
          // Delivery time is the name's leading timestamp, as the agents make it.
          TestMaildir.setTimes(copy, Long.parseLong(name.substring(0, name.indexOf('.'))));
          fixtureNames.add(name);
        }
      }
    }
  }

  @Test
  void everyFixtureIsServedInDeliveryOrder() throws Exception {
    try (Mailbox box = maildir.open()) {
      List<String> expected =
          fixtureNames.stream().sorted().map(n -> UniqueIds.of(MaildirName.baseName(n))).toList();
      assertEquals(11, box.messages().size());
      assertEquals(expected, TestMaildir.uids(box));
    }
  }

  @Test
  void uniqueIdIsTheBaseNameExceptForTheLongCourierName() throws Exception {
    try (Mailbox box = maildir.open()) {
      List<String> ids = TestMaildir.uids(box);
      assertTrue(ids.contains("1700000003.M123456P7890.mail.example.org,S=296,W=310"));
      assertTrue(ids.contains("1700000002.V803I2a3b4cM123456.mx\\072backup.example.org"));
      String courier =
          "1700000005.M123456P1234V0000000000000803I0000000000123456_0.mail.example.org,S=301";
      assertTrue(courier.length() > 70);
      assertTrue(ids.contains(UniqueIds.digest(courier)));
      for (String id : ids) {
        assertTrue(UniqueIds.isValid(id), id);
      }
      assertEquals(ids.size(), new HashSet<>(ids).size());
    }
  }

  @Test
  void everyListedSizeIsTheSizeRetrSends() throws Exception {
    try (Mailbox box = maildir.open()) {
      for (int i = 0; i < box.messages().size(); i++) {
        MessageInfo m = box.messages().get(i);
        assertEquals(TestMaildir.wireOctets(box, i), m.size(), m.uniqueId());
      }
    }
    // And again from the warm cache.
    try (Mailbox box = maildir.open()) {
      for (int i = 0; i < box.messages().size(); i++) {
        assertEquals(TestMaildir.wireOctets(box, i), box.messages().get(i).size());
      }
    }
  }

  @Test
  void quitFilesNewMessagesAndKeepsEveryUniqueId() throws Exception {
    List<String> before;
    try (Mailbox box = maildir.open()) {
      before = TestMaildir.uids(box);
      box.update(Set.of(), Set.of(0, 3));
    }
    assertEquals(List.of(), maildir.names("new"));
    assertTrue(maildir.names("cur").contains("1700000000.12345.mail.example.org:2,S"));
    assertTrue(maildir.names("cur").contains("1700000001.V801I1234M567890.mail.example.org:2,"));
    try (Mailbox box = maildir.open()) {
      assertEquals(before, TestMaildir.uids(box));
    }
  }
}
