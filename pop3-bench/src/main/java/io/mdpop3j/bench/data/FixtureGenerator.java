package io.mdpop3j.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Writes the benchmark's users and Maildirs: a passwd-file in Dovecot's format that Dovecot and our
 * server both read, and one Maildir per user under {@code <root>/home/<user>/Maildir}. The
 * mailboxes that scenarios empty or must open cold are written once as templates under {@code
 * <root>/templates}; the script copies or resets them before each measurement.
 *
 * <p>{@code --boxes} picks which of {@value #ALL_BOXES} to write (all by default). Users already in
 * {@code <root>/passwd} that this run does not write are kept, so a box can be added to prepared
 * fixtures without writing the others again.
 *
 * <p>Usage: {@code FixtureGenerator <root> [--uid N --gid N] [--bigbox N] [--drain N] [--idle N]
 * [--warm N] [--login N] [--retr N] [--boxes a,b,...]}
 */
public final class FixtureGenerator {
  /** The password of every benchmark user. */
  public static final String PASSWORD = "bench-pw";

  /** Size of the message that {@code retr} fetches. */
  public static final int RETR_SIZE = 10 * 1024 * 1024;

  /** Dots per 1000 lines in generated messages. */
  public static final int DOT_PERMILLE = 10;

  /** Every box this generator knows, the default of {@code --boxes}. */
  public static final String ALL_BOXES = "login,retr,bigbox-w,bigbox-p,drain,idle,warm-open";

  /** A fixed mtime base, so message order is the same on every run. */
  private static final long MTIME_BASE = 1_700_000_000L;

  private final Path root;
  private final int uid;
  private final int gid;
  private final Map<String, String> passwd = new LinkedHashMap<>();

  private FixtureGenerator(Path root, int uid, int gid) {
    this.root = root;
    this.uid = uid;
    this.gid = gid;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: FixtureGenerator <root> [--uid N] [--gid N] [--bigbox N] [--drain N] [--idle N]"
              + " [--warm N] [--login N] [--retr N] [--boxes "
              + ALL_BOXES
              + "]");
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
    int warm = 100_000;
    Set<String> boxes = new HashSet<>(List.of(ALL_BOXES.split(",", -1)));
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (args[i].equals("--boxes")) {
        Set<String> picked = new HashSet<>(List.of(args[i + 1].split(",", -1)));
        if (!boxes.containsAll(picked)) {
          throw new IllegalArgumentException("--boxes takes names from " + ALL_BOXES);
        }
        boxes = picked;
        continue;
      }
      int v = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--uid" -> uid = v;
        case "--gid" -> gid = v;
        case "--bigbox" -> bigbox = v;
        case "--drain" -> drain = v;
        case "--idle" -> idle = v;
        case "--login" -> login = v;
        case "--retr" -> retr = v;
        case "--warm" -> warm = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    FixtureGenerator g = new FixtureGenerator(root, uid, gid);
    long t0 = System.nanoTime();
    g.readPasswd();
    if (boxes.contains("login")) {
      g.login(login);
    }
    if (boxes.contains("retr")) {
      g.retr(retr);
    }
    if (boxes.contains("bigbox-w")) {
      g.writeBox("bigbox-w", bigbox, Naming.SIZES_IN_NAME, 10_000_000L);
    }
    if (boxes.contains("bigbox-p")) {
      g.writeBox("bigbox-p", bigbox, Naming.PLAIN, 20_000_000L);
    }
    if (boxes.contains("drain")) {
      g.writeBox("drain", drain, Naming.PLAIN, 30_000_000L);
    }
    if (boxes.contains("idle")) {
      for (int i = 0; i < idle; i++) {
        g.user(String.format(Locale.ROOT, "idle-%05d", i));
      }
    }
    if (boxes.contains("warm-open")) {
      g.writeBox("warm-open", warm, Naming.NEW_PLAIN, 40_000_000L);
    }
    g.writePasswd();
    System.err.printf(
        Locale.ROOT,
        "fixtures in %s: %d users, %.1f s%n",
        root,
        g.passwd.size(),
        (System.nanoTime() - t0) / 1e9);
  }

  private void login(int login) throws IOException {
    for (int i = 0; i < login; i++) {
      Path md = user("login-" + i);
      for (int m = 0; m < 20; m++) {
        write(md, m, i * 1000L + m, 2048 + 256 * m, true);
      }
    }
  }

  private void retr(int retr) throws IOException {
    byte[] big = BenchMessages.stored(1, RETR_SIZE, DOT_PERMILLE);
    for (int i = 0; i < retr; i++) {
      Path md = user("retr-" + i);
      Files.write(md.resolve("cur").resolve(name(0, big, Naming.PLAIN)), big);
    }
  }

  private void readPasswd() throws IOException {
    Path file = root.resolve("passwd");
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          passwd.put(line.substring(0, colon), line);
        }
      }
    }
  }

  /** Writes and renames, so a server reading the file meanwhile sees the old or the new one. */
  private void writePasswd() throws IOException {
    Path file = root.resolve("passwd");
    Path tmp = root.resolve("passwd.tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (String line : passwd.values()) {
        w.write(line);
        w.write('\n');
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The home and an empty Maildir of {@code user}, and its passwd-file line. */
  private Path user(String user) throws IOException {
    Path home = root.resolve("home").resolve(user);
    Path md = home.resolve("Maildir");
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      Files.createDirectories(md.resolve(sub));
    }
    // Dovecot's passwd-file: user:password:uid:gid:gecos:home:shell:extra
    passwd.put(user, user + ":{PLAIN}" + PASSWORD + ":" + uid + ":" + gid + "::" + home + "::");
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
   * {@code count} messages of 1–4 KB into the template of user {@code box}; the user's Maildir gets
   * hard links, so resetting it costs no copying.
   */
  private void writeBox(String box, int count, Naming naming, long idBase) throws IOException {
    Path maildir = user(box);
    Path template = templates(box);
    String folder = naming == Naming.NEW_PLAIN ? "new" : "cur";
    IntStream.range(0, count)
        .parallel()
        .forEach(
            m -> {
              try {
                int size = 1024 + (int) Math.floorMod((m * 2654435761L) >>> 7, 3072L);
                byte[] content = BenchMessages.stored(idBase + m, size, DOT_PERMILLE);
                String name = name(idBase + m, content, naming);
                Path t = template.resolve(folder).resolve(name);
                Files.write(t, content);
                Files.setLastModifiedTime(t, FileTime.fromMillis((MTIME_BASE + m) * 1000L));
                Files.createLink(maildir.resolve(folder).resolve(name), t);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** How a box's messages are named, and where they lie. */
  private enum Naming {
    /** In cur/, with Dovecot's {@code ,S=} and {@code ,W=} sizes, seen. */
    SIZES_IN_NAME,
    /** In cur/, without sizes, seen. */
    PLAIN,
    /** In new/ as a delivery agent leaves them: no sizes and no {@code :2,} flags. */
    NEW_PLAIN
  }

  /** A Maildir name as Dovecot's LDA writes it, with or without the size fields. */
  private static String name(long id, byte[] content, Naming naming) {
    String base = (MTIME_BASE + id % 1_000_000) + ".M" + id + "P4242.bench";
    return switch (naming) {
      case SIZES_IN_NAME ->
          base + ",S=" + content.length + ",W=" + BenchMessages.wireSize(content) + ":2,S";
      case PLAIN -> base + ":2,S";
      case NEW_PLAIN -> base;
    };
  }

  private void write(Path maildir, int m, long id, int size, boolean sizesInName)
      throws IOException {
    byte[] content = BenchMessages.stored(id, size, DOT_PERMILLE);
    Naming naming = sizesInName ? Naming.SIZES_IN_NAME : Naming.PLAIN;
    Path f = maildir.resolve("cur").resolve(name(id, content, naming));
    Files.write(f, content);
    Files.setLastModifiedTime(f, FileTime.fromMillis((MTIME_BASE + m) * 1000L));
  }
}
