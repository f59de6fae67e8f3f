package io.mdpop3j.maildir;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreException.Kind;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.maildir.MaildirSettings.LockMode;
import io.mdpop3j.maildir.MaildirSettings.Missing;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves qmail-style Maildirs (cr.yp.to/proto/maildir.html): the messages of {@code new/} and
 * {@code cur/}, oldest first, with the base name as unique-id and exact wire sizes. Thread-safe:
 * each session opens its own snapshot. See docs/maildir.md for the exact on-disk behaviour.
 */
public final class MaildirStore implements MailStore {

  private static final Logger log = LoggerFactory.getLogger(MaildirStore.class);
  private static final String[] SUBFOLDERS = {"cur", "new", "tmp"};

  /** How often one Maildir's tmp/ is cleaned at most (see {@link TmpCleanupSchedule}). */
  private static final Duration TMP_CLEANUP_INTERVAL = Duration.ofHours(1);

  private final MaildirSettings settings;
  private final TmpCleanupSchedule tmpCleanups =
      new TmpCleanupSchedule(TMP_CLEANUP_INTERVAL, System::nanoTime);

  /** A store with the given settings. */
  public MaildirStore(MaildirSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
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
    if (!checkMaildir(session, maildir, account)) {
      return MaildirMailbox.empty(settings);
    }
    MaildirLock lock =
        settings.lock() == LockMode.SESSION
            ? MaildirLock.acquire(maildir, settings.lockStaleAfter())
            : null;
    try {
      if (settings.tmpCleanup() && tmpCleanups.due(maildir)) {
        TmpCleaner.clean(maildir);
      }
      MaildirScanner.Scan scan =
          MaildirScanner.scan(maildir, settings.sizes(), settings.sizeCache());
      MaildirMailbox box =
          new MaildirMailbox(maildir, settings, lock, scan.found(), scan.cacheWrite());
      lock = null;
      return box;
    } catch (AccessDeniedException e) {
      log.warn("session {}: cannot read Maildir {}: {}", session.id(), maildir, e.toString());
      throw new MailStoreException(Kind.PERMANENT, "Maildir cannot be read: permission denied.", e);
    } catch (IOException e) {
      log.warn("session {}: cannot read Maildir {}: {}", session.id(), maildir, e.toString());
      throw new MailStoreException(Kind.TEMPORARY, "Maildir cannot be read now.", e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
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

  /**
   * Checks the Maildir is whole; returns false when it is missing and {@code missing=empty}.
   *
   * @throws MailStoreException naming what is wrong, without the path (the log has it)
   */
  private boolean checkMaildir(Session session, Path maildir, Account account)
      throws MailStoreException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(maildir, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (settings.missing() == Missing.EMPTY) {
        log.debug("session {}: no Maildir at {}; serving it empty", session.id(), maildir);
        return false;
      }
      if (settings.missing() == Missing.FAIL) {
        log.warn("session {}: no Maildir at {}", session.id(), maildir);
        throw new MailStoreException(Kind.PERMANENT, "Maildir does not exist.");
      }
      create(session, maildir, account);
      return true;
    } catch (AccessDeniedException e) {
      throw unreadable(session, maildir, e);
    } catch (IOException e) {
      log.warn("session {}: cannot read Maildir {}: {}", session.id(), maildir, e.toString());
      throw new MailStoreException(Kind.TEMPORARY, "Maildir cannot be read now.", e);
    }
    if (!a.isDirectory()) {
      log.warn("session {}: {} is not a directory", session.id(), maildir);
      throw new MailStoreException(Kind.PERMANENT, "Maildir is not a directory.");
    }
    for (String sub : SUBFOLDERS) {
      Path dir = maildir.resolve(sub);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        log.warn("session {}: Maildir {} lacks {}/", session.id(), maildir, sub);
        throw new MailStoreException(
            Kind.PERMANENT, "Maildir is incomplete: " + sub + "/ is missing.");
      }
      if (!Files.isReadable(dir)) {
        throw unreadable(session, dir, new AccessDeniedException(dir.toString()));
      }
    }
    return true;
  }

  private static MailStoreException unreadable(Session session, Path path, IOException e) {
    log.warn("session {}: cannot read Maildir {}: {}", session.id(), path, e.toString());
    return new MailStoreException(Kind.PERMANENT, "Maildir cannot be read: permission denied.", e);
  }

  /** Creates the Maildir (not its parents) for {@code missing=create}, owned by the account. */
  private void create(Session session, Path maildir, Account account) throws MailStoreException {
    try {
      createPrivateDirectory(maildir);
      for (String sub : SUBFOLDERS) {
        createPrivateDirectory(maildir.resolve(sub));
      }
      if (account.uid().isPresent() && account.gid().isPresent()) {
        for (Path p :
            new Path[] {
              maildir, maildir.resolve("cur"), maildir.resolve("new"), maildir.resolve("tmp")
            }) {
          Files.setAttribute(p, "unix:uid", account.uid().getAsInt(), LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(p, "unix:gid", account.gid().getAsInt(), LinkOption.NOFOLLOW_LINKS);
        }
      }
      log.info("session {}: created Maildir {}", session.id(), maildir);
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("session {}: cannot create Maildir {}: {}", session.id(), maildir, e.toString());
      throw new MailStoreException(
          Kind.PERMANENT, "Maildir does not exist and cannot be created.", e);
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    try {
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
    }
  }
}
