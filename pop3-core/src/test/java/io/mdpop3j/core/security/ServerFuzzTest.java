package io.mdpop3j.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.protocol.CommandLine;
import io.mdpop3j.core.server.EndReason;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.SessionListener;
import io.mdpop3j.core.server.SessionStats;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.core.testing.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Throws random bytes, random and mangled command lines, NUL and 8-bit octets, overlong lines and
 * random pipelined batches at a live server (with STLS, APOP and SASL on), and checks after every
 * session that the server still answers a fresh client correctly and that nothing was deleted
 * without QUIT (no generated session contains a QUIT line).
 */
class ServerFuzzTest {

  private static final List<String> VOCABULARY =
      List.of(
          "USER alice",
          "PASS s3cret",
          "PASS wrong",
          "USER nobody",
          "USER ",
          "PASS",
          "APOP alice",
          "APOP alice 0123456789abcdef0123456789abcdef",
          "APOP alice 0123",
          "AUTH",
          "AUTH PLAIN",
          "AUTH PLAIN " + plain("alice", "s3cret"),
          "AUTH PLAIN " + plain("alice", "wrong"),
          "AUTH PLAIN =",
          "AUTH LOGIN",
          "*",
          "=",
          plain("alice", "s3cret"),
          "CAPA",
          "STAT",
          "LIST",
          "LIST 1",
          "LIST 99",
          "LIST 1 2",
          "RETR 1",
          "RETR 0",
          "RETR -1",
          "RETR 4294967297",
          "RETR 1 noise",
          "TOP 1 0",
          "TOP 1 -1",
          "TOP 2 99999999999999999999",
          "TOP 3",
          "UIDL",
          "UIDL 2",
          "DELE 1",
          "DELE 2",
          "DELE 3",
          "DELE 1",
          "RSET",
          "NOOP",
          "STLS",
          "STLS now",
          "",
          " ",
          "\t",
          "NOOP\u0000",
          "ST\u0000AT",
          "LIST\u00ff",
          "US\u00e9R alice");

