package io.mdpop3j.maildir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size cache file {@value #FILE_NAME} in the Maildir: for each base name, the modification time
 * and length the file had when its wire size was computed, and that size. An entry counts only
 * while the file still has that time and length. The file is replaced atomically (written beside
 * it, then renamed); a damaged file is ignored and rebuilt.
 *
 * <p>Format (UTF-8): a header line {@value #HEADER}, then one line per message {@code <mtime
 * millis> <length> <wire size> <base name>}, then {@code end <count>}. A file without its end line
 * was cut short and counts as damaged.
 */
final class SizeCache {

  static final String FILE_NAME = "mdpop3j-sizes";
  static final String HEADER = "mdpop3j-sizes 1";

  private static final Logger log = LoggerFactory.getLogger(SizeCache.class);

  /** What the cache knows of one message. */
  record Entry(long mtimeMillis, long length, long wireSize) {}

  private SizeCache() {}

  /** The entries of the cache in {@code maildir}; empty when there is none or it is damaged. */
  static Map<String, Entry> load(Path maildir) {
    Path file = maildir.resolve(FILE_NAME);
    Map<String, Entry> entries = new HashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Channels.newInputStream(MessageFile.open(file)), StandardCharsets.UTF_8),
            1 << 16)) {
      if (!HEADER.equals(in.readLine())) {
        return damaged(file, "unknown header");
      }
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("end ")) {
          long count = Long.parseLong(line.substring(4));
          return count == entries.size() && in.readLine() == null
              ? entries
              : damaged(file, "count mismatch");
        }
        int a = line.indexOf(' ');
        int b = line.indexOf(' ', a + 1);
        int c = line.indexOf(' ', b + 1);
        if (a <= 0 || b < 0 || c < 0 || c + 1 >= line.length()) {
          return damaged(file, "malformed line");
        }
        Entry e =
            new Entry(
                Long.parseLong(line, 0, a, 10),
                Long.parseLong(line, a + 1, b, 10),
                Long.parseLong(line, b + 1, c, 10));
        if (e.length() < 0 || e.wireSize() < 0) {
          return damaged(file, "negative size");
        }
        entries.put(line.substring(c + 1), e);
      }
      return damaged(file, "no end line");
    } catch (NoSuchFileException e) {
      return new HashMap<>();
    } catch (IOException | RuntimeException e) {
      return damaged(file, e.toString());
    }
  }

  private static Map<String, Entry> damaged(Path file, String why) {
    log.debug("ignoring damaged size cache {}: {}", file, why);
    return new HashMap<>();
  }

  /** Replaces the cache in {@code maildir} with {@code entries}, atomically. */
  static void store(Path maildir, Map<String, Entry> entries) throws IOException {
    Path target = maildir.resolve(FILE_NAME);
    Path temp =
        maildir.resolve(
            FILE_NAME
                + ".tmp."
                + ProcessHandle.current().pid()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (Writer out =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW),
                  StandardCharsets.UTF_8),
              1 << 16)) {
        out.write(HEADER);
        out.write('\n');
        int count = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
          String base = e.getKey();
          if (!storable(base)) {
            continue;
          }
          Entry v = e.getValue();
          out.write(Long.toString(v.mtimeMillis()));
          out.write(' ');
          out.write(Long.toString(v.length()));
          out.write(' ');
          out.write(Long.toString(v.wireSize()));
          out.write(' ');
          out.write(base);
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

  /** A name with a line break would end its line early; such names are recomputed each time. */
  static boolean storable(String base) {
    return base.indexOf('\n') < 0 && base.indexOf('\r') < 0;
  }

  /** Removes one base name from the cache in {@code maildir}, if it is there. */
  static void forget(Path maildir, String base) {
    Map<String, Entry> entries = load(maildir);
    if (entries.remove(base) != null) {
      try {
        store(maildir, entries);
      } catch (IOException e) {
        log.warn("could not rewrite size cache in {}: {}", maildir, e.toString());
      }
    }
  }
}
