package io.mdpop3j.core.memory;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.spi.UpdateResult;
import io.mdpop3j.core.wire.WireSize;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mail store that keeps messages in memory, for tests and embedding. Each user's mailbox may be
 * open in one session at a time (RFC 1939 section 8); a second session gets {@code [IN-USE]}.
 */
public final class MemoryMailStore implements MailStore {

  /** A store with no mailboxes yet. */
  public MemoryMailStore() {}

  /** One stored message. */
  @SuppressWarnings("ArrayRecordComponent") // message bytes; identity is the unique-id
  public record StoredMessage(String uniqueId, byte[] content, long size) {}

  private final Map<String, List<StoredMessage>> boxes = new HashMap<>();
  private final Set<String> locked = new HashSet<>();
  private final AtomicLong sequence = new AtomicLong();

  /** Adds a message to {@code user}'s mailbox; returns its unique id. */
  public synchronized String deliver(String user, byte[] message) {
    String uid = "mem" + sequence.incrementAndGet() + "." + Long.toHexString(System.nanoTime());
    boxes
        .computeIfAbsent(user, u -> new ArrayList<>())
        .add(new StoredMessage(uid, message.clone(), WireSize.of(message)));
    return uid;
  }

  /** The messages now in {@code user}'s mailbox, oldest first. */
  public synchronized List<StoredMessage> messages(String user) {
    return List.copyOf(boxes.getOrDefault(user, List.of()));
  }

  /**
   * Removes the message {@code uniqueId} from {@code user}'s mailbox; a session that listed it
   * before then gets {@code -ERR} if it asks for it.
   *
   * @return whether the mailbox held the message
   */
  public synchronized boolean remove(String user, String uniqueId) {
    List<StoredMessage> box = boxes.get(user);
    return box != null && box.removeIf(m -> m.uniqueId().equals(uniqueId));
  }

  /**
   * Empties {@code user}'s mailbox; sessions already open keep their listing, as after a deletion
   * by another session.
   *
   * @return the number of messages removed
   */
  public synchronized int clear(String user) {
    List<StoredMessage> box = boxes.remove(user);
    return box == null ? 0 : box.size();
  }

  /**
   * Empties every mailbox.
   *
   * @return the number of messages removed
   */
  public synchronized int clear() {
    int removed = 0;
    for (List<StoredMessage> box : boxes.values()) {
      removed += box.size();
    }
    boxes.clear();
    return removed;
  }

  @Override
  public synchronized Mailbox open(Session session, Account account) throws MailStoreException {
    String user = account.user();
    if (!locked.add(user)) {
      throw new MailStoreException(
          MailStoreException.Kind.IN_USE, "Mailbox is locked by another POP3 session.");
    }
    return new MemoryMailbox(user, List.copyOf(boxes.getOrDefault(user, List.of())));
  }

  private synchronized void remove(String user, Set<String> uids) {
    List<StoredMessage> box = boxes.get(user);
    if (box != null) {
      box.removeIf(m -> uids.contains(m.uniqueId()));
    }
  }

  private synchronized boolean contains(String user, String uid) {
    for (StoredMessage m : boxes.getOrDefault(user, List.of())) {
      if (m.uniqueId().equals(uid)) {
        return true;
      }
    }
    return false;
  }

  private synchronized void unlock(String user) {
    locked.remove(user);
  }

  private final class MemoryMailbox implements Mailbox {
    private final String user;
    private final List<StoredMessage> snapshot;
    private final List<MessageInfo> infos;
    private boolean closed;

    MemoryMailbox(String user, List<StoredMessage> snapshot) {
      this.user = user;
      this.snapshot = snapshot;
      List<MessageInfo> list = new ArrayList<>(snapshot.size());
      for (StoredMessage m : snapshot) {
        list.add(new MessageInfo(m.uniqueId(), m.size()));
      }
      this.infos = List.copyOf(list);
    }

    @Override
    public List<MessageInfo> messages() {
      return infos;
    }

    @Override
    public InputStream open(int index) throws MessageExpungedException {
      StoredMessage m = snapshot.get(index);
      if (!contains(user, m.uniqueId())) {
        throw new MessageExpungedException(index);
      }
      return new ByteArrayInputStream(m.content());
    }

    @Override
    public UpdateResult update(Set<Integer> deleted, Set<Integer> retrieved) {
      Set<String> uids = new HashSet<>();
      for (int index : deleted) {
        uids.add(snapshot.get(index).uniqueId());
      }
      remove(user, uids);
      return UpdateResult.allRemoved();
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        unlock(user);
      }
    }
  }
}
