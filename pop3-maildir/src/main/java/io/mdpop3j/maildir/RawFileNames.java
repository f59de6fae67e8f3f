package io.mdpop3j.maildir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * File names as a Unix kernel holds them: bytes, whatever the locale. Java turns names into strings
 * with the charset of {@code sun.jnu.encoding}, which follows the locale the JVM was started in
 * (US-ASCII when none is set, as under inetd, tcpserver, systemd or {@code env -i}): a name that
 * charset cannot decode comes back damaged, and a damaged string does not name the file any more.
 * So this store carries each name as a <em>byte string</em>: a {@code String} of one char per byte
 * (ISO-8859-1), on which {@code ':'} and {@code ','} are found byte for byte.
 *
 * <p>For a name of plain ASCII, as Maildir names nearly always are, the byte string is the very
 * string {@link File#list} gives and the path is {@link Path#resolve(String)}: no copy and no extra
 * call. Other names are listed through a {@link DirectoryStream}, whose paths keep the raw bytes,
 * and are read and built as {@code file:} URIs, where the JDK percent-encodes each byte as it is
 * (the one public way to name arbitrary bytes).
 *
 * <p>On a file system whose names are not bytes (not Unix), names are the strings Java gives.
 */
final class RawFileNames {
  /** The charset that turns a byte string into the name's bytes and back. */
  static final Charset CHARSET =
      bytesAreNames() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;

  private static final boolean BYTES = CHARSET.equals(StandardCharsets.ISO_8859_1);

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private RawFileNames() {}

  /**
   * The entry names of {@code dir} as byte strings, or an empty array when {@code dir} does not
   * exist.
   *
   * @throws IOException when {@code dir} cannot be read (the exception says why)
   */
  static String[] list(Path dir) throws IOException {
    String[] names = dir.toFile().list(); // no Path per entry: the fast path
    if (names == null) {
      return listSlowly(dir); // File.list says only "null": this names the reason
    }
    if (BYTES) {
      for (String name : names) {
        if (!decodedExactly(name)) {
          return listSlowly(dir);
        }
      }
    }
    return names;
  }

  private static String[] listSlowly(Path dir) throws IOException {
    List<String> list = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        list.add(name(p));
      }
    } catch (NoSuchFileException e) {
      return new String[0];
    }
    return list.toArray(new String[0]);
  }

  /** The last name of {@code path} as a byte string. */
  static String name(Path path) {
    String name = path.getFileName().toString();
    if (!BYTES || decodedExactly(name)) {
      return name;
    }
    // toUri percent-encodes every byte outside a small ASCII set, the name's real bytes.
    String uri = path.toAbsolutePath().toUri().getRawPath();
    int end = uri.endsWith("/") ? uri.length() - 1 : uri.length(); // a directory gets a slash
    return decodePercents(uri, uri.lastIndexOf('/', end - 1) + 1, end);
  }

  /** The byte string that {@code uri[start, end)} percent-encodes. */
  private static String decodePercents(String uri, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = uri.charAt(i);
      if (c == '%') {
        out.append((char) Integer.parseInt(uri, i + 1, i + 3, 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The path of the entry of {@code dir} whose name is the byte string {@code name}. */
  static Path resolve(Path dir, String name) {
    if (!BYTES || isAscii(name)) {
      return dir.resolve(name);
    }
    StringBuilder uri = new StringBuilder(8 + name.length() * 3).append("file:///");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        uri.append(c);
      } else {
        uri.append('%').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      }
    }
    // "/<name>" built from its bytes; its last part is a relative path of those bytes.
    return dir.resolve(Path.of(URI.create(uri.toString())).getFileName());
  }

  /**
   * The bytes of {@code path} made absolute, ended by a NUL, for a C call: from its string when
   * that is plain ASCII, else from its {@code file:} URI.
   */
  static byte[] cPath(Path path) {
    Path absolute = path.toAbsolutePath();
    String s = absolute.toString();
    if (!BYTES || !decodedExactly(s)) {
      String uri = absolute.toUri().getRawPath();
      s =
          decodePercents(
              uri, 0, uri.length() > 1 && uri.endsWith("/") ? uri.length() - 1 : uri.length());
    }
    return Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), s.length() + 1);
  }

  /** The bytes of the byte string {@code name}. */
  static byte[] bytes(String name) {
    return name.getBytes(CHARSET);
  }

  /** The byte string of {@code bytes}. */
  static String of(byte[] bytes) {
    return new String(bytes, CHARSET);
  }

  /**
   * {@code name} for a log line: printable ASCII as it is, any other byte (and the backslash) as
   * {@code \xNN}, so that the line names the file exactly whatever the log's charset.
   */
  static String printable(String name) {
    if (isPrintable(name)) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length() + 16);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ((c > 0x20 && c < 0x7f && c != '\\') || c == ' ') {
        out.append(c);
      } else if (c <= 0xff) {
        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        out.append(c); // not a byte string (a non-Unix name): as it is
      }
    }
    return out.toString();
  }

  /** {@code dir/name} for a log line; see {@link #printable}. */
  static String printable(Path dir, String name) {
    return dir + File.separator + printable(name);
  }

  /** Whether every char of {@code s} is ASCII. */
  static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPrintable(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code decoded}, a name as Java decoded it, is certainly the name's bytes: ASCII,
   * without the {@code ?} and U+FFFD that decoders put for bytes they cannot read. (In every
   * charset a Unix locale can have, ASCII bytes decode to themselves and nothing else does.)
   */
  private static boolean decodedExactly(String decoded) {
    for (int i = 0, n = decoded.length(); i < n; i++) {
      char c = decoded.charAt(i);
      if (c >= 0x80 || c == '?') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether names here are bytes that Java decodes with an ASCII-compatible charset: a Unix file
   * system, and a {@code sun.jnu.encoding} that maps ASCII to itself both ways.
   */
  private static boolean bytesAreNames() {
    if (File.separatorChar != '/') {
      return false;
    }
    try {
      Charset jnu = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
      byte[] ascii = new byte[127];
      for (int i = 0; i < ascii.length; i++) {
        ascii[i] = (byte) (i + 1);
      }
      String decoded = new String(ascii, jnu);
      return decoded.equals(new String(ascii, StandardCharsets.US_ASCII))
          && Arrays.equals(decoded.getBytes(jnu), ascii);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
