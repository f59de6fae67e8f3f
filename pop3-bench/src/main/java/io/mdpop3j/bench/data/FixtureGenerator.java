package io.mdpop3j.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Writes the benchmark's users and Maildirs: a passwd-file in Dovecot's format that Dovecot and our
 * server both read, and one Maildir per user under {@code <root>/home/<user>/Maildir}. The
 * mailboxes that scenarios empty or must open cold are written once as templates under {@code
 * <root>/templates}; the script copies or resets them before each measurement.
 *
 * <p>Usage: {@code FixtureGenerator <root> [--uid N --gid N] [--bigbox N] [--drain N] [--idle N]}
 */
public final class FixtureGenerator {
  /** The password of every benchmark user. */
  public static final String PASSWORD = "bench-pw";

  /** Size of the message that {@code retr} fetches. */
  public static final int RETR_SIZE = 10 * 1024 * 1024;

  /** Dots per 1000 lines in generated messages. */
  public static final int DOT_PERMILLE = 10;

  /** A fixed mtime base, so message order is the same on every run. */
  private static final long MTIME_BASE = 1_700_000_000L;

  private final Path root;
  private final int uid;
  private final int gid;
  private final List<String> passwd = new ArrayList<>();

  private FixtureGenerator(Path root, int uid, int gid) {
    this.root = root;
    this.uid = uid;
    this.gid = gid;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: FixtureGenerator <root> [--uid N] [--gid N] [--bigbox N] [--drain N] [--idle N]"
              + " [--login N] [--retr N]");
      System.exit(2);
    }
    Path root = Path.of(args[0]).toAbsolutePath();
    int uid = 65534;
    int gid = 65534;
    int bigbox = 100_000;
    int drain = 10_000;
    int idle = 10_000;
    int login = 16;
    int retr = 4;
    for (int i = 1; i + 1 < args.length; i += 2) {
      int v = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--uid" -> uid = v;
        case "--gid" -> gid = v;
        case "--bigbox" -> bigbox = v;
        case "--drain" -> drain = v;
        case "--idle" -> idle = v;
        case "--login" -> login = v;
        case "--retr" -> retr = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    new FixtureGenerator(root, uid, gid).generate(bigbox, drain, idle, login, retr);
  }

  private void generate(int bigbox, int drain, int idle, int login, int retr) throws IOException {
    long t0 = System.nanoTime();
    for (int i = 0; i < login; i++) {
      Path md = user("login-" + i);
      for (int m = 0; m < 20; m++) {
        write(md, m, i * 1000L + m, 2048 + 256 * m, true);
      }
    }
    byte[] big = BenchMessages.stored(1, RETR_SIZE, DOT_PERMILLE);
    for (int i = 0; i < retr; i++) {
      Path md = user("retr-" + i);
      Files.write(md.resolve("cur").resolve(name(0, big, false)), big);
    }
    writeBox(user("bigbox-w"), templates("bigbox-w"), bigbox, true, 10_000_000L);
    writeBox(user("bigbox-p"), templates("bigbox-p"), bigbox, false, 20_000_000L);
    writeBox(user("drain"), templates("drain"), drain, false, 30_000_000L);
    for (int i = 0; i < idle; i++) {
      user(String.format(Locale.ROOT, "idle-%05d", i));
    }
    Path passwdFile = root.resolve("passwd");
    try (Writer w = Files.newBufferedWriter(passwdFile, StandardCharsets.UTF_8)) {
      for (String line : passwd) {
        w.write(line);
        w.write('\n');
      }
    }
    System.err.printf(
        Locale.ROOT,
        "fixtures in %s: %d users, %.1f s%n",
        root,
        passwd.size(),
        (System.nanoTime() - t0) / 1e9);
  }

  /** The home and an empty Maildir of {@code user}, and its passwd-file line. */
  private Path user(String user) throws IOException {
    Path home = root.resolve("home").resolve(user);
    Path md = home.resolve("Maildir");
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      Files.createDirectories(md.resolve(sub));
    }
    // Dovecot's passwd-file: user:password:uid:gid:gecos:home:shell:extra
    passwd.add(user + ":{PLAIN}" + PASSWORD + ":" + uid + ":" + gid + "::" + home + "::");
    return md;
  }

  private Path templates(String name) throws IOException {
    Path t = root.resolve("templates").resolve(name);
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      Files.createDirectories(t.resolve(sub));
    }
    return t;
  }

  /**
   * {@code count} messages of 1–4 KB into the template; the user's Maildir gets hard links, so
   * resetting it costs no copying.
   */
  private void writeBox(Path maildir, Path template, int count, boolean sizesInName, long idBase) {
    IntStream.range(0, count)
        .parallel()
        .forEach(
            m -> {
              try {
                int size = 1024 + (int) Math.floorMod((m * 2654435761L) >>> 7, 3072L);
                byte[] content = BenchMessages.stored(idBase + m, size, DOT_PERMILLE);
                String name = name(idBase + m, content, sizesInName);
                Path t = template.resolve("cur").resolve(name);
                Files.write(t, content);
                Files.setLastModifiedTime(t, FileTime.fromMillis((MTIME_BASE + m) * 1000L));
                Files.createLink(maildir.resolve("cur").resolve(name), t);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** A Maildir name as Dovecot's LDA writes it, with or without the size fields. */
  private static String name(long id, byte[] content, boolean sizesInName) {
    String base = (MTIME_BASE + id % 1_000_000) + ".M" + id + "P4242.bench";
    if (sizesInName) {
      base += ",S=" + content.length + ",W=" + BenchMessages.wireSize(content);
    }
    return base + ":2,S";
  }

  private void write(Path maildir, int m, long id, int size, boolean sizesInName)
      throws IOException {
    byte[] content = BenchMessages.stored(id, size, DOT_PERMILLE);
    Path f = maildir.resolve("cur").resolve(name(id, content, sizesInName));
    Files.write(f, content);
    Files.setLastModifiedTime(f, FileTime.fromMillis((MTIME_BASE + m) * 1000L));
  }
}
