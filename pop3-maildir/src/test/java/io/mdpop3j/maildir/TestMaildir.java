package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.mdpop3j.core.protocol.WireEncoder;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A real Maildir in a temporary folder, with the operations a delivery agent would do. */
final class TestMaildir {

  static final long T0 = 1_700_000_000L;

  final Path home;
  final Path dir;

  TestMaildir(Path home) {
    this.home = home;
    this.dir = home.resolve("Maildir");
  }

  static TestMaildir create(Path home) {
    TestMaildir m = new TestMaildir(home);
    try {
      for (String sub : new String[] {"cur", "new", "tmp"}) {
        Files.createDirectories(m.dir.resolve(sub));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  Account account() {
    return Account.named("alice").withHome(home);
  }

  /** Writes a message file directly (as after a delivery's rename) with mtime T0 + second. */
  Path put(String folder, String name, String content, long second) {
    return put(folder, name, content.getBytes(US_ASCII), second);
  }

  Path put(String folder, String name, byte[] content, long second) {
    try {
      Path file = dir.resolve(folder).resolve(name);
      Files.write(file, content);
      setTimes(file, T0 + second);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void setTimes(Path file, long epochSecond) throws IOException {
    FileTime t = FileTime.from(Instant.ofEpochSecond(epochSecond));
    Files.getFileAttributeView(file, BasicFileAttributeView.class).setTimes(t, t, null);
  }

  /** The file names now in {@code folder}, sorted. */
  List<String> names(String folder) {
    try (Stream<Path> s = Files.list(dir.resolve(folder))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Mailbox open(MaildirSettings settings) throws MailStoreException {
    return new MaildirStore(settings).open(new TestSession(), account());
  }

  Mailbox open() throws MailStoreException {
    return open(MaildirSettings.defaults());
  }

  static List<String> uids(Mailbox box) {
    List<String> ids = new ArrayList<>();
    for (MessageInfo m : box.messages()) {
      ids.add(m.uniqueId());
    }
    return ids;
  }

  static byte[] read(Mailbox box, int index) throws IOException {
    try (InputStream in = box.open(index)) {
      return in.readAllBytes();
    }
  }

  /**
   * The octets RETR would send for the message before the terminating dot line and without
   * dot-stuffing: the size RFC 1939 section 11 asks LIST to report.
   */
  static long wireOctets(Mailbox box, int index) throws IOException {
    byte[] stored = read(box, index);
    WireEncoder encoder = new WireEncoder();
    byte[] out = new byte[WireEncoder.maxEncodedLength(stored.length) + 5];
    int n = encoder.encode(stored, 0, stored.length, out, 0);
    n += encoder.finish(out, n);
    int body = n - 3; // without the terminating ".\r\n"
    int stuffed = 0;
    boolean lineStart = true;
    for (int i = 0; i < body; i++) {
      if (lineStart && out[i] == '.') {
        stuffed++; // RFC 1939 sizes count the message before dot-stuffing
      }
      lineStart = out[i] == '\n';
    }
    return body - stuffed;
  }
}
