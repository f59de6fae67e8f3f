package io.mdpop3j.bench.load;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A strict POP3 client over one socket, JDK only: every reply line must end in CRLF, every status
 * the benchmark expects to be {@code +OK} is checked, and retrieved messages are compared byte for
 * byte with what the server must send.
 */
final class Pop3Connection implements Closeable {

  /** No single read may wait longer than this; the whole run stays bounded. */
  static final int READ_TIMEOUT_MS = 60_000;

  static final int CONNECT_TIMEOUT_MS = 5_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buf;
  private int pos;
  private int lim;

  private Pop3Connection(Socket socket, int bufferSize, int outBufferSize) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = new BufferedOutputStream(socket.getOutputStream(), outBufferSize);
    this.buf = new byte[bufferSize];
  }

  /** Connects and reads the greeting, which must be {@code +OK}. */
  static Pop3Connection open(String host, int port, int bufferSize) throws IOException {
    return open(host, port, bufferSize, 8192, null);
  }

  /**
   * As {@link #open(String, int, int)}, with an output buffer of {@code outBufferSize} octets and
   * the socket bound to {@code source} (an address of this host; null: the kernel's choice).
   */
  static Pop3Connection open(
      String host, int port, int bufferSize, int outBufferSize, String source) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(READ_TIMEOUT_MS);
      if (source != null) {
        s.bind(new InetSocketAddress(source, 0));
      }
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      Pop3Connection c = new Pop3Connection(s, bufferSize, outBufferSize);
      c.expectOk("greeting", c.readLine());
      return c;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Lets one read wait up to {@code ms}, for a reply the server may compute for longer than {@link
   * #READ_TIMEOUT_MS} (the open of a mailbox of a million messages).
   */
  void readTimeout(int ms) throws IOException {
    socket.setSoTimeout(ms);
  }

  /** USER then PASS, both must answer {@code +OK}. */
  void login(String user, String password) throws IOException {
    command("USER " + user);
    command("PASS " + password);
  }

  /** Sends {@code line} and returns the {@code +OK} status line, or throws. */
  String command(String line) throws IOException {
    send(line);
    flush();
    return expectOk(line.startsWith("PASS ") ? "PASS" : line, readLine());
  }

  /** Queues a command line without flushing (for pipelining). */
  void send(String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.US_ASCII));
    out.write('\r');
    out.write('\n');
  }

  void flush() throws IOException {
    out.flush();
  }

  /** Reads the reply to a command sent with {@link #send}; it must be {@code +OK}. */
  String expectOk(String what, String line) throws Pop3Failure {
    if (!line.startsWith("+OK")) {
      throw new Pop3Failure(what + " answered: " + abbreviate(line));
    }
    return line;
  }

  /** The next reply line without CRLF; a line ending in a bare LF is a protocol error. */
  String readLine() throws IOException {
    StringBuilder sb = null;
    while (true) {
      for (int i = pos; i < lim; i++) {
        if (buf[i] == '\n') {
          int end = i;
          if (end == pos && sb != null && sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
            sb.setLength(sb.length() - 1);
            pos = i + 1;
            return sb.toString();
          }
          if (end == pos || buf[end - 1] != '\r') {
            throw new Pop3Failure("reply line not ended by CRLF");
          }
          String part = new String(buf, pos, end - 1 - pos, StandardCharsets.ISO_8859_1);
          pos = i + 1;
          return sb == null ? part : sb.append(part).toString();
        }
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1));
      if (sb.length() > 100_000) {
        throw new Pop3Failure("reply line longer than 100000 octets");
      }
      pos = lim;
      fill();
    }
  }

  /**
   * Reads the lines of a multi-line reply up to the terminating {@code .}, undoing dot-stuffing,
   * and hands each to {@code sink}; returns the number of lines.
   */
  int readLines(Consumer<String> sink) throws IOException {
    int n = 0;
    while (true) {
      String line = readLine();
      if (line.equals(".")) {
        return n;
      }
      sink.accept(line.startsWith(".") ? line.substring(1) : line);
      n++;
    }
  }

  /**
   * Reads one message after its {@code +OK} status line and checks it byte for byte against the
   * expected wire form (dot-stuffed, CRLF, ending in {@code .} CRLF) that {@code expected} gives
   * for the message's {@code X-Bench-Id} line. Returns the message's id.
   */
  long readMessage(ExpectedMessages expected) throws IOException {
    return readMessage(expected, false);
  }

  /**
   * As {@link #readMessage(ExpectedMessages)}; with {@code allowTrace}, {@code Return-Path:} and
   * {@code Received:} header lines a delivering server put before the stored message are skipped.
   */
  long readMessage(ExpectedMessages expected, boolean allowTrace) throws IOException {
    String first = readLine();
    while (allowTrace
        && (first.startsWith("Return-Path:")
            || first.startsWith("Received:")
            || first.startsWith(" ")
            || first.startsWith("\t"))) {
      first = readLine();
    }
    byte[] wire = expected.forFirstLine(first);
    if (wire == null) {
      throw new Pop3Failure("unexpected first message line: " + abbreviate(first));
    }
    int off = first.length() + 2;
    while (off < wire.length) {
      if (pos == lim) {
        fill();
      }
      int n = Math.min(lim - pos, wire.length - off);
      if (Arrays.mismatch(buf, pos, pos + n, wire, off, off + n) >= 0) {
        int at = Arrays.mismatch(buf, pos, pos + n, wire, off, off + n);
        throw new Pop3Failure("message differs at wire octet " + (off + at));
      }
      pos += n;
      off += n;
    }
    return io.mdpop3j.bench.data.BenchMessages.parseIdLine(first)[0];
  }

  /** QUIT, which must answer {@code +OK}; then waits for the server to close (bounded). */
  String quit() throws IOException {
    String reply = command("QUIT");
    try {
      socket.setSoTimeout(2_000);
      while (pos < lim || in.read(buf, 0, buf.length) >= 0) {
        pos = lim;
      }
    } catch (SocketTimeoutException e) {
      // The server kept the connection open after QUIT; closing from here is fine.
    } catch (IOException e) {
      // Reset by the peer after QUIT: the session is over either way.
    }
    close();
    return reply;
  }

  private void fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      throw new Pop3Failure("connection closed by the server");
    }
    pos = 0;
    lim = n;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to do.
    }
  }

  static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  /** A reply the benchmark did not accept. */
  static final class Pop3Failure extends IOException {
    private static final long serialVersionUID = 1L;

    Pop3Failure(String message) {
      super(message);
    }
  }
}
