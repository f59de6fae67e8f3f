package io.mdpop3j.core.spi;

/**
 * Opens mailboxes. Implementations must be thread-safe; each session opens its own {@link Mailbox}.
 */
public interface MailStore {

  /**
   * Opens the mailbox of {@code account} and takes its snapshot.
   *
   * @throws MailStoreException with {@link MailStoreException.Kind#IN_USE} when another session
   *     holds it, or another kind when it cannot be read
   */
  Mailbox open(Session session, Account account) throws MailStoreException;
}
