package io.mdpop3j.junit;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.spi.UpdateResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Wraps the real store to record retrievals and deletions for the test, and to inject the faults it
 * asked for. The real store still does all the work.
 */
final class RecordingMailStore implements MailStore {

  private final MailStore delegate;
  private final SessionRecorder recorder;
  private final Faults faults;

  RecordingMailStore(MailStore delegate, SessionRecorder recorder, Faults faults) {
    this.delegate = delegate;
    this.recorder = recorder;
    this.faults = faults;
  }

  MailStore delegate() {
    return delegate;
  }

  @Override
  public Mailbox open(Session session, Account account) throws MailStoreException {
    return new RecordingMailbox(session, delegate.open(session, account));
  }

  private final class RecordingMailbox implements Mailbox {
    private final Session session;
    private final Mailbox box;

    RecordingMailbox(Session session, Mailbox box) {
      this.session = session;
      this.box = box;
    }

    @Override
    public List<MessageInfo> messages() {
      return box.messages();
    }

    @Override
    public InputStream open(int index) throws IOException {
      Faults.pause(faults.retrievalDelay);
      InputStream in = box.open(index);
      recorder.opened(session, box.messages().get(index).uniqueId());
      return in;
    }

    @Override
    public UpdateResult update(Set<Integer> deleted, Set<Integer> retrieved)
        throws MailStoreException {
      if (!deleted.isEmpty() && Faults.take(faults.failingDeletions)) {
        // As a store that could not unlink its files: nothing removed, worth retrying later.
        box.update(Set.of(), retrieved);
        return record(new UpdateResult(deleted, true), deleted);
      }
      return record(box.update(deleted, retrieved), deleted);
    }

    private UpdateResult record(UpdateResult result, Set<Integer> deleted) {
      Set<Integer> removed = new TreeSet<>(deleted);
      removed.removeAll(result.notRemoved());
      recorder.updated(session, ids(removed), ids(result.notRemoved()));
      return result;
    }

    private List<String> ids(Set<Integer> indexes) {
      List<String> out = new ArrayList<>();
      for (int i : new TreeSet<>(indexes)) {
        out.add(box.messages().get(i).uniqueId());
      }
      return out;
    }

    @Override
    public void close() {
      box.close();
    }
  }
}
