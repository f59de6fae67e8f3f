package io.mdpop3j.maildir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size cache file {@value #FILE_NAME} in the Maildir: for each message, the modification time
 * and length the file had when its wire size was computed, that size, and where the file was. An
 * entry counts only while the file still has that time and length. When the file also carries a
 * listing stamp (see {@link DirStamps}) and {@code new/} and {@code cur/} still have that stamp,
 * its lines are the snapshot itself, in order, and no listing is needed. The file is replaced
 * atomically (written beside it, then renamed); a damaged file is ignored and rebuilt.
 *
 * <p>Format (ASCII, but for names, which are the file names' own bytes: UTF-8 where the names are
 * UTF-8): a header line {@value #HEADER}; optionally {@code listing <stamp>}; then one line per
 * message {@code <mtime millis> <length> <wire size> <place> <base name>}, where a length of -1
 * says the file was not {@code stat}ed (its name carries its time and wire size, and the time is
 * the name's), and place is {@code n} or {@code c} (the folder) followed by what follows the base
 * name in the file name, or {@code -} when unknown; then {@code end <count>}. A file without its
 * end line was cut short and counts as damaged.
 *
 * <p>Writes run on one background thread, in the order asked, so that a session's reply does not
 * wait for them; {@link #awaitWrites} waits for those asked so far.
 */
final class SizeCache {

  static final String FILE_NAME = "mdpop3j-sizes";
  static final String HEADER = "mdpop3j-sizes 2";
  private static final byte[] HEADER_LINE = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LISTING = "listing ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "end ".getBytes(StandardCharsets.US_ASCII);
  private static final byte UNKNOWN_PLACE = -1;

  private static final Logger log = LoggerFactory.getLogger(SizeCache.class);

  // One thread, gone after a second without work: writes keep their order and need no locking.
  private static final ThreadPoolExecutor WRITER =
      new ThreadPoolExecutor(
          0,
          1,
          1,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "mdpop3j-size-cache");
            t.setDaemon(true);
            return t;
          });

  /**
   * What the cache knows of one message's size; {@code length} is -1 when the file was sized from
   * its name without a {@code stat}.
   */
  record Entry(long mtimeMillis, long length, long wireSize) {}

  /** One message line: its base name, size entry, folder (-1 unknown) and name suffix. */
  record Line(String base, Entry entry, byte folder, String suffix) {}

  /** A parsed cache file: its listing stamp (null when it has none) and lines in file order. */
  record Contents(String listing, List<Line> lines) {
    static final Contents EMPTY = new Contents(null, List.of());

    /** The entries by base name. */
    Map<String, Entry> byBase() {
      Map<String, Entry> map = new HashMap<>(lines.size() * 4 / 3 + 1);
      for (Line line : lines) {
        map.put(line.base(), line.entry());
      }
      return map;
    }
  }

  private SizeCache() {}

  /** The entries of the cache in {@code maildir} by base name; empty when none or damaged. */
  static Map<String, Entry> load(Path maildir) {
    return read(maildir).byBase();
  }

  /** The cache in {@code maildir}; {@link Contents#EMPTY} when there is none or it is damaged. */
  static Contents read(Path maildir) {
    Path file = maildir.resolve(FILE_NAME);
    Contents contents;
    try {
      contents = parse(MessageFile.readAll(file));
    } catch (NoSuchFileException e) {
      return Contents.EMPTY;
    } catch (IOException | RuntimeException e) {
      return damaged(file, e.toString());
    }
    return contents != null ? contents : damaged(file, "not in the expected format");
  }

  /** The contents of {@code d}, or null when it is not a whole cache file. */
  static Contents parse(byte[] d) {
    if (!startsWith(d, 0, HEADER_LINE)) {
      return null;
    }
    int i = HEADER_LINE.length;
    String listing = null;
    if (startsWith(d, i, LISTING)) {
      int eol = indexOf(d, (byte) '\n', i);
      if (eol < 0) {
        return null;
      }
      listing = new String(d, i + LISTING.length, eol - i - LISTING.length, StandardCharsets.UTF_8);
      i = eol + 1;
    }
    // Parsed from bytes: at 100,000 lines this is several times faster than a Reader.
    List<Line> lines = new ArrayList<>(Math.max(16, d.length / 64));
    Map<String, String> suffixes = new HashMap<>();
    long[] numbers = new long[3];
    while (i < d.length) {
      if (startsWith(d, i, END)) {
        int eol = indexOf(d, (byte) '\n', i);
        long count = eol < 0 ? -1 : number(d, i + END.length, eol);
        return eol == d.length - 1 && count == lines.size() ? new Contents(listing, lines) : null;
      }
      for (int k = 0; k < 3; k++) {
        int space = indexOf(d, (byte) ' ', i);
        if (space < 0) {
          return null;
        }
        numbers[k] = number(d, i, space);
        if (numbers[k] == Long.MIN_VALUE || (k > 0 && numbers[k] < (k == 1 ? -1 : 0))) {
          return null;
        }
        i = space + 1;
      }
      int space = indexOf(d, (byte) ' ', i);
      if (space <= i) {
        return null;
      }
      byte folder;
      String suffix = "";
      if (d[i] == '-' && space == i + 1) {
        folder = UNKNOWN_PLACE;
      } else if (d[i] == 'n' || d[i] == 'c') {
        folder = d[i] == 'n' ? MaildirScanner.NEW : MaildirScanner.CUR;
        suffix = new String(d, i + 1, space - i - 1, RawFileNames.CHARSET);
        suffix = suffixes.computeIfAbsent(suffix, x -> x);
      } else {
        return null;
      }
      i = space + 1;
      int eol = indexOf(d, (byte) '\n', i);
      if (eol <= i) {
        return null;
      }
      lines.add(
          new Line(
              new String(d, i, eol - i, RawFileNames.CHARSET),
              new Entry(numbers[0], numbers[1], numbers[2]),
              folder,
              suffix));
      i = eol + 1;
    }
    return null; // cut short before its end line
  }

  /** The decimal number in {@code d[from..to)}, or Long.MIN_VALUE when it is not one. */
  private static long number(byte[] d, int from, int to) {
    boolean negative = from < to && d[from] == '-';
    int i = negative ? from + 1 : from;
    if (i == to || to - i > 18) {
      return Long.MIN_VALUE;
    }
    long n = 0;
    for (; i < to; i++) {
      int digit = d[i] - '0';
      if (digit < 0 || digit > 9) {
        return Long.MIN_VALUE;
      }
      n = n * 10 + digit;
    }
    return negative ? -n : n;
  }

  private static int indexOf(byte[] d, byte b, int from) {
    for (int i = from; i < d.length; i++) {
      if (d[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] d, int at, byte[] prefix) {
    return d.length - at >= prefix.length
        && Arrays.equals(d, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static Contents damaged(Path file, String why) {
    log.debug("ignoring damaged size cache {}: {}", file, why);
    return Contents.EMPTY;
  }

  /** Replaces the cache in {@code maildir} with {@code entries}, places unknown, no listing. */
  static void store(Path maildir, Map<String, Entry> entries) throws IOException {
    List<Line> lines = new ArrayList<>(entries.size());
    entries.forEach((base, entry) -> lines.add(new Line(base, entry, UNKNOWN_PLACE, "")));
    store(maildir, new Contents(null, lines));
  }

  /**
   * Replaces the cache in {@code maildir} with {@code contents}, atomically. Lines whose names
   * cannot be stored are left out, and then so is the listing stamp, since the lines would no
   * longer be the whole snapshot.
   */
  static void store(Path maildir, Contents contents) throws IOException {
    Path target = maildir.resolve(FILE_NAME);
    Path temp =
        maildir.resolve(
            FILE_NAME
                + ".tmp."
                + ProcessHandle.current().pid()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    boolean whole = contents.listing() != null;
    for (Line line : contents.lines()) {
      whole &= storable(line) && line.folder() != UNKNOWN_PLACE;
    }
    try {
      try (Writer out =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), RawFileNames.CHARSET),
              1 << 16)) {
        out.write(HEADER);
        out.write('\n');
        if (whole) {
          out.write("listing ");
          out.write(contents.listing());
          out.write('\n');
        }
        int count = 0;
        for (Line line : contents.lines()) {
          if (!storable(line)) {
            continue;
          }
          Entry v = line.entry();
          out.write(Long.toString(v.mtimeMillis()));
          out.write(' ');
          out.write(Long.toString(v.length()));
          out.write(' ');
          out.write(Long.toString(v.wireSize()));
          out.write(' ');
          if (line.folder() == UNKNOWN_PLACE) {
            out.write('-');
          } else {
            out.write(line.folder() == MaildirScanner.NEW ? 'n' : 'c');
            out.write(line.suffix());
          }
          out.write(' ');
          out.write(line.base());
          out.write('\n');
          count++;
        }
        out.write("end " + count + "\n");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * A line that would not read back as written is left out: a line break would end it early, a
   * space in the suffix would be taken for the end of the place.
   */
  static boolean storable(Line line) {
    String base = line.base();
    return !base.isEmpty()
        && base.indexOf('\n') < 0
        && base.indexOf('\r') < 0
        && line.suffix().indexOf(' ') < 0
        && line.suffix().indexOf('\n') < 0
        && line.suffix().indexOf('\r') < 0;
  }

  /**
   * Replaces the cache in {@code maildir} with what {@code contents} makes, in the background; the
   * contents are made there too, from data the caller no longer changes.
   */
  static Future<?> storeLater(Path maildir, Supplier<Contents> contents) {
    return WRITER.submit(
        () -> {
          try {
            store(maildir, contents.get());
          } catch (IOException e) {
            log.warn("could not write size cache in {}: {}", maildir, e.toString());
          }
        });
  }

  /**
   * Removes one base name from the cache in {@code maildir}, in the background after the writes
   * already asked for; the listing stamp goes too, so the next session lists the folders again.
   */
  static Future<?> forget(Path maildir, String base) {
    return WRITER.submit(
        () -> {
          Contents contents = read(maildir);
          List<Line> kept = new ArrayList<>(contents.lines().size());
          for (Line line : contents.lines()) {
            if (!line.base().equals(base)) {
              kept.add(line);
            }
          }
          if (kept.size() == contents.lines().size() && contents.listing() == null) {
            return;
          }
          try {
            store(maildir, new Contents(null, kept));
          } catch (IOException e) {
            log.warn("could not rewrite size cache in {}: {}", maildir, e.toString());
          }
        });
  }

  /** Waits until every write asked for so far is done. */
  static void awaitWrites() {
    CompletableFuture.runAsync(() -> {}, WRITER).join();
  }
}
