package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mail store for one-session processes started as root (inetd mode): the first thing {@link
 * #open} does is become the account's user, so the authenticator ran as root (shadow, PAM) and the
 * Maildir is read and changed only as its owner. {@code open} is the seam because it is the first
 * call after a successful login and the first that touches the mailbox.
 */
final class PrivilegeDroppingMailStore implements MailStore {

  private static final Logger log = LoggerFactory.getLogger(PrivilegeDroppingMailStore.class);

  private final MailStore delegate;
  private final PrivilegeDrop drop;

  PrivilegeDroppingMailStore(MailStore delegate, PrivilegeDrop drop) {
    this.delegate = delegate;
    this.drop = drop;
  }

  @Override
  public Mailbox open(Session session, Account account) throws MailStoreException {
    if (drop.runningAsRoot()) {
      try {
        int[] ids = PrivilegeDrop.idsOf(account);
        drop.become(account.user(), ids[0], ids[1], account.home());
        log.debug("now running as uid {} gid {}", ids[0], ids[1]);
      } catch (SecurityException | UnsatisfiedLinkError e) {
        log.error("cannot switch to the account's user: {}", e.getMessage());
        throw new MailStoreException(
            MailStoreException.Kind.PERMANENT, "Mailbox unavailable for this account.");
      }
    }
    return delegate.open(session, account);
  }
}
