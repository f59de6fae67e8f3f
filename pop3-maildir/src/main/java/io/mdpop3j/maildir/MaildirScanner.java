package io.mdpop3j.maildir;

import io.mdpop3j.maildir.MaildirSettings.Sizes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the snapshot of a Maildir: one listing of {@code new/} then {@code cur/} at every open, a
 * stat only where neither the name nor the size cache answers (a name that carries its delivery
 * time and its size needs none), a read only where no size is known.
 */
final class MaildirScanner {

  /** Folder numbers: the index into this array. */
  static final String[] FOLDERS = {"new", "cur"};

  static final byte NEW = 0;
  static final byte CUR = 1;

  private static final Logger log = LoggerFactory.getLogger(MaildirScanner.class);

  /**
   * One message found; mutable while the scan fills it in. Names are byte strings ({@link
   * RawFileNames}).
   */
  static final class Found {
    final byte folder;
    final String name;
    final String base;

    /**
     * The order key, microseconds since the epoch: the delivery time of the name ({@link
     * MaildirName#deliveryMicros}) when it carries one, else the modification time ({@link
     * #mtime(long)}).
     */
    long time;

    /** Whether {@link #time} comes from the name, so that no modification time is needed. */
    final boolean timed;

    /** The modification time in milliseconds, once a stat or the size cache told it. */
    long mtime;

    long size = -1;

    /** What the size cache will hold for this message, if anything. */
    SizeCache.Entry entry;

    /** What the size cache held for this base name when the scan began, if anything. */
    SizeCache.Line cached;

    /** Whether another file of the listing has the same base name ({@link SharedBaseNames}). */
    boolean shared;

    /** The inode number, known only for files that share their base name; else -1. */
    long inode = -1;

    /** The unique-id when it is not the one of the base name ({@link SharedBaseNames}). */
    String uniqueId;

    Found(byte folder, String name, String base) {
      this.folder = folder;
      this.name = name;
      this.base = base;
      this.time = MaildirName.deliveryMicros(base);
      this.timed = time != MaildirName.NO_TIME;
    }

    /** Sets the modification time; it is the order key of a name that carries no time. */
    void mtime(long millis) {
      mtime = millis;
      if (!timed) {
        time = millis * 1000;
      }
    }
  }

  /**
   * Delivery order: the time of the name, or the modification time where the name carries none, in
   * one scale of microseconds; ties by base name (byte order, as names are byte strings). Files
   * that share a base name ({@link SharedBaseNames}; always {@code stat}ed) then by modification
   * time and inode number, which renames do not change, so that flags set by an IMAP server never
   * reorder them.
   */
  static final Comparator<Found> ORDER =
      Comparator.<Found>comparingLong(f -> f.time)
          .thenComparing(f -> f.base)
          .thenComparingLong(f -> f.mtime)
          .thenComparingLong(f -> f.inode);

  private MaildirScanner() {}

  /**
   * A snapshot, the size-cache write it started, if any (null when none), whether the folders were
   * listed for it ({@code false}: the cached listing was the snapshot), and how many message files
   * it looked up with stat(2) for their time, length or kind (the inode look-ups of files that
   * share a base name not counted).
   */
  record Scan(List<Found> found, Future<?> cacheWrite, boolean listed, int stats) {}

  /** Above this many files to stat, two threads stat them: the open waits for nothing else. */
  private static final int PARALLEL_STATS = 4096;

