package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.Mailbox;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures in docs/maildir.md: a Maildir of 100,000 messages opened through the server, then
 * STAT, UIDL and LIST, cold (no size cache) and warm, with and without {@code ,W=} names. Off by
 * default; run with {@code -Dmaildir.benchmark=true} (see docs/maildir.md).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "maildir.benchmark", matches = "true")
class MaildirBenchmarkTest {

  static final int MESSAGES = Integer.getInteger("maildir.benchmark.messages", 100_000);
  static final int WARM_RUNS = 5;

  @TempDir Path tmp;

  @Test
  void openStatUidlListOf100kMessages() throws Exception {
    report(
        "%d CPUs, load average %.1f, %s%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    Path base = Path.of(System.getProperty("maildir.benchmark.dir", tmp.toString()));
    for (boolean wireNames : new boolean[] {true, false}) {
      // A given directory keeps its Maildirs between runs; only the size cache is removed.
      Path home = base.resolve((wireNames ? "w-names-" : "plain-names-") + MESSAGES);
      TestMaildir maildir = new TestMaildir(home);
      if (!Files.isDirectory(maildir.dir.resolve("cur"))) {
        maildir = TestMaildir.create(home);
        long t = System.nanoTime();
        fill(maildir, wireNames);
        report("%,d messages written in %d ms%n", MESSAGES, ms(t));
      }
      Files.deleteIfExists(maildir.dir.resolve(SizeCache.FILE_NAME));
      report("%s, %,d messages in cur/:%n", wireNames ? ",W= names" : "plain names", MESSAGES);
      try (Pop3Server server = server(home)) {
        long[] cold = session(server);
        long[][] warm = new long[WARM_RUNS][];
        for (int i = 0; i < WARM_RUNS; i++) {
          warm[i] = session(server);
        }
        report("  session over 127.0.0.1, ms      PASS(open)  STAT  UIDL  LIST  total%n");
        report("  cold (no size cache)          %s%n", phases(cold));
        report("  warm, median of %d             %s%n", WARM_RUNS, phases(median(warm)));
        report("  warm, fastest                 %s%n", phases(fastest(warm)));
      }
      long[] coldOpens = new long[WARM_RUNS];
      long[] coldCpu = new long[WARM_RUNS];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int i = 0; i < WARM_RUNS; i++) {
        Files.deleteIfExists(maildir.dir.resolve(SizeCache.FILE_NAME));
        long s = System.nanoTime();
        long c = threads.getCurrentThreadCpuTime();
        try (Mailbox box = maildir.open()) {
          assertEquals(MESSAGES, box.messages().size());
        }
        coldCpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1_000_000;
        coldOpens[i] = ms(s);
      }
      Arrays.sort(coldOpens);
      Arrays.sort(coldCpu);
      report(
          "  MaildirStore.open alone, cold (cache removed): wall min %d ms, median %d ms;"
              + " CPU min %d ms%n",
          coldOpens[0], coldOpens[WARM_RUNS / 2], coldCpu[0]);
      long[] opens = new long[WARM_RUNS];
      long[] cpu = new long[WARM_RUNS];
      for (int i = 0; i < WARM_RUNS; i++) {
        long s = System.nanoTime();
        long c = threads.getCurrentThreadCpuTime();
        try (Mailbox box = maildir.open()) {
          assertEquals(MESSAGES, box.messages().size());
        }
        cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1_000_000;
        opens[i] = ms(s);
      }
      Arrays.sort(opens);
      Arrays.sort(cpu);
      report(
          "  MaildirStore.open alone, warm: wall min %d ms, median %d ms; CPU min %d ms%n",
          opens[0], opens[WARM_RUNS / 2], cpu[0]);
      report("  snapshot memory: %d bytes/message%n", bytesPerMessage(maildir));
    }
  }

