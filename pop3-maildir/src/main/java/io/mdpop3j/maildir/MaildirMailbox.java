package io.mdpop3j.maildir;

import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageExpungedException;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.spi.UpdateResult;
import io.mdpop3j.maildir.MaildirScanner.Found;
import io.mdpop3j.maildir.MaildirSettings.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot of one Maildir for one session. It keeps per message only the current file name, its
 * folder and its size; the unique-id is derived from the name when asked. Nothing on disk changes
 * before {@link #update}, which runs RFC 1939 section 6's UPDATE state.
 */
final class MaildirMailbox implements Mailbox {

  private static final Logger log = LoggerFactory.getLogger(MaildirMailbox.class);

  private final Path maildir;
  private final MaildirSettings settings;
  private final MaildirLock lock;

  /** The snapshot as the server sees it; the unique-id is the base name unless invalid. */
  private final MessageInfo[] infos;

  /** What follows the base name in the current file name ({@code ":2,S"}, often ""); shared. */
  private final String[] suffixes;

  private final byte[] folders;

  /** Base names that are not their unique-id (invalid per RFC 1939, or shared), by index; rare. */
  private final Map<Integer, String> digestedBases;

  /** The inode of each file that shares its base name with another, by index; rare. */
  private final Map<Integer, Long> sharedInodes;

  /** {@code maildir/new} and {@code maildir/cur}, by folder number. */
  private final Path[] folderPaths;

  private final List<MessageInfo> view;

  /** Size-cache writes this snapshot started; close waits for them, so a process can exit. */
  private final List<Future<?>> cacheWrites = new ArrayList<>(1);

  /** Snapshot index by base name, for bases of one file; made at the first relocation. */
  private Map<String, Integer> indexByBase;

  /** Snapshot indices by base name, for bases several files share. */
  private Map<String, int[]> indicesBySharedBase;

  private boolean updated;
  private boolean closed;

  MaildirMailbox(
      Path maildir,
      MaildirSettings settings,
      MaildirLock lock,
      List<Found> found,
      Future<?> cacheWrite) {
    this.maildir = maildir;
    if (cacheWrite != null) {
      cacheWrites.add(cacheWrite);
    }
    this.settings = settings;
    this.lock = lock;
    int n = found.size();
    this.infos = new MessageInfo[n];
    this.suffixes = new String[n];
    this.folders = new byte[n];
    Map<String, String> sharedSuffixes = new HashMap<>();
    Map<Integer, String> digested = new HashMap<>();
    Map<Integer, Long> inodes = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Found f = found.get(i);
      String id = f.uniqueId != null ? f.uniqueId : UniqueIds.of(f.base);
      if (!id.equals(f.base)) {
        digested.put(i, f.base);
      }
      if (f.shared) {
        inodes.put(i, f.inode);
      }
      infos[i] = new MessageInfo(id, f.size);
      suffixes[i] = suffix(f, sharedSuffixes);
      folders[i] = f.folder;
    }
    this.digestedBases = digested.isEmpty() ? Map.of() : Map.copyOf(digested);
    this.sharedInodes = inodes.isEmpty() ? Map.of() : Map.copyOf(inodes);
    this.folderPaths =
        maildir == null
            ? null
            : new Path[] {
              maildir.resolve(MaildirScanner.FOLDERS[MaildirScanner.NEW]),
              maildir.resolve(MaildirScanner.FOLDERS[MaildirScanner.CUR])
            };
    this.view = Collections.unmodifiableList(Arrays.asList(infos));
  }

  /** What follows the base name in {@code f}'s file name, one string per distinct suffix. */
  private static String suffix(Found f, Map<String, String> shared) {
    int at = f.base.length();
    if (f.name.length() == at) {
      return "";
    }
    // Most names end in one of a few suffixes (":2,", ":2,S"): find it without a new string.
    if (shared.size() <= 8) {
      for (String known : shared.keySet()) {
        if (known.length() == f.name.length() - at && f.name.startsWith(known, at)) {
          return known;
        }
      }
    }
    return shared.computeIfAbsent(f.name.substring(at), x -> x);
  }

  /** The mailbox of a Maildir that does not exist: no messages, nothing to change. */
  static MaildirMailbox empty(MaildirSettings settings) {
    return new MaildirMailbox(null, settings, null, List.of(), null);
  }

  @Override
  public List<MessageInfo> messages() {
    return view;
  }

  /**
   * The server counted another wire size while sending the message: forget a cached size (a wrong
   * {@code ,W=} in the name cannot be fixed here), so the next session recomputes it.
   */
  @Override
  public void sizeMismatch(int index, long actualSize) {
    if (maildir == null || settings.sizes() != Sizes.EXACT) {
      return;
    }
    log.warn(
        "{} has wire size {} but the snapshot said {}",
        printable(index),
        actualSize,
        infos[index].size());
    if (settings.sizeCache() && MaildirName.wireSize(base(index)) < 0) {
      cacheWrites.add(SizeCache.forget(maildir, base(index)));
    }
  }

  @Override
  public InputStream open(int index) throws IOException {
    checkOpen();
    Objects.checkIndex(index, infos.length);
    for (int attempt = 0; ; attempt++) {
      try {
        return openExactly(index).stream();
      } catch (NoSuchFileException e) {
        if (attempt > 0 || !relocate(index)) {
          log.debug("message {} is gone: {}", index + 1, e.getMessage());
          throw new MessageExpungedException(index);
        }
      }
    }
  }

  /**
   * Opens the file of message {@code index}; for a file that shares its base name, only if it is
   * still the very file of the snapshot (its inode), so that another is never served in its place.
   */
  private RegularFile openExactly(int index) throws IOException {
    RegularFile file = MessageFile.open(current(index));
    Long inode = sharedInodes.get(index);
    if (inode != null && file.inode() != inode) {
      file.close();
      throw new NoSuchFileException(printable(index), null, "another file under its name");
    }
    return file;
  }

  /** Whether the file now at message {@code index}'s name is the snapshot's (see openExactly). */
  private boolean isTheSnapshotFile(int index, Path file) throws IOException {
    Long inode = sharedInodes.get(index);
    return inode == null || MessageFile.inode(file) == inode;
  }

  @Override
  public UpdateResult update(Set<Integer> deleted, Set<Integer> retrieved) {
    checkOpen();
    if (updated) {
      throw new IllegalStateException("update already ran for this mailbox");
    }
    updated = true;
    Set<Integer> notRemoved = new TreeSet<>();
    for (int index : deleted) {
      Objects.checkIndex(index, infos.length);
      if (!remove(index)) {
        notRemoved.add(index);
      }
    }
    for (int index = 0; index < infos.length; index++) {
      if (!deleted.contains(index)) {
        file(index, settings.markSeen() && retrieved.contains(index));
      }
    }
    if (!notRemoved.isEmpty()) {
      log.warn(
          "{} of {} deleted message(s) stay in {}", notRemoved.size(), deleted.size(), maildir);
    }
    return new UpdateResult(notRemoved, false);
  }

  /** Unlinks one message; gone already counts as removed. */
  private boolean remove(int index) {
    for (int attempt = 0; ; attempt++) {
      Path file = current(index);
      try {
        if (!isTheSnapshotFile(index, file)) {
          throw new NoSuchFileException(printable(index), null, "another file under its name");
        }
        Files.delete(file);
        return true;
      } catch (NoSuchFileException e) {
        if (attempt > 0 || !relocate(index)) {
          return true; // another program removed it: the client's wish is met
        }
      } catch (IOException e) {
        log.warn("could not remove {}: {}", printable(index), e.toString());
        return false;
      }
    }
  }

  /** Moves a kept message from new/ to cur/ and sets the Seen flag, as the settings say. */
  private void file(int index, boolean seen) {
    for (int attempt = 0; ; attempt++) {
      boolean move = folders[index] == MaildirScanner.NEW && settings.moveNew();
      if (!move && !(folders[index] == MaildirScanner.CUR && seen)) {
        return;
      }
      String name = name(index);
      String target;
      if (move) {
        target = MaildirName.inCur(name, seen ? 'S' : 0);
      } else {
        target = MaildirName.inCur(name, 'S');
        if (target.equals(name)) {
          return;
        }
      }
      Path from = current(index);
      Path to = RawFileNames.resolve(folderPaths[MaildirScanner.CUR], target);
      try {
        if (!isTheSnapshotFile(index, from)) {
          throw new NoSuchFileException(printable(index), null, "another file under its name");
        }
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
          throw new FileAlreadyExistsException(to.toString());
        }
        // rename(2) keeps the base name, so the unique-id survives (Maildir specification).
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        suffixes[index] = target.substring(base(index).length());
        folders[index] = MaildirScanner.CUR;
        return;
      } catch (NoSuchFileException e) {
        if (attempt > 0 || !relocate(index)) {
          return;
        }
      } catch (IOException e) {
        log.warn(
            "could not move {} to {}: {}",
            printable(index),
            RawFileNames.printable(target),
            e.toString());
        return;
      }
    }
  }

  /**
   * Finds the messages another program renamed (an IMAP server changing flags) with one listing;
   * returns whether the message at {@code index} was found. A base name names one message while it
   * is the only file of that name in the snapshot and in the listing. Where several files share it,
   * only the inode the snapshot recorded tells which is which; a message whose file cannot be told
   * apart so is not found, rather than another served or deleted in its place.
   */
  private boolean relocate(int index) {
    if (maildir == null) {
      return false;
    }
    indexBases();
    boolean found = false;
    try {
      for (Found f : MaildirScanner.list(maildir)) {
        Integer i = indexByBase.get(f.base);
        if (i != null) {
          if (!f.shared) {
            found |= moveTo(i, f) == index;
          }
          // Shared now but not at the snapshot: which file is the message is not known.
          continue;
        }
        int[] sharing = indicesBySharedBase.get(f.base);
        if (sharing != null) {
          long inode = inodeOrNone(f);
          for (int j : sharing) {
            if (inode >= 0 && sharedInodes.get(j) == inode) {
              found |= moveTo(j, f) == index;
            }
          }
        }
      }
    } catch (IOException e) {
      log.warn("could not list {}: {}", maildir, e.toString());
    }
    return found;
  }

  /** Message {@code index} is now the file {@code f}; returns {@code index}. */
  private int moveTo(int index, Found f) {
    suffixes[index] = f.name.substring(f.base.length());
    folders[index] = f.folder;
    return index;
  }

  private long inodeOrNone(Found f) {
    try {
      return MessageFile.inode(MaildirScanner.path(maildir, f));
    } catch (IOException e) {
      return -1; // gone, or unreadable: not the file of any message
    }
  }

  private void indexBases() {
    if (indexByBase != null) {
      return;
    }
    indexByBase = new HashMap<>(infos.length * 4 / 3 + 1);
    Map<String, int[]> shared = new HashMap<>();
    for (int i = 0; i < infos.length; i++) {
      if (sharedInodes.containsKey(i)) {
        shared.merge(base(i), new int[] {i}, MaildirMailbox::concat);
      } else if (indexByBase.putIfAbsent(base(i), i) != null) {
        // Two snapshot files of one base with no inode known (a forged size cache): neither
        // can be told apart from the other, so neither is found again.
        indexByBase.put(base(i), -1);
      }
    }
    indexByBase.values().removeIf(i -> i < 0);
    indicesBySharedBase = shared;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private String base(int index) {
    String base = digestedBases.get(index);
    return base != null ? base : infos[index].uniqueId();
  }

  private String name(int index) {
    return base(index) + suffixes[index];
  }

  private Path current(int index) {
    if (maildir == null) {
      throw new IllegalStateException("empty mailbox has no files");
    }
    return RawFileNames.resolve(folderPaths[folders[index]], name(index));
  }

  /** The current file of message {@code index}, for a log line. */
  private String printable(int index) {
    return RawFileNames.printable(folderPaths[folders[index]], name(index));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("mailbox is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      awaitCacheWrites();
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * Waits for the size-cache writes of this snapshot: a launcher in inetd mode exits after the
   * session, and the next session would otherwise find no cache, or a size known to be wrong. The
   * write of the open is usually done long before the client says QUIT.
   */
  private void awaitCacheWrites() {
    boolean interrupted = false;
    for (Future<?> write : cacheWrites) {
      while (true) {
        try {
          write.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          log.warn("size cache write failed: {}", e.getCause().toString());
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
