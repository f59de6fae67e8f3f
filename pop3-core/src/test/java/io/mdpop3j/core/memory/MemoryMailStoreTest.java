package io.mdpop3j.core.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.wire.UniqueIds;
import io.mdpop3j.core.wire.WireSize;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory mail store: snapshots, locking (RFC 1939 section 8) and the UPDATE state. */
class MemoryMailStoreTest {

  private final MemoryMailStore store = new MemoryMailStore();
  private static final Account ALICE = Account.named("alice");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void deliveredMessagesGetValidDistinctIdsAndWireSizes() throws Exception {
    String a = store.deliver("alice", bytes("a\n"));
    String b = store.deliver("alice", bytes("bb\r\n"));
    assertNotEquals(a, b);
    assertTrue(UniqueIds.isValid(a) && UniqueIds.isValid(b));
    try (Mailbox box = store.open(null, ALICE)) {
      assertEquals(
          java.util.List.of(
              new MessageInfo(a, 3), new MessageInfo(b, WireSize.of(bytes("bb\r\n")))),
          box.messages());
    }
  }

  @Test
  void deliverKeepsACopyOfTheBytes() throws Exception {
    byte[] original = bytes("abc\n");
    store.deliver("alice", original);
    original[0] = 'X';
    try (Mailbox box = store.open(null, ALICE);
        InputStream in = box.open(0)) {
      assertArrayEquals(bytes("abc\n"), in.readAllBytes());
    }
  }

  @Test
  void aSecondOpenIsInUseUntilTheFirstCloses() throws Exception {
    Mailbox first = store.open(null, ALICE);
    MailStoreException e = assertThrows(MailStoreException.class, () -> store.open(null, ALICE));
    assertEquals(MailStoreException.Kind.IN_USE, e.kind());
    store.open(null, Account.named("bob")).close();
    first.close();
    store.open(null, ALICE).close();
  }

  @Test
  void closingTwiceDoesNotReleaseSomeoneElsesLock() throws Exception {
    Mailbox first = store.open(null, ALICE);
    first.close();
    Mailbox second = store.open(null, ALICE);
    first.close();
    assertThrows(MailStoreException.class, () -> store.open(null, ALICE));
    second.close();
  }

  @Test
  void updateRemovesExactlyTheGivenIndexes() throws Exception {
    String a = store.deliver("alice", bytes("a\n"));
    store.deliver("alice", bytes("b\n"));
    String c = store.deliver("alice", bytes("c\n"));
    try (Mailbox box = store.open(null, ALICE)) {
      String late = store.deliver("alice", bytes("late\n"));
      assertEquals(3, box.messages().size(), "the snapshot is fixed at open");
      assertTrue(box.update(Set.of(1), Set.of(0)).complete());
      assertEquals(
          java.util.List.of(a, c, late),
          store.messages("alice").stream().map(MemoryMailStore.StoredMessage::uniqueId).toList());
    }
  }

  @Test
  void closeWithoutUpdateRemovesNothing() throws Exception {
    store.deliver("alice", bytes("a\n"));
    store.open(null, ALICE).close();
    assertEquals(1, store.messages("alice").size());
  }

  @Test
  void anUnknownUserHasAnEmptyMailbox() throws Exception {
    try (Mailbox box = store.open(null, Account.named("nobody"))) {
      assertTrue(box.messages().isEmpty());
    }
  }

  @Test
  void removeTakesOneMessageOutAndSaysWhetherItWasThere() throws Exception {
    String a = store.deliver("alice", bytes("a\n"));
    String b = store.deliver("alice", bytes("b\n"));

    assertTrue(store.remove("alice", a));
    assertFalse(store.remove("alice", a));
    assertFalse(store.remove("bob", b));

    assertEquals(
        List.of(b),
        store.messages("alice").stream().map(MemoryMailStore.StoredMessage::uniqueId).toList());
  }

  @Test
  void clearEmptiesOneMailboxAndCountsWhatItRemoved() {
    store.deliver("alice", bytes("a\n"));
    store.deliver("alice", bytes("b\n"));
    store.deliver("bob", bytes("c\n"));

    assertEquals(2, store.clear("alice"));

    assertEquals(0, store.messages("alice").size());
    assertEquals(1, store.messages("bob").size());
    assertEquals(0, store.clear("nobody"));
  }

  @Test
  void clearWithoutAUserEmptiesEveryMailbox() {
    store.deliver("alice", bytes("a\n"));
    store.deliver("bob", bytes("b\n"));

    assertEquals(2, store.clear());

    assertEquals(0, store.messages("alice").size());
    assertEquals(0, store.messages("bob").size());
  }

  @Test
  void aMessageClearedDuringASessionReadsAsExpunged() throws Exception {
    store.deliver("alice", bytes("a\n"));
    try (Mailbox box = store.open(null, ALICE)) {
      store.clear("alice");

      assertEquals(1, box.messages().size(), "the session keeps its snapshot");
      assertThrows(MessageExpungedException.class, () -> box.open(0));
    }
  }
}