  /**
   * The messages of {@code maildir} in {@link #ORDER}: oldest first by the delivery time the name
   * carries, or by modification time for a name that carries none; ties by base name.
   *
   * <p>With {@code trustStamps} (the folders are on a file system whose kernel owns their times,
   * {@link FileSystemKind#LOCAL}, or the {@code trust-folder-stamps} setting says so) and exact
   * sizes, a listing whose folders show the stamp it was cached with is taken from the cache whole:
   * adding, removing or renaming an entry changes a folder's change time, which nothing can put
   * back, so an unchanged stamp means unchanged names.
   *
   * <p>Otherwise the folders are listed: only {@code readdir} of {@code new/} and {@code cur/} says
   * which messages there are, since on a shared file system a folder's times may be a client's
   * cached copy, unchanged for a while after another host changed the folder (issue 18). The cache
   * then saves the work of sizing a file the listing still names: a name that carries its size is
   * never {@code stat}ed once the cache knows its time (nor at all when the name also carries its
   * delivery time), nor is a name the cache holds under another folder or other flags (a rename
   * keeps the bytes), and while the folders still show the stamp the cache was written with, nor is
   * a name the cache holds exactly (folder, base name and flags). What a stale stamp can do there
   * is keep a cached size for a file rewritten in place under the same name, which no Maildir
   * program does; it cannot add, keep or hide a message. The cache is rewritten in the background
   * when it learned something.
   */
  static Scan scan(Path maildir, Sizes sizes, boolean useCache, boolean trustStamps)
      throws IOException {
    DirStamps stamps = useCache ? DirStamps.read(maildir) : null;
    SizeCache.Contents contents = useCache ? SizeCache.read(maildir) : SizeCache.Contents.EMPTY;
    boolean unchanged = stamps != null && stamps.token().equals(contents.listing());
    if (unchanged && trustStamps && sizes == Sizes.EXACT) {
      List<Found> cached = fromListing(contents);
      if (cached != null) {
        return new Scan(cached, null, false, 0);
      }
    }
    BaseNameTable names = listTable(maildir);
    List<Found> listed = names.files();
    List<Found> found = new ArrayList<>(listed.size());
    int reused = 0;
    boolean placesChanged = false;
    // The cache in its own order (the last snapshot's): each line whose name the listing still has.
    // Looked up in the listing's table, so that no second table is built, and when nothing was
    // added the snapshot comes out in order without a sort.
    for (SizeCache.Line line : contents.lines()) {
      Found f = names.first(line.base());
      if (f == null || f.shared || f.cached != null) {
        continue; // gone; or files share the base name the cache knows; or a line repeated
      }
      f.cached = line;
      long size = knownSize(f, line, sizes, unchanged);
      if (size >= 0) {
        f.mtime(line.entry().mtimeMillis());
        f.size = size;
        f.entry = line.entry();
        placesChanged |= !samePlace(f, line);
        reused++;
        found.add(f);
      }
    }
    boolean inCacheOrder = isSorted(found);
    int walked = found.size();
    List<Found> toStat = new ArrayList<>();
    boolean added = false;
    for (Found f : listed) {
      if (f.entry != null) {
        continue; // known from the cache
      }
      long named =
          sizes == Sizes.EXACT ? MaildirName.wireSize(f.name) : MaildirName.fileSize(f.name);
      if (f.timed && named >= 0 && !f.shared) {
        // Its name tells both order and size: no stat (issue 19). What it is, a regular file or
        // not, is checked when it is opened, as for any name a cached listing holds. (Files that
        // share a base name are stat'ed: their order among themselves is their modification time.)
        nameOnly(f, named);
        added |= f.entry != null;
        found.add(f);
      } else {
        toStat.add(f); // not in the cache, or its time and length must be checked
      }
    }
    BasicFileAttributes[] stats = stat(maildir, toStat);
    List<Found> unsized = new ArrayList<>();
    for (int i = 0; i < stats.length; i++) {
      Found f = toStat.get(i);
      BasicFileAttributes a = stats[i];
      if (a == null) {
        continue; // moved or removed since the listing; the next session will see it
      }
      if (!a.isRegularFile()) {
        log.debug("not serving {}: not a regular file", printable(maildir, f));
        continue;
      }
      SizeCache.Line line = f.cached;
      SizeCache.Entry cached = line == null ? null : line.entry();
      f.mtime(a.lastModifiedTime().toMillis());
      long length = a.size();
      boolean cacheHolds =
          cached != null && cached.mtimeMillis() == f.mtime && cached.length() == length;
      long wire = MaildirName.wireSize(f.name);
      if (cacheHolds && (wire < 0 || wire == cached.wireSize())) {
        f.entry = cached;
        wire = cached.wireSize();
        placesChanged |= !samePlace(f, line);
        reused++;
      } else if (wire >= 0) {
        f.entry = new SizeCache.Entry(f.mtime, length, wire);
        added = true;
      }
      if (sizes == Sizes.STAT) {
        long named = MaildirName.fileSize(f.name);
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
    SharedBaseNames.identify(maildir, found);
    boolean onlyCached = found.size() == walked && toStat.isEmpty();
    List<Found> sorted = inCacheOrder && onlyCached ? found : sortByTime(found);
    Future<?> write = null;
    if (useCache) {
      String listing = stamps != null && stamps.settled() ? stamps.token() : null;
      if (added
          || !inCacheOrder // a cache of another order (one before issue 19) is rewritten in ours
          || placesChanged
          || reused != contents.lines().size()
          || !Objects.equals(listing, contents.listing())) {
        write = SizeCache.storeLater(maildir, () -> contents(sorted, listing));
      }
    }
    return new Scan(sorted, write, true, toStat.size());
  }

  /**
   * The size of {@code f} without a {@code stat}, or -1: the size its name carries (the cache knows
   * its time); else, while the folders show the cache's stamp, the cached size of this very name
   * (folder, base name and flags); the cached size of a name only renamed since (another folder or
   * other flags); else -1, and the file's time and length are checked.
   */
  private static long knownSize(Found f, SizeCache.Line line, Sizes sizes, boolean unchanged) {
    SizeCache.Entry cached = line.entry();
    long named = sizes == Sizes.EXACT ? MaildirName.wireSize(f.name) : MaildirName.fileSize(f.name);
    if (named >= 0) {
      return named;
    }
    long size = sizes == Sizes.EXACT ? cached.wireSize() : cached.length();
    if (size < 0) {
      return -1; // a length of -1: the line was written without a stat (nameOnly)
    }
    if (!samePlace(f, line)) {
      // Moved from new/ to cur/ or given other flags since the cache was written: a rename, which
      // keeps a file's bytes. Only a file rewritten in place, which no Maildir program does, is
      // checked with a stat below. (Issue 19: after a session moved 100,000 names, the next open
      // stat'ed every one of them.)
      return size;
    }
    return unchanged ? size : -1;
  }

  /**
   * Sizes {@code f} from its name alone: {@code size} is the name's {@code ,W=} ({@code
   * sizes=exact}) or {@code ,S=} ({@code sizes=stat}). The cache line it gets, when the name has a
   * wire size, holds the name's time as its modification time and the {@code ,S=} size, or -1
   * ({@link SizeCache}: not known), as its length: neither was read from the file, and neither is
   * used for a name that carries its size.
   */
  private static void nameOnly(Found f, long size) {
    f.size = size;
    long wire = MaildirName.wireSize(f.name);
    if (wire >= 0) {
      f.entry =
          new SizeCache.Entry(Math.floorDiv(f.time, 1000), MaildirName.fileSize(f.name), wire);
    }
  }

  private static boolean isSorted(List<Found> found) {
    for (int i = 1; i < found.size(); i++) {
      if (ORDER.compare(found.get(i - 1), found.get(i)) > 0) {
        return false; // a cache file written otherwise than by us
      }
    }
    return true;
  }

  private static boolean samePlace(Found f, SizeCache.Line line) {
    return line.folder() == f.folder
        && f.name.length() == f.base.length() + line.suffix().length()
        && f.name.endsWith(line.suffix());
  }

  /** Bits of a sort key that hold the index; the rest hold the second since the oldest message. */
  private static final int INDEX_BITS = 22;

  private static final long MICROS_PER_SECOND = 1_000_000L;

  /**
   * {@code found} in {@link #ORDER}. Sorting primitive keys (the second since the oldest message,
   * then index) and then only runs of one second by {@link #ORDER} is several times faster than
   * comparing objects, and this sort is a good part of a first open of a large Maildir. Seconds,
   * not microseconds, so that the keys hold 69,000 years of mail beside 4 million indexes; few
   * messages share a second.
   */
  static List<Found> sortByTime(List<Found> found) {
    int n = found.size();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Found f : found) {
      long second = Math.floorDiv(f.time, MICROS_PER_SECOND);
      min = Math.min(min, second);
      max = Math.max(max, second);
    }
    if (n < 2 || n >= 1 << INDEX_BITS || max - min >= 1L << (63 - INDEX_BITS)) {
      List<Found> copy = new ArrayList<>(found);
      copy.sort(ORDER);
      return copy;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (Math.floorDiv(found.get(i).time, MICROS_PER_SECOND) - min) << INDEX_BITS | i;
    }
    Arrays.sort(keys);
    Found[] sorted = new Found[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = found.get((int) (keys[i] & ((1 << INDEX_BITS) - 1)));
    }
    int run = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || keys[i] >>> INDEX_BITS != keys[run] >>> INDEX_BITS) {
        if (i - run > 1) {
          Arrays.sort(sorted, run, i, ORDER);
        }
        run = i;
      }
    }
    return Arrays.asList(sorted);
  }

  /**
   * The snapshot a cache file holds, or null when a line cannot be one (a name that could leave the
   * folder, a size not known, lines out of order), so that the folders are listed instead.
   */
  private static List<Found> fromListing(SizeCache.Contents contents) {
    List<Found> found = new ArrayList<>(contents.lines().size());
    Found previous = null;
    for (SizeCache.Line line : contents.lines()) {
      String base = line.base();
      if (line.folder() < 0
          || line.entry().wireSize() < 0
          || base.startsWith(".")
          || base.indexOf('/') >= 0
          || base.indexOf('\0') >= 0
          || line.suffix().indexOf('/') >= 0
          || line.suffix().indexOf('\0') >= 0) {
        return null;
      }
      Found f = new Found(line.folder(), base + line.suffix(), base);
      f.mtime(line.entry().mtimeMillis());
      f.size = line.entry().wireSize();
      f.entry = line.entry();
      if (previous != null && ORDER.compare(previous, f) > 0) {
        return null;
      }
      previous = f;
      found.add(f);
    }
    return found;
  }

  /**
   * What the cache file will hold for {@code found}; no folder stamp unless every size is known,
   * since the stamp vouches for the sizes of all the names it was written with.
   */
  private static SizeCache.Contents contents(List<Found> found, String listing) {
    List<SizeCache.Line> lines = new ArrayList<>(found.size());
    for (Found f : found) {
      if (f.entry == null || f.entry.wireSize() < 0 || f.shared) {
        listing = null;
        continue;
      }
      lines.add(new SizeCache.Line(f.base, f.entry, f.folder, f.name.substring(f.base.length())));
    }
    return new SizeCache.Contents(listing, lines);
  }

  /**
   * The attributes of each file (null for one gone since the listing). Many files are shared, in
   * chunks, between the caller and one task in the common pool: on a first open the stat calls are
   * most of the work. The caller never waits for the pool to start; at most for a chunk it began.
   */
  private static BasicFileAttributes[] stat(Path maildir, List<Found> files) throws IOException {
    BasicFileAttributes[] out = new BasicFileAttributes[files.size()];
    Path[] folders = {maildir.resolve(FOLDERS[NEW]), maildir.resolve(FOLDERS[CUR])};
    if (files.size() < PARALLEL_STATS) {
      stat(folders, files, out, 0, files.size());
      return out;
    }
    ChunkedStat work = new ChunkedStat(folders, files, out);
    ForkJoinPool.commonPool().execute(work);
    work.run();
    work.awaitChunks();
    return out;
  }

  /** Stats the files chunk by chunk, whichever thread takes a chunk first. */
  private static final class ChunkedStat implements Runnable {
    private static final int CHUNK = 1024;
    private final Path[] folders;
    private final List<Found> files;
    private final BasicFileAttributes[] out;
    private final int chunks;
    private final AtomicInteger next = new AtomicInteger();
    private int done;
    private IOException failure;

    ChunkedStat(Path[] folders, List<Found> files, BasicFileAttributes[] out) {
      this.folders = folders;
      this.files = files;
      this.out = out;
      this.chunks = (files.size() + CHUNK - 1) / CHUNK;
    }

    @Override
    public void run() {
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        IOException e = null;
        try {
          stat(folders, files, out, c * CHUNK, Math.min(files.size(), (c + 1) * CHUNK));
        } catch (IOException | RuntimeException x) {
          e = x instanceof IOException io ? io : new IOException(x);
        }
        synchronized (this) {
          done++;
          if (failure == null) {
            failure = e;
          }
          notifyAll();
        }
      }
    }

    synchronized void awaitChunks() throws IOException {
      boolean interrupted = false;
      while (done < chunks) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static void stat(
      Path[] folders, List<Found> files, BasicFileAttributes[] out, int from, int to)
      throws IOException {
    for (int i = from; i < to; i++) {
      Found f = files.get(i);
      try {
        out[i] = MessageFile.stat(RawFileNames.resolve(folders[f.folder], f.name));
      } catch (NoSuchFileException e) {
        out[i] = null;
      } catch (RuntimeException e) {
        // One name the JDK cannot take must not keep the user from the rest of the mail.
        log.warn(
            "not serving {}: {}", RawFileNames.printable(folders[f.folder], f.name), e.toString());
        out[i] = null;
      }
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
        log.warn("not serving {}: {}", printable(maildir, f), e.toString());
        f.entry = null;
      }
    }
  }

  /**
   * One listing of {@code new/} then {@code cur/}, names as byte strings. Listing {@code new/}
   * first means a message another program moves to {@code cur/} meanwhile is seen at least once;
   * seen in both (its {@code new/} name gone by the end of the listing), the {@code cur/} name
   * wins. Files that share a base name otherwise are all listed, marked {@link Found#shared}. Names
   * starting with {@code .} are not messages. A folder that does not exist lists as empty.
   */
  static List<Found> list(Path maildir) throws IOException {
    return listTable(maildir).files();
  }

  /** {@link #list}, as the table of base names it was made with. */
  private static BaseNameTable listTable(Path maildir) throws IOException {
    Path newDir = maildir.resolve(FOLDERS[NEW]);
    String[] inNew = RawFileNames.list(newDir);
    String[] inCur = RawFileNames.list(maildir.resolve(FOLDERS[CUR]));
    BaseNameTable table = new BaseNameTable(inNew.length + inCur.length);
    for (String name : inCur) {
      if (!name.startsWith(".")) {
        add(table, new Found(CUR, name, MaildirName.baseName(name)));
      }
    }
    for (String name : inNew) {
      if (!name.startsWith(".")) {
        String base = MaildirName.baseName(name);
        Found other = table.first(base);
        if (other != null && other.folder == CUR && !exists(newDir, name)) {
          continue; // moved to cur/ between the two listings: one message, seen twice
        }
        add(table, new Found(NEW, name, base));
      }
    }
    return table;
  }

  private static void add(BaseNameTable table, Found f) {
    Found first = table.add(f);
    if (first != null) {
      first.shared = true;
      f.shared = true;
    }
  }

  private static boolean exists(Path dir, String name) {
    try {
      MessageFile.stat(RawFileNames.resolve(dir, name));
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The path of {@code f}'s file. */
  static Path path(Path maildir, Found f) {
    return RawFileNames.resolve(maildir.resolve(FOLDERS[f.folder]), f.name);
  }

  /** {@code f}'s file for a log line. */
  static String printable(Path maildir, Found f) {
    return RawFileNames.printable(maildir.resolve(FOLDERS[f.folder]), f.name);
  }
}
