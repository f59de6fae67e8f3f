package io.mdpop3j.bench.attacks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain POP3 client over one blocking socket to 127.0.0.1, from a chosen loopback address if
 * asked. Reply lines are returned without their line end; message bodies stay bytes.
 */
final class PopClient implements Closeable {
  static final String HOST = "127.0.0.1";

  /** Longer reply lines are refused, so a broken server cannot fill the heap. */
  static final int MAX_LINE = 65_536;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private PopClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16_384);
    this.out = socket.getOutputStream();
  }

  /**
   * Connects from {@code source} (an address on 127/8, or null for the kernel's choice); every
   * later read waits at most {@code readTimeoutMs}.
   */
  static PopClient connect(int port, String source, int readTimeoutMs) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(readTimeoutMs);
      if (source != null) {
        s.bind(new InetSocketAddress(source, 0));
      }
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), readTimeoutMs);
      return new PopClient(s);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Sends {@code line} and returns the reply line. */
  String command(String line) throws IOException {
    send(line);
    return readLine();
  }

  /** The next reply line, as Latin-1 text without CRLF or LF. */
  String readLine() throws IOException {
    return new String(readLineBytes(), StandardCharsets.ISO_8859_1);
  }

  /**
   * The lines of a multi-line reply up to the final {@code .}, dot-stuffing undone, each ended by
   * CRLF: the message as it was stored when the store holds CRLF lines.
   */
  byte[] readBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      byte[] line = readLineBytes();
      if (line.length == 1 && line[0] == '.') {
        return body.toByteArray();
      }
      int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
      body.write(line, skip, line.length - skip);
      body.write('\r');
      body.write('\n');
    }
  }

  /** The lines of a multi-line reply up to the final {@code .}, dot-stuffing undone. */
  List<String> readLines() throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = readLine();
      if (line.equals(".")) {
        return lines;
      }
      lines.add(line.startsWith(".") ? line.substring(1) : line);
    }
  }

  /** {@code text} with every octet outside printable ASCII shown as {@code ?}, for a report. */
  static String printable(String text) {
    return text.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private byte[] readLineBytes() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return Arrays.copyOf(bytes, len);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("reply line longer than " + MAX_LINE + " octets");
      }
      line.write(b);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
  }
}
