package io.mdpop3j.maildir;

import io.mdpop3j.maildir.MaildirScanner.Found;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that share one base name (a delivery that reused a unique name, a copy restored from a
 * backup beside the original) are separate messages, though Maildir means a base name to name one
 * message. The unique-id is the base name, so they need others: the file with the lowest inode
 * number keeps the base name's id; each other one gets {@code h-} and the SHA-256 of the base name,
 * a NUL and its inode number (and, for a second name of the same inode, a NUL and its file name).
 * Inode numbers survive renames, so these ids stay while an IMAP server changes flags; and the
 * inode is how the session tells the files apart when it must find one again after a rename.
 */
final class SharedBaseNames {

  private static final Logger log = LoggerFactory.getLogger(SharedBaseNames.class);

  private static final Comparator<Found> BY_INODE =
      Comparator.<Found>comparingLong(f -> f.inode)
          .thenComparingInt(f -> f.folder)
          .thenComparing(f -> f.name);

  private SharedBaseNames() {}

  /**
   * Gives the {@link Found#shared} files of {@code found} their inode and unique-id; a file gone
   * meanwhile leaves {@code found}, and a base name left with one file is not shared any more.
   */
  static void identify(Path maildir, List<Found> found) {
    Map<String, List<Found>> groups = null;
    for (Found f : found) {
      if (f.shared) {
        if (groups == null) {
          groups = new HashMap<>();
        }
        groups.computeIfAbsent(f.base, b -> new ArrayList<>(2)).add(f);
      }
    }
    if (groups == null) {
      return;
    }
    List<Found> gone = new ArrayList<>();
    for (List<Found> group : groups.values()) {
      for (Found f : group) {
        try {
          f.inode = MessageFile.inode(MaildirScanner.path(maildir, f));
        } catch (NoSuchFileException e) {
          gone.add(f);
        } catch (IOException e) {
          log.warn("not serving {}: {}", MaildirScanner.printable(maildir, f), e.toString());
          gone.add(f);
        }
      }
      group.removeAll(gone);
      name(maildir, group);
    }
    found.removeAll(gone);
  }

  private static void name(Path maildir, List<Found> group) {
    if (group.size() < 2) {
      group.forEach(f -> f.shared = false);
      return;
    }
    group.sort(BY_INODE);
    for (int i = 1; i < group.size(); i++) {
      Found f = group.get(i);
      boolean sameInode = group.get(i - 1).inode == f.inode;
      f.uniqueId = UniqueIds.digest(f.base + '\0' + f.inode + (sameInode ? '\0' + f.name : ""));
    }
    log.info(
        "{} files in {} share the base name {}; each is a message of its own",
        group.size(),
        maildir,
        RawFileNames.printable(group.get(0).base));
  }
}
