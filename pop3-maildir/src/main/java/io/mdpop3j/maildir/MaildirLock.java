package io.mdpop3j.maildir;

import io.mdpop3j.core.spi.MailStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session lock of one Maildir (RFC 1939 section 8: exclusive access to the maildrop): the file
 * {@value #FILE_NAME} in the Maildir, made visible complete and atomically by a hard link ({@code
 * link(2)} is exclusive across the clients of NFS and GlusterFS too), holding {@code pid=}, {@code
 * host=}, {@code lock-host=}, {@code pid-space=}, {@code time=} and {@code token=} lines. The
 * holder touches it every third of the stale age. Another session takes it over when it is stale
 * (see {@link LockOwner}): its modification time is older than the stale age, or its owner's
 * process is gone and the owner is of this host and PID space. Within one JVM a set of held
 * Maildirs answers first, so two sessions of one process never race on the file.
 */
final class MaildirLock implements AutoCloseable {
  static final String FILE_NAME = "mdpop3j-pop3.lock";

  private static final Logger log = LoggerFactory.getLogger(MaildirLock.class);
  private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();
  private static final int ATTEMPTS = 5;

  /**
   * How often a lock file is read again when reading it failed with an I/O error other than its
   * absence: on NFS a file another host removed or replaced can answer ESTALE for a moment.
   */
  private static final int READ_ATTEMPTS = 3;

  /** A lock file is about 100 bytes; more is not ours and is not read. */
  private static final int MAX_LOCK_BYTES = 4096;

  private static ScheduledThreadPoolExecutor refresher;

  private final Path file;
  private final Object key;
  private final String token;
  private final ScheduledFuture<?> refresh;
  private boolean released;

  private MaildirLock(Path file, Object key, String token, Duration staleAfter) {
    this.file = file;
    this.key = key;
    this.token = token;
    long period = Math.max(250, staleAfter.toMillis() / 3);
    this.refresh =
        refresher().scheduleAtFixedRate(this::touch, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code maildir}.
   *
   * @throws MailStoreException {@code IN_USE} when a live session holds it, {@code TEMPORARY} when
   *     the lock file cannot be written
   */
  static MaildirLock acquire(Path maildir, Duration staleAfter, HostIdentity self)
      throws MailStoreException {
    Path file = maildir.resolve(FILE_NAME);
    Object key;
    try {
      // The directory's identity (device and inode on Linux): one stat, where toRealPath()
      // cost a readlink per path component on every login. Paths through links agree.
      BasicFileAttributes attributes = Files.readAttributes(maildir, BasicFileAttributes.class);
      key = attributes.fileKey() != null ? attributes.fileKey() : maildir.toRealPath();
    } catch (IOException e) {
      throw cannotLock(maildir, e);
    }
    if (!HELD.add(key)) {
      throw inUse();
    }
    boolean done = false;
    try {
      String token = hexToken();
      create(maildir, file, token, staleAfter, self);
      done = true;
      return new MaildirLock(file, key, token, staleAfter);
    } finally {
      if (!done) {
        HELD.remove(key);
      }
    }
  }

  private static void create(
      Path maildir, Path file, String token, Duration staleAfter, HostIdentity self)
      throws MailStoreException {
    Path mine = maildir.resolve(FILE_NAME + "." + token);
    try {
      Files.writeString(mine, content(token, self), StandardOpenOption.CREATE_NEW);
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        try {
          Files.createLink(file, mine);
          return;
        } catch (FileAlreadyExistsException e) {
          refuseIfNotAFile(file);
          if (!takeOverIfStale(maildir, file, staleAfter, self)) {
            throw inUse();
          }
        } catch (UnsupportedOperationException e) {
          // No hard links here: O_EXCL creation is atomic too, but may be seen half written.
          Files.write(file, Files.readAllBytes(mine), StandardOpenOption.CREATE_NEW);
          return;
        }
      }
      log.warn("{} is in the way and is not a lock file this store can take over", file);
      throw inUse();
    } catch (FileAlreadyExistsException e) {
      refuseIfNotAFile(file);
      throw inUse();
    } catch (IOException e) {
      throw cannotLock(maildir, e);
    } finally {
      try {
        Files.deleteIfExists(mine);
      } catch (IOException e) {
        log.warn("could not remove {}: {}", mine, e.toString());
      }
    }
  }