  private static Pop3Server server;
  private static MemoryMailStore store;
  private static List<String> originalIds;
  private static int sessions;
  private static final Map<EndReason, Integer> ends = new ConcurrentHashMap<>();
  private static final AtomicInteger loggedIn = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    store = new MemoryMailStore();
    store.deliver("alice", "Subject: one\r\n\r\nfirst\r\n".getBytes(StandardCharsets.US_ASCII));
    store.deliver(
        "alice", "Subject: two\r\n\r\n.dot\r\nsecond\r\n".getBytes(StandardCharsets.US_ASCII));
    store.deliver(
        "alice", "Subject: three\r\n\r\n\u00e9\u0000\r\n".getBytes(StandardCharsets.UTF_8));
    originalIds = ids();
    server =
        Servers.withTls(new MemoryAuthenticator().addUser("alice", "s3cret"), store)
            .apop(true)
            .listener(
                new SessionListener() {
                  @Override
                  public void sessionEnded(Session s, EndReason r, SessionStats stats) {
                    ends.merge(r, 1, Integer::sum);
                    if (s.user().isPresent()) {
                      loggedIn.incrementAndGet();
                    }
                  }
                })
            .idleTimeout(Duration.ofSeconds(5))
            .loginTimeout(Duration.ofSeconds(5))
            .build();
    server.start();
  }

  @AfterContainer
  static void stop() {
    server.close();
    System.out.println(
        "fuzz: "
            + sessions
            + " sessions, "
            + loggedIn
            + " logged in (with the checks), ends "
            + ends);
  }

  @Property(tries = 400)
  void serverSurvivesAnyInputAndDeletesNothingWithoutQuit(@ForAll("sessions") List<byte[]> writes)
      throws Exception {
    sessions++;
    byte[] output = converse(writes);

    assertTrue(
        new String(output, StandardCharsets.ISO_8859_1).startsWith("+OK mdpop3j ready."),
        "greeting first");
    String text = new String(output, StandardCharsets.ISO_8859_1);
    int tls = text.indexOf("+OK Begin TLS negotiation now.\r\n");
    int cleartext = tls < 0 ? output.length : tls; // then TLS records, such as an alert
    for (int i = 0; i < cleartext; i++) {
      if (output[i] == '\n') {
        assertTrue(i > 0 && output[i - 1] == '\r', "every line the server sends ends in CRLF");
      }
    }
    assertTrue(
        Servers.await(Duration.ofSeconds(5), () -> server.activeSessions() == 0),
        "the fuzzed session ended after the client did");
    assertEquals(originalIds, ids(), "no message deleted without QUIT");
    freshClientGetsCorrectAnswers();
  }

  /** Sends each write as it is, then half-closes and reads until the server closes. */
  private static byte[] converse(List<byte[]> writes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      try {
        for (byte[] w : writes) {
          out.write(w);
          out.flush();
        }
        socket.shutdownOutput();
      } catch (IOException e) {
        // The server closed first (line too long, too many failures): fine.
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          received.write(buffer, 0, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        throw new AssertionError("the server kept the connection open after the client's end", e);
      } catch (IOException e) {
        // A reset after the server closed: what was read is what counts.
      }
      return received.toByteArray();
    }
  }

  private static void freshClientGetsCorrectAnswers() throws IOException {
    try (RawClient c = RawClient.login(server.port(), "alice", "s3cret")) {
      assertEquals("+OK 3 76", c.command("STAT"), "23 + 30 + 23 octets");
      c.expectOk(c.command("RETR 2"));
      assertEquals(List.of("Subject: two", "", ".dot", "second"), c.readBody());
      assertEquals("+OK Logging out.", c.command("QUIT"));
    }
  }

  private static List<String> ids() {
    return store.messages("alice").stream()
        .map(MemoryMailStore.StoredMessage::uniqueId)
        .collect(Collectors.toList());
  }

  @Provide
  Arbitrary<List<byte[]>> sessions() {
    Arbitrary<byte[]> known =
        Arbitraries.of(VOCABULARY).flatMap(ServerFuzzTest::randomCase).map(ServerFuzzTest::utf8);
    Arbitrary<byte[]> printable =
        Arbitraries.strings().ascii().ofMaxLength(120).map(ServerFuzzTest::utf8);
    Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
    Arbitrary<byte[]> overlong =
        Arbitraries.integers().between(2000, 6000).map(n -> utf8("LIST " + "9".repeat(n)));
    Arbitrary<byte[]> line =
        Arbitraries.frequencyOf(
            Tuple.of(12, known),
            Tuple.of(3, printable),
            Tuple.of(3, anyBytes),
            Tuple.of(1, overlong));
    Arbitrary<String> ending =
        Arbitraries.frequency(
            Tuple.of(10, "\r\n"), Tuple.of(3, "\n"), Tuple.of(1, "\r"), Tuple.of(1, ""));
    Arbitrary<byte[]> terminated =
        Combinators.combine(line, ending).as((l, e) -> concat(List.of(l, utf8(e))));
    Arbitrary<byte[]> batch =
        terminated.list().ofMinSize(1).ofMaxSize(8).map(ServerFuzzTest::concat);
    // Half the sessions log in first, so that TRANSACTION commands get fuzzed too.
    Arbitrary<byte[]> start =
        Arbitraries.of(
            utf8("CAPA\r\n"),
            utf8("USER alice\r\nPASS s3cret\r\n"),
            utf8("AUTH PLAIN " + plain("alice", "s3cret") + "\r\n"));
    return Combinators.combine(start, batch.list().ofMinSize(1).ofMaxSize(12))
        .as(
            (first, rest) -> {
              List<byte[]> writes = new java.util.ArrayList<>();
              writes.add(first);
              writes.addAll(rest);
              return writes;
            })
        .filter(w -> !hasQuitLine(concat(w)));
  }

  private static Arbitrary<String> randomCase(String line) {
    return Arbitraries.integers()
        .between(0, 2)
        .map(
            mode ->
                mode == 0
                    ? line
                    : mode == 1 ? line.toLowerCase(java.util.Locale.ROOT) : swapCase(line));
  }

  private static String swapCase(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(i % 2 == 0 ? Character.toLowerCase(c) : c);
    }
    return out.toString();
  }

  /** Whether the server would read any line of {@code bytes} as QUIT. */
  static boolean hasQuitLine(byte[] bytes) {
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        String line = new String(bytes, start, Math.max(0, end - start), StandardCharsets.UTF_8);
        if (CommandLine.parse(line).keyword().equals("QUIT")) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String plain(String user, String password) {
    return Base64.getEncoder()
        .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }
}
