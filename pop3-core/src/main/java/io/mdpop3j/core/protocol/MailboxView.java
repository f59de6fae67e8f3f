package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.UpdateResult;
import io.mdpop3j.core.wire.UniqueIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox as one session sees it: the snapshot taken at login, whose numbering never changes
 * (RFC 1939 section 5), the messages marked deleted and those retrieved, and the live counts STAT
 * and LIST report. Empty until the session enters TRANSACTION.
 */
final class MailboxView {

  private static final Logger log = LoggerFactory.getLogger(MailboxView.class);

  private Mailbox mailbox;
  private List<MessageInfo> messages = List.of();
  private final BitSet deleted = new BitSet();
  private final BitSet retrieved = new BitSet();
  private int liveCount;
  private long liveBytes;
  private long bytesRetrieved;
  private int messagesRemoved;

  /** Takes over {@code opened} with its checked {@code snapshot}. */
  void open(Mailbox opened, List<MessageInfo> snapshot) {
    this.mailbox = opened;
    this.messages = snapshot;
    resetDeleted();
  }

  boolean isOpen() {
    return mailbox != null;
  }

  int messageCount() {
    return messages.size();
  }

  MessageInfo message(int index) {
    return messages.get(index);
  }

  boolean isDeleted(int index) {
    return deleted.get(index);
  }

  void markDeleted(int index) {
    deleted.set(index);
    liveCount--;
    liveBytes -= messages.get(index).size();
  }

  /** RSET (RFC 1939 section 5): every mark removed, the snapshot kept as it is. */
  void resetDeleted() {
    deleted.clear();
    liveCount = messages.size();
    long total = 0;
    for (MessageInfo m : messages) {
      total += m.size();
    }
    liveBytes = total;
  }

  int liveCount() {
    return liveCount;
  }

  long liveBytes() {
    return liveBytes;
  }

  boolean anyDeleted() {
    return !deleted.isEmpty();
  }

  /**
   * Opens the message at {@code index} for sending after {@code reply}; an {@code -ERR} in its
   * place when the message is gone or unreadable.
   */
  Action open(int index, Reply reply, OptionalLong bodyLines, LongConsumer whenSent) {
    try {
      return Action.sendMessage(reply, new MessageBody(mailbox.open(index), bodyLines, whenSent));
    } catch (MessageExpungedException e) {
      return Action.send(Reply.err("Message " + (index + 1) + " expunged."));
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read message {}: {}", index + 1, e.toString());
      return Action.send(
          Reply.err(ResponseCode.SYS_TEMP, "Message " + (index + 1) + " could not be read."));
    }
  }

  /**
   * Records that the whole message at {@code index} was sent, its last octet written, with {@code
   * wireSize} octets (its RFC 1939 size, counted while sending): only now is it retrieved (and, at
   * QUIT or with commit-on-error, marked seen). A size that differs from the snapshot's is logged
   * and reported to the store, which may have cached a stale one.
   */
  void retrieved(int index, long wireSize) {
    retrieved.set(index);
    bytesRetrieved += wireSize;
    long announced = messages.get(index).size();
    if (wireSize != announced && mailbox != null) {
      log.warn("message {} has wire size {} but the store said {}", index + 1, wireSize, announced);
      mailbox.sizeMismatch(index, wireSize);
    }
  }

  /** The UPDATE state's work (RFC 1939 section 6): removes the deleted, marks the retrieved. */
  UpdateResult update() throws MailStoreException {
    UpdateResult result = mailbox.update(indexes(deleted), indexes(retrieved));
    messagesRemoved = deleted.cardinality() - result.notRemoved().size();
    return result;
  }

  /** Releases the mailbox; safe to call more than once. */
  void close() {
    if (mailbox != null) {
      try {
        mailbox.close();
      } catch (RuntimeException e) {
        log.warn("closing the mailbox failed: {}", e.toString());
      }
      mailbox = null;
    }
  }

  int retrievedCount() {
    return retrieved.cardinality();
  }

  long bytesRetrieved() {
    return bytesRetrieved;
  }

  int markedDeleted() {
    return deleted.cardinality();
  }

  int messagesRemoved() {
    return messagesRemoved;
  }

  private static Set<Integer> indexes(BitSet bits) {
    Set<Integer> set = new HashSet<>();
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      set.add(i);
    }
    return set;
  }

  /**
   * Snapshot entries that obey RFC 1939's unique-id rule and the host's limits; the store's own
   * list when it needed no change (the common case, and 100,000 entries are worth not copying).
   */
  static List<MessageInfo> checkedSnapshot(List<MessageInfo> raw, int maxMessages, long maxBytes) {
    List<MessageInfo> out = null;
    Set<String> seen = new HashSet<>(raw.size() * 4 / 3 + 1);
    long bytes = 0;
    for (int i = 0; i < raw.size(); i++) {
      MessageInfo m = raw.get(i);
      if (i >= maxMessages || bytes + m.size() > maxBytes) {
        log.info("snapshot limited to {} messages, {} octets", i, bytes);
        return List.copyOf(out != null ? out : raw.subList(0, i));
      }
      String uid = m.uniqueId();
      if (!UniqueIds.isValid(uid)) {
        String replacement = UniqueIds.digest(uid);
        log.warn("store gave an invalid unique-id; using {}", replacement);
        uid = replacement;
      }
      if (!seen.add(uid)) {
        uid = UniqueIds.digest(uid + "#" + i);
        seen.add(uid);
      }
      if (out == null && !uid.equals(m.uniqueId())) {
        out = new ArrayList<>(raw.subList(0, i));
      }
      if (out != null) {
        out.add(uid.equals(m.uniqueId()) ? m : new MessageInfo(uid, m.size()));
      }
      bytes += m.size();
    }
    return out != null ? List.copyOf(out) : raw;
  }
}