  /**
   * Removes the lock file when stale. The file is first renamed to a unique name, so that of two
   * sessions judging it stale only one removes it; when what was renamed is no longer what was
   * judged (a new lock came meanwhile), it is put back.
   */
  private static boolean takeOverIfStale(
      Path maildir, Path file, Duration staleAfter, HostIdentity self) throws IOException {
    String seen;
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
      seen = readAgainOnError(file);
    } catch (NoSuchFileException e) {
      return true; // released or taken over meanwhile: try to link again
    }
    String why = LockOwner.of(parse(seen)).staleness(self, modified, staleAfter);
    if (why == null) {
      return false;
    }
    Path aside =
        maildir.resolve(
            FILE_NAME + ".stale." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return true;
    }
    String moved;
    try {
      moved = readAgainOnError(aside);
    } catch (NoSuchFileException e) {
      return true; // another session moved it on; the next link decides
    }
    if (!moved.equals(seen)) {
      try {
        Files.createLink(file, aside);
      } catch (FileAlreadyExistsException e) {
        // Someone locked meanwhile; the lock we moved aside was theirs or stale.
      }
      Files.deleteIfExists(aside);
      return false;
    }
    Files.deleteIfExists(aside);
    log.info("took over stale POP3 lock {} ({}): {}", file, why, seen.replace('\n', ' '));
    return true;
  }

  /** A lock file's text; ISO-8859-1 so that no byte sequence fails to decode. */
  static String read(Path file) throws IOException {
    return new String(MessageFile.readHead(file, MAX_LOCK_BYTES), StandardCharsets.ISO_8859_1);
  }

  /**
   * A lock file's text, read again when reading fails with an I/O error other than its absence (NFS
   * answers ESTALE for a file another host removed or replaced after this client looked it up; a
   * fresh look-up finds what is there now).
   *
   * @throws NoSuchFileException when the file is gone
   */
  static String readAgainOnError(Path file) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return read(file);
      } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
        throw e;
      } catch (IOException e) {
        if (attempt >= READ_ATTEMPTS) {
          throw e;
        }
        log.debug("reading {} failed, reading it again: {}", file, e.toString());
      }
    }
  }

  static Map<String, String> parse(String content) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : content.split("\n", 0)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return fields;
  }

  static String content(String token, HostIdentity self) {
    return LockOwner.lines(self)
        + "time="
        + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "\ntoken="
        + token
        + "\n";
  }

  private void touch() {
    try {
      if (!ownsFile()) {
        log.warn("POP3 lock {} is gone or was taken over by another session", file);
        refresh.cancel(false);
        return;
      }
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException | RuntimeException e) {
      log.warn("could not refresh POP3 lock {}: {}", file, e.toString());
    }
  }

  private boolean ownsFile() throws IOException {
    try {
      return token.equals(parse(readAgainOnError(file)).get("token"));
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Releases the lock: removes the file if it is still ours. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    refresh.cancel(false);
    try {
      if (ownsFile()) {
        Files.deleteIfExists(file); // gone meanwhile (another host's clean-up): nothing to do
      }
    } catch (IOException e) {
      log.warn("could not remove POP3 lock {}: {}", file, e.toString());
    } finally {
      HELD.remove(key);
    }
  }

  private static synchronized ScheduledThreadPoolExecutor refresher() {
    if (refresher == null) {
      refresher =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "mdpop3j-maildir-lock-refresh");
                t.setDaemon(true);
                return t;
              });
      refresher.setRemoveOnCancelPolicy(true);
    }
    return refresher;
  }

  /**
   * Refuses the session when something other than a regular file holds the lock's name (a link,
   * directory or FIFO): no session of ours made it, it is never followed nor opened, and it will
   * not go away by itself, so "in use" would be untrue and the wait for it endless.
   */
  private static void refuseIfNotAFile(Path file) throws MailStoreException {
    BasicFileAttributes a;
    try {
      a = MessageFile.stat(file);
    } catch (IOException e) {
      return; // gone meanwhile, or unreadable: the caller's answer stands
    }
    if (a.isRegularFile()) {
      return;
    }
    String what =
        a.isSymbolicLink()
            ? "a symbolic link"
            : a.isDirectory() ? "a directory" : "a FIFO, socket or device";
    log.warn(
        "{} is {}, not a lock file; it is not followed: remove it to let sessions in", file, what);
    throw new MailStoreException(
        MailStoreException.Kind.PERMANENT, "Mailbox lock file is not a regular file.");
  }

  private static MailStoreException inUse() {
    return new MailStoreException(
        MailStoreException.Kind.IN_USE, "Mailbox is locked by another POP3 session.");
  }

  private static MailStoreException cannotLock(Path maildir, IOException e) {
    log.warn("cannot lock Maildir {}: {}", maildir, e.toString());
    return new MailStoreException(
        MailStoreException.Kind.TEMPORARY, "Mailbox cannot be locked now.", e);
  }

  static String hexToken() {
    byte[] b = new byte[8];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
