package io.mdpop3j.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * A mailbox snapshot taken when it was opened. Numbering never changes while it is open: message
 * number {@code n} of the protocol is {@code messages().get(n - 1)}.
 *
 * <p>One session uses a mailbox from one thread at a time.
 */
public interface Mailbox extends AutoCloseable {

  /** The messages of the snapshot, oldest first; unmodifiable. */
  List<MessageInfo> messages();

  /**
   * Opens the stored bytes of the message at {@code index} (0-based), as stored: the server turns
   * them into the wire form. Callers close the stream.
   *
   * @throws MessageExpungedException when another program removed the message since the snapshot
   */
  InputStream open(int index) throws IOException;

  /**
   * Runs the UPDATE state (RFC 1939 section 6): removes the messages at the {@code deleted}
   * indexes, and records which were {@code retrieved} (a Maildir sets the Seen flag). Called at
   * most once, only after the client said QUIT (or the host asked for commit-on-error).
   */
  UpdateResult update(Set<Integer> deleted, Set<Integer> retrieved) throws MailStoreException;

  /**
   * Told when a whole message was sent and its wire size, counted while sending, differs from
   * {@link MessageInfo#size()}: a store that caches sizes should forget the one for {@code index}.
   * The default does nothing.
   */
  default void sizeMismatch(int index, long actualSize) {}

  /** Releases locks and files without deleting anything. Safe to call more than once. */
  @Override
  void close();
}
