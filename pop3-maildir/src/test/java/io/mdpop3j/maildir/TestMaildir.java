package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.Mailbox;
import io.mdpop3j.core.spi.MessageInfo;
import io.mdpop3j.core.testing.TestSession;
import io.mdpop3j.core.testing.WireForm;
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

  /**
   * The path of the entry of {@code dir} whose name is exactly {@code name}, whatever the locale:
   * built from a {@code file:} URI, whose percent-escapes the JDK turns into the bytes they encode.
   */
  static Path rawPath(Path dir, byte[] name) {
    StringBuilder uri = new StringBuilder("file:///");
    for (byte b : name) {
      uri.append('%').append(String.format("%02X", b & 0xff));
    }
    return dir.resolve(Path.of(java.net.URI.create(uri.toString())).getFileName());
  }

  /** Writes a message file whose name is the bytes {@code name}, mtime T0 + second. */
  Path putRaw(String folder, byte[] name, String content, long second) {
    try {
      Path file = rawPath(dir.resolve(folder), name);
      Files.write(file, content.getBytes(US_ASCII));
      setTimes(file, T0 + second);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The file names now in {@code folder}, sorted, each byte outside printable ASCII written {@code
   * \xNN}: read from each entry's URI, so the bytes are the names' own whatever the locale.
   */
  List<String> rawNames(String folder) {
    List<String> names = new ArrayList<>();
    try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(dir.resolve(folder))) {
      for (Path p : s) {
        String uri = p.toUri().getRawPath();
        String last = uri.substring(uri.lastIndexOf('/') + 1);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < last.length(); i++) {
          int c = last.charAt(i);
          if (c == '%') {
            c = Integer.parseInt(last, i + 1, i + 3, 16);
            i += 2;
          }
          name.append(
              c > 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        names.add(name.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(null);
    return names;
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
    return new MaildirStore(settings).open(TestSession.plain().as("alice"), account());
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
    // Encoded by the server's encoder, then unstuffed: independent of the store's own size count.
    return WireForm.unstuffed(WireForm.encode(read(box, index), List.of())).length;
  }
}
