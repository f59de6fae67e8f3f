package io.mdpop3j.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes files left in {@code tmp/} by deliveries that died: the Maildir specification
 * (cr.yp.to/proto/maildir.html) asks readers to remove files there not accessed for 36 hours.
 */
final class TmpCleaner {

  /** The age the Maildir specification names. */
  static final Duration MAX_AGE = Duration.ofHours(36);

  private static final Logger log = LoggerFactory.getLogger(TmpCleaner.class);

  private TmpCleaner() {}

  /**
   * Removes regular files and links in {@code maildir/tmp} whose access and modification times are
   * both older than {@link #MAX_AGE}; returns how many went. Sub-folders are left alone.
   */
  static int clean(Path maildir) {
    Path tmp = maildir.resolve("tmp");
    String[] names;
    try {
      names = RawFileNames.list(tmp);
    } catch (IOException e) {
      log.warn("could not clean {}: {}", tmp, e.toString());
      return 0;
    }
    Instant limit = Instant.now().minus(MAX_AGE);
    int removed = 0;
    for (String name : names) {
      try {
        Path file = RawFileNames.resolve(tmp, name);
        BasicFileAttributes a = MessageFile.stat(file);
        if (a.isDirectory() || a.isOther()) {
          continue;
        }
        if (a.lastModifiedTime().toInstant().isBefore(limit)
            && a.lastAccessTime().toInstant().isBefore(limit)) {
          Files.deleteIfExists(file);
          removed++;
        }
      } catch (IOException | RuntimeException e) {
        log.warn("could not clean {}: {}", RawFileNames.printable(tmp, name), e.toString());
      }
    }
    if (removed > 0) {
      log.info("removed {} stale file(s) from {}", removed, tmp);
    }
    return removed;
  }
}
