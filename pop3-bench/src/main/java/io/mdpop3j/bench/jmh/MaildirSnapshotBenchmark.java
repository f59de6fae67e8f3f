package io.mdpop3j.bench.jmh;

import io.mdpop3j.bench.data.BenchMessages;
import io.mdpop3j.core.protocol.SessionInfo;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreProvider;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Settings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code maildir} store (found by name through the SPI) opening a Maildir of 100,000 messages
 * and taking its snapshot, with its size cache in place ({@code warm}) or removed before each open
 * ({@code cold}). Names carry {@code ,S=,W=} or not ({@code names}). {@code trust} is the store's
 * {@code maildir.trust-folder-stamps}: {@code auto} reuses a settled listing on a local disk,
 * {@code never} lists the folders at every open (what issue 18's scale-out change did everywhere).
 * The Maildir is made once under {@code -Dbench.maildir.dir} (default {@code
 * /tmp/mdpop3j-bench-snapshot}) and reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class MaildirSnapshotBenchmark {

  @Param({"100000"})
  public int messages;

  @Param({"sized", "plain"})
  public String names;

  /** {@code cold}: the size cache is removed before each open; {@code warm}: it is kept. */
  @Param({"cold", "warm"})
  public String cache;

  /** {@code maildir.trust-folder-stamps}: {@code auto}, {@code always} or {@code never}. */
  @Param({"auto"})
  public String trust;

  private MailStore store;
  private Account account;
  private Path maildir;
  private final SessionInfo session =
      new SessionInfo("bench", Optional.empty(), Optional.empty(), false, Map.of());

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path home =
        Path.of(System.getProperty("bench.maildir.dir", "/tmp/mdpop3j-bench-snapshot"))
            .resolve(names + "-" + messages);
    maildir = home.resolve("Maildir");
    ensureMaildir(maildir, messages, names.equals("sized"));
    MailStoreProvider provider =
        ProviderRegistry.mailStores(getClass().getClassLoader()).find("maildir");
    store = provider.create(Settings.of("maildir", Map.of("trust-folder-stamps", trust)));
    account = Account.named("bench").withHome(home);
  }

  /** Removes what a previous open cached, so that a cold open is a first open. */
  @Setup(Level.Invocation)
  public void forgetCaches() throws IOException {
    if (cache.equals("cold")) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir, "mdpop3j-sizes*")) {
        for (Path f : files) {
          Files.delete(f);
        }
      }
    }
  }

  /** Opens the Maildir and takes its snapshot. */
  @Benchmark
  public int open() throws Exception {
    return snapshot();
  }

  private int snapshot() throws Exception {
    try (Mailbox box = store.open(session, account)) {
      int n = box.messages().size();
      if (n != messages) {
        throw new IllegalStateException("snapshot has " + n + " messages, expected " + messages);
      }
      return n;
    }
  }

  private static void ensureMaildir(Path maildir, int count, boolean sized) throws IOException {
    Path cur = maildir.resolve("cur");
    if (Files.isDirectory(cur)) {
      try (var list = Files.list(cur)) {
        if (list.count() == count) {
          return;
        }
      }
    }
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      Files.createDirectories(maildir.resolve(sub));
    }
    for (int m = 0; m < count; m++) {
      int size = 1024 + (int) Math.floorMod((m * 2654435761L) >>> 7, 3072L);
      byte[] content = BenchMessages.stored(m, size, 10);
      String base = (1_700_000_000L + m) + ".M" + m + "P4242.bench";
      if (sized) {
        base += ",S=" + content.length + ",W=" + BenchMessages.wireSize(content);
      }
      Path f = cur.resolve(base + ":2,S");
      Files.write(f, content);
      Files.setLastModifiedTime(f, FileTime.fromMillis((1_700_000_000L + m) * 1000L));
    }
    try {
      // A listing is cached only once the folders' times are two seconds old (DirStamps): let
      // them settle, so that the warm-up's first open writes the stamped cache.
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
