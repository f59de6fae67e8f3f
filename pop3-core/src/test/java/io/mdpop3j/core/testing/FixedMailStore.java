package io.mdpop3j.core.testing;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.spi.UpdateResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail store whose every mailbox holds the same fixed messages with ids the test chooses (valid
 * or not), and whose update outcome and read failures the test scripts. It records what the session
 * asked of it.
 */
public final class FixedMailStore implements MailStore {

  /** What {@link Mailbox#update} does. */
  public interface UpdateScript {
    UpdateResult run(Set<Integer> deleted) throws MailStoreException;
  }

  private final List<String> ids = new ArrayList<>();
  private final List<byte[]> contents = new ArrayList<>();
  private final Map<Integer, IOException> readFailures = new java.util.HashMap<>();
  private UpdateScript update = deleted -> UpdateResult.allRemoved();

  /** Each call to update, with the indexes it was given. */
  public final List<Set<Integer>> updates = new CopyOnWriteArrayList<>();

  /** How many mailboxes were closed. */
  public final AtomicInteger closed = new AtomicInteger();

  /** Adds a message with the given id (not checked) and content. */
  public FixedMailStore add(String uniqueId, byte[] content) {
    ids.add(uniqueId);
    contents.add(content.clone());
    return this;
  }

  /** Makes {@link Mailbox#open} of {@code index} throw {@code failure}. */
  public FixedMailStore failReading(int index, IOException failure) {
    readFailures.put(index, failure);
    return this;
  }

  /** Sets what {@link Mailbox#update} does. */
  public FixedMailStore onUpdate(UpdateScript script) {
    this.update = script;
    return this;
  }

  @Override
  public Mailbox open(Session session, Account account) {
    List<MessageInfo> infos = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      infos.add(new MessageInfo(ids.get(i), io.mdpop3j.core.wire.WireSize.of(contents.get(i))));
    }
    List<MessageInfo> snapshot = List.copyOf(infos);
    return new Mailbox() {
      @Override
      public List<MessageInfo> messages() {
        return snapshot;
      }

      @Override
      public InputStream open(int index) throws IOException {
        IOException failure = readFailures.get(index);
        if (failure != null) {
          throw failure;
        }
        return new ByteArrayInputStream(contents.get(index));
      }

      @Override
      public UpdateResult update(Set<Integer> deleted, Set<Integer> retrieved)
          throws MailStoreException {
        updates.add(Set.copyOf(deleted));
        return update.run(deleted);
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
  }
}
