package io.mdpop3j.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Maildirs of one running extension: {@code <root>/<user>/Maildir}, delivered to as a delivery
 * agent does (write in {@code tmp/}, then rename into {@code new/}; cr.yp.to/proto/maildir.html).
 */
final class MaildirFolders {

  /** The Maildir below each home, the maildir store's default {@code maildir.subdir}. */
  static final String SUBDIR = "Maildir";

  private final Path root;
  private final AtomicLong sequence = new AtomicLong();
  private long lastMtime;

  MaildirFolders(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** The home directory of {@code user}; refuses names that are not one plain path segment. */
  static Path home(Path root, String user) {
    if (user.isEmpty()
        || user.equals(".")
        || user.equals("..")
        || user.indexOf('/') >= 0
        || user.indexOf('\\') >= 0
        || user.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "user name " + user + " cannot be a home directory name; use a plain name like alice");
    }
    return root.resolve(user);
  }

  Path maildir(String user) {
    return home(root, user).resolve(SUBDIR);
  }

  /** Creates {@code user}'s Maildir with cur/, new/ and tmp/ if missing; returns it. */
  Path create(String user) {
    Path maildir = maildir(user);
    try {
      for (String sub : new String[] {"cur", "new", "tmp"}) {
        Files.createDirectories(maildir.resolve(sub));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Maildir " + maildir, e);
    }
    return maildir;
  }

  /** Delivers {@code message} into {@code user}'s new/; returns its unique-id (the file name). */
  synchronized String deliver(String user, byte[] message) {
    Path maildir = create(user);
    long now = System.currentTimeMillis();
    // Unique per delivery: time, sequence and process, as qmail's time.MusecPpid.host.
    String name =
        String.format(
            "%d.M%06dP%dQ%08d.mdpop3j-junit",
            now / 1000,
            (now % 1000) * 1000,
            ProcessHandle.current().pid(),
            sequence.incrementAndGet());
    Path tmp = maildir.resolve("tmp").resolve(name);
    Path target = maildir.resolve("new").resolve(name);
    try {
      Files.write(tmp, message);
      // The store lists oldest first by modification time: keep delivery order even within a tick.
      lastMtime = Math.max(now, lastMtime + 1);
      Files.setLastModifiedTime(tmp, FileTime.fromMillis(lastMtime));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deliver into " + maildir, e);
    }
    return name;
  }

  /**
   * Removes every message of {@code user}'s Maildir ({@code new/} and {@code cur/}) and returns how
   * many; the folders stay. A session that listed a removed message gets {@code -ERR} for it.
   */
  int purge(String user) {
    int removed = 0;
    for (String sub : new String[] {"new", "cur"}) {
      Path folder = maildir(user).resolve(sub);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (java.util.stream.Stream<Path> files = Files.list(folder)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
            removed++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot purge " + folder, e);
      }
    }
    return removed;
  }

  /** Removes {@code user}'s home directory with its Maildir. */
  void remove(String user) {
    deleteTree(home(root, user));
  }

  /** Removes a whole tree; what cannot be removed is left for the OS to clean. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // A leftover temporary folder must not fail the test that used it.
    }
  }
}
