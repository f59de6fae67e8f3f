package io.mdpop3j.maildir;

import io.mdpop3j.maildir.MaildirSettings.Sizes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the snapshot of a Maildir: one listing of {@code new/} then {@code cur/}, a stat only where
 * neither the name nor the size cache answers, a read only where no size is known.
 */
final class MaildirScanner {

  /** Folder numbers: the index into this array. */
  static final String[] FOLDERS = {"new", "cur"};

  static final byte NEW = 0;
  static final byte CUR = 1;

  private static final Logger log = LoggerFactory.getLogger(MaildirScanner.class);

  /** One message found; mutable while the scan fills it in. */
  static final class Found {
    final byte folder;
    final String name;
    final String base;
    long mtime;
    long size = -1;

    /** What the size cache will hold for this message, if anything. */
    SizeCache.Entry entry;

    Found(byte folder, String name, String base) {
      this.folder = folder;
      this.name = name;
      this.base = base;
    }
  }

  static final Comparator<Found> ORDER =
      Comparator.<Found>comparingLong(f -> f.mtime).thenComparing(f -> f.base);

  private MaildirScanner() {}

  /** The messages of {@code maildir}, oldest first by modification time, ties by base name. */
  static List<Found> scan(Path maildir, Sizes sizes, boolean useCache) throws IOException {
    Map<String, SizeCache.Entry> cache = useCache ? SizeCache.load(maildir) : Map.of();
    List<Found> listed = list(maildir);
    List<Found> found = new ArrayList<>(listed.size());
    List<Found> unsized = new ArrayList<>();
    int reused = 0;
    boolean added = false;
    for (Found f : listed) {
      SizeCache.Entry cached = cache.get(f.base);
      long named =
          sizes == Sizes.EXACT ? MaildirName.wireSize(f.name) : MaildirName.fileSize(f.name);
      if (named >= 0 && cached != null) {
        // Maildir messages are never rewritten in place, so the name and the cached time suffice.
        f.mtime = cached.mtimeMillis();
        f.size = named;
        f.entry = cached;
        reused++;
        found.add(f);
        continue;
      }
      BasicFileAttributes a;
      try {
        a = MessageFile.stat(path(maildir, f));
      } catch (NoSuchFileException e) {
        continue; // moved or removed since the listing; the next session will see it
      }
      if (!a.isRegularFile()) {
        log.debug("not serving {}: not a regular file", path(maildir, f));
        continue;
      }
      f.mtime = a.lastModifiedTime().toMillis();
      long length = a.size();
      boolean cacheHolds =
          cached != null && cached.mtimeMillis() == f.mtime && cached.length() == length;
      long wire = MaildirName.wireSize(f.name);
      if (cacheHolds && (wire < 0 || wire == cached.wireSize())) {
        f.entry = cached;
        wire = cached.wireSize();
        reused++;
      } else if (wire >= 0) {
        f.entry = new SizeCache.Entry(f.mtime, length, wire);
        added = true;
      }
      if (sizes == Sizes.STAT) {
        f.size = named >= 0 ? named : length;
      } else if (wire >= 0) {
        f.size = wire;
      } else {
        f.entry = new SizeCache.Entry(f.mtime, length, -1);
        unsized.add(f);
      }
      found.add(f);
    }
    if (!unsized.isEmpty()) {
      computeSizes(maildir, unsized);
      found.removeIf(f -> f.size < 0);
      added = true;
    }
    found.sort(ORDER);
    if (useCache && (added || reused != cache.size())) {
      store(maildir, found);
    }
    return found;
  }

  private static void store(Path maildir, List<Found> found) {
    Map<String, SizeCache.Entry> entries = new HashMap<>(found.size() * 4 / 3 + 1);
    for (Found f : found) {
      if (f.entry != null) {
        entries.put(f.base, f.entry);
      }
    }
    try {
      SizeCache.store(maildir, entries);
    } catch (IOException e) {
      log.warn("could not write size cache in {}: {}", maildir, e.toString());
    }
  }

  /** Reads the files whose size nothing else told; one that cannot be read leaves the snapshot. */
  private static void computeSizes(Path maildir, List<Found> unsized) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    for (Found f : unsized) {
      try {
        f.size = MessageFile.wireSize(path(maildir, f), buffer);
        f.entry = new SizeCache.Entry(f.entry.mtimeMillis(), f.entry.length(), f.size);
      } catch (NoSuchFileException e) {
        f.entry = null; // removed since the listing
      } catch (IOException e) {
        // One unreadable file must not keep the user from the rest of the mail.
        log.warn("not serving {}: {}", path(maildir, f), e.toString());
        f.entry = null;
      }
    }
  }

  /**
   * One listing of {@code new/} then {@code cur/}. Listing {@code new/} first means a message
   * another program moves to {@code cur/} meanwhile is seen at least once; seen twice, the {@code
   * cur/} name wins. Names starting with {@code .} are not messages.
   */
  static List<Found> list(Path maildir) throws IOException {
    String[] inNew = names(maildir.resolve(FOLDERS[NEW]));
    String[] inCur = names(maildir.resolve(FOLDERS[CUR]));
    Map<String, Found> fromNew = new HashMap<>();
    for (String name : inNew) {
      if (!name.startsWith(".")) {
        String base = MaildirName.baseName(name);
        fromNew.put(base, new Found(NEW, name, base));
      }
    }
    List<Found> all = new ArrayList<>(inNew.length + inCur.length);
    for (String name : inCur) {
      if (!name.startsWith(".")) {
        String base = MaildirName.baseName(name);
        if (!fromNew.isEmpty()) {
          fromNew.remove(base);
        }
        all.add(new Found(CUR, name, base));
      }
    }
    all.addAll(fromNew.values());
    return all;
  }

  /** The entry names of {@code dir}; {@link java.io.File#list} makes no Path per entry. */
  static String[] names(Path dir) throws IOException {
    String[] names = dir.toFile().list();
    if (names != null) {
      return names;
    }
    // File.list says only "null": ask NIO for the reason.
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      List<String> list = new ArrayList<>();
      for (Path p : stream) {
        list.add(p.getFileName().toString());
      }
      return list.toArray(new String[0]);
    }
  }

  static Path path(Path maildir, Found f) {
    return maildir.resolve(FOLDERS[f.folder]).resolve(f.name);
  }
}