  /**
   * RETR of one large message (LF line ends, so the encoder works on every line): the store's file
   * reading as the server streams it, in MB/s of stored bytes, in-process and over 127.0.0.1.
   */
  @Test
  void retrOfALargeMessage() throws Exception {
    int megabytes = Integer.getInteger("maildir.benchmark.retr-mb", 64);
    TestMaildir maildir = TestMaildir.create(tmp);
    byte[] line =
        "A line of a large message body, as long as the lines of real mail are.\n"
            .getBytes(US_ASCII);
    Path file = maildir.dir.resolve("cur").resolve("1700000000.M1P1.host:2,S");
    try (OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (long n = 0; n < (long) megabytes << 20; n += line.length) {
        out.write(line);
      }
    }
    long size = Files.size(file);
    long[] read = new long[WARM_RUNS];
    long[] wire = new long[WARM_RUNS];
    for (int i = 0; i < WARM_RUNS; i++) {
      try (Mailbox box = maildir.open()) {
        long s = System.nanoTime();
        byte[] chunk = new byte[32 * 1024];
        long total = 0;
        try (InputStream in = box.open(0)) {
          for (int n; (n = in.read(chunk, 0, chunk.length)) > 0; ) {
            total += n;
          }
        }
        read[i] = System.nanoTime() - s;
        assertEquals(size, total);
      }
    }
    try (Pop3Server server = server(tmp)) {
      for (int i = 0; i < WARM_RUNS; i++) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
          InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
          OutputStream out = socket.getOutputStream();
          line(in);
          command(out, in, "USER alice");
          command(out, in, "PASS secret");
          long s = System.nanoTime();
          command(out, in, "RETR 1");
          byte[] buf = new byte[1 << 16];
          int last4 = 0;
          while (last4 != 0x0a2e0d0a) {
            int n = in.read(buf);
            if (n < 0) {
              throw new IOException("connection closed in RETR");
            }
            for (int k = Math.max(0, n - 4); k < n; k++) {
              last4 = (last4 << 8) | (buf[k] & 0xff);
            }
          }
          wire[i] = System.nanoTime() - s;
          command(out, in, "QUIT");
        }
      }
    }
    Arrays.sort(read);
    Arrays.sort(wire);
    report(
        "RETR of one %d MB message: store read best %.0f MB/s, median %.0f MB/s;"
            + " over 127.0.0.1 best %.0f MB/s, median %.0f MB/s%n",
        megabytes,
        mbPerSecond(size, read[0]),
        mbPerSecond(size, read[WARM_RUNS / 2]),
        mbPerSecond(size, wire[0]),
        mbPerSecond(size, wire[WARM_RUNS / 2]));
  }

  static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  static void report(String format, Object... args) {
    System.out.printf(format, args);
    System.out.flush();
  }

  static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  /** Realistic small messages with LF line ends, in cur/ (a leave-on-server client's Maildir). */
  static void fill(TestMaildir maildir, boolean wireNames) throws IOException {
    Random random = new Random(42);
    Path cur = maildir.dir.resolve("cur");
    for (int i = 0; i < MESSAGES; i++) {
      StringBuilder m = new StringBuilder(2048);
      m.append("Return-Path: <sender").append(i).append("@example.net>\n");
      m.append("From: Sender <sender").append(i).append("@example.net>\n");
      m.append("To: alice@example.org\nSubject: message ").append(i).append("\n\n");
      int lines = 5 + random.nextInt(60);
      for (int l = 0; l < lines; l++) {
        m.append("Line ").append(l).append(" of a message body with some text in it.\n");
      }
      byte[] bytes = m.toString().getBytes(US_ASCII);
      String name = (TestMaildir.T0 + i) + ".M" + i + "P4242.mail.example.org";
      if (wireNames) {
        name += ",S=" + bytes.length + ",W=" + (bytes.length + lines + 5);
      }
      Path file = Files.write(cur.resolve(name + ":2,S"), bytes);
      TestMaildir.setTimes(file, TestMaildir.T0 + i);
    }
  }

  static Pop3Server server(Path home) throws IOException {
    Pop3Server server = AliceServer.builder(home).build();
    server.start();
    return server;
  }

  /**
   * One session: USER, PASS (opens the Maildir), STAT, UIDL, LIST, QUIT; returns the ms of PASS,
   * STAT, UIDL, LIST (each until its last line arrived) and of the whole session.
   */
  static long[] session(Pop3Server server) throws IOException {
    long start = System.nanoTime();
    long[] t = new long[5];
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      OutputStream out = socket.getOutputStream();
      assertTrue(line(in).startsWith("+OK"));
      command(out, in, "USER alice");
      long p = System.nanoTime();
      command(out, in, "PASS secret");
      t[0] = ms(p);
      p = System.nanoTime();
      String stat = command(out, in, "STAT");
      t[1] = ms(p);
      assertTrue(stat.startsWith("+OK " + MESSAGES + " "), stat);
      p = System.nanoTime();
      command(out, in, "UIDL");
      assertEquals(MESSAGES, multiline(in));
      t[2] = ms(p);
      p = System.nanoTime();
      command(out, in, "LIST");
      assertEquals(MESSAGES, multiline(in));
      t[3] = ms(p);
      command(out, in, "QUIT");
    }
    t[4] = ms(start);
    return t;
  }

  static String phases(long[] t) {
    return String.format("%10d %5d %5d %5d %6d", t[0], t[1], t[2], t[3], t[4]);
  }

  static long[] median(long[][] runs) {
    long[] m = new long[runs[0].length];
    for (int k = 0; k < m.length; k++) {
      long[] column = new long[runs.length];
      for (int i = 0; i < runs.length; i++) {
        column[i] = runs[i][k];
      }
      Arrays.sort(column);
      m[k] = column[runs.length / 2];
    }
    return m;
  }

  static long[] fastest(long[][] runs) {
    long[] best = runs[0];
    for (long[] r : runs) {
      if (r[4] < best[4]) {
        best = r;
      }
    }
    return best;
  }

  static String command(OutputStream out, InputStream in, String command) throws IOException {
    out.write((command + "\r\n").getBytes(US_ASCII));
    out.flush();
    String reply = line(in);
    assertTrue(reply.startsWith("+OK"), command + ": " + reply);
    return reply;
  }

  static int multiline(InputStream in) throws IOException {
    int n = 0;
    while (!line(in).equals(".")) {
      n++;
    }
    return n;
  }

  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(80);
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(US_ASCII);
  }

  /** Heap retained by an open snapshot, divided by its messages. */
  static long bytesPerMessage(TestMaildir maildir) throws Exception {
    long before = usedAfterGc();
    Mailbox box = maildir.open();
    long after = usedAfterGc();
    int n = box.messages().size();
    box.close();
    return (after - before) / n;
  }

  static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
