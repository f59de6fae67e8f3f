package io.mdpop3j.maildir;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreException.Kind;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.maildir.MaildirSettings.LockMode;
import io.mdpop3j.maildir.MaildirSettings.Sizes;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves qmail-style Maildirs (cr.yp.to/proto/maildir.html): the messages of {@code new/} and
 * {@code cur/}, oldest first, with the base name as unique-id and exact wire sizes. Thread-safe:
 * each session opens its own snapshot. See docs/maildir.md for the exact on-disk behaviour.
 */
public final class MaildirStore implements MailStore {

  private static final Logger log = LoggerFactory.getLogger(MaildirStore.class);

  /** How often one Maildir's tmp/ is cleaned at most (see {@link TmpCleanupSchedule}). */
  private static final Duration TMP_CLEANUP_INTERVAL = Duration.ofHours(1);

  private final MaildirSettings settings;
  private final HostIdentity host;

  /** Tells the kind of a Maildir's file system; replaced in tests to play a network mount. */
  private final Function<Path, FileSystemKind> fileSystems;

  private final TmpCleanupSchedule tmpCleanups =
      new TmpCleanupSchedule(TMP_CLEANUP_INTERVAL, System::nanoTime);

  /** A store with the given settings. */
  public MaildirStore(MaildirSettings settings) {
    this(settings, FileSystemKind::ofMaildir);
  }

  /** A store that takes the kind of a Maildir's file system from {@code fileSystems}. */
  MaildirStore(MaildirSettings settings, Function<Path, FileSystemKind> fileSystems) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.fileSystems = Objects.requireNonNull(fileSystems, "fileSystems");
    this.host = HostIdentity.local(settings.lockHost());
  }

  /** A store with {@link MaildirSettings#defaults()}. */
  public MaildirStore() {
    this(MaildirSettings.defaults());
  }

  /** The settings this store uses. */
  public MaildirSettings settings() {
    return settings;
  }

  @Override
  public Mailbox open(Session session, Account account) throws MailStoreException {
    Path maildir = locate(account);
    if (!MaildirFolders.prepare(session, maildir, account, settings.missing())) {
      return MaildirMailbox.empty(settings);
    }
    MaildirLock lock =
        settings.lock() == LockMode.SESSION
            ? MaildirLock.acquire(maildir, settings.lockStaleAfter(), host)
            : null;
    try {
      if (settings.tmpCleanup() && tmpCleanups.due(maildir)) {
        TmpCleaner.clean(maildir);
      }
      MaildirScanner.Scan scan =
          MaildirScanner.scan(
              maildir, settings.sizes(), settings.sizeCache(), trustsFolderStamps(maildir));
      MaildirMailbox box =
          new MaildirMailbox(maildir, settings, lock, scan.found(), scan.cacheWrite());
      lock = null;
      return box;
    } catch (IOException e) {
      throw MaildirFolders.unreadable(session, maildir, e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * Whether an unchanged stamp of {@code maildir}'s folders may stand for their listing this open
   * (see {@link MaildirSettings.StampTrust}). The file system is asked at each open, as a Maildir
   * may be moved or a mount changed while the server runs; {@code statfs(2)} costs microseconds.
   */
  private boolean trustsFolderStamps(Path maildir) {
    if (!settings.sizeCache() || settings.sizes() != Sizes.EXACT) {
      return false; // no cached listing to reuse
    }
    return switch (settings.trustFolderStamps()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> {
        FileSystemKind kind = fileSystems.apply(maildir);
        if (kind != FileSystemKind.LOCAL) {
          log.debug("{}: {} file system, its folders are listed at every open", maildir, kind);
        }
        yield kind == FileSystemKind.LOCAL;
      }
    };
  }

  /**
   * Where {@code account}'s Maildir is: its maildir override (relative to the home directory when
   * relative), else {@code home/<subdir>}.
   */
  public Path locate(Account account) throws MailStoreException {
    Optional<Path> home = account.home();
    try {
      if (account.maildir().isPresent()) {
        Path override = Path.of(account.maildir().get());
        if (override.isAbsolute()) {
          return override;
        }
        return home.orElseThrow(() -> noHome(account)).resolve(override);
      }
      Path base = home.orElseThrow(() -> noHome(account));
      return settings.subdir().equals(".") ? base : base.resolve(settings.subdir());
    } catch (InvalidPathException e) {
      log.warn("account {}: Maildir path is not valid: {}", account.user(), e.getMessage());
      throw new MailStoreException(Kind.PERMANENT, "Mailbox location is not valid.", e);
    }
  }

  private static MailStoreException noHome(Account account) {
    log.warn("account {} has no home directory and no Maildir override", account.user());
    return new MailStoreException(Kind.PERMANENT, "Account has no home directory.");
  }
}
