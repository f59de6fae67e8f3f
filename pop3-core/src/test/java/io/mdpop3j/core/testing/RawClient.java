package io.mdpop3j.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A byte-exact POP3 client for tests: sends lines, reads replies and raw message bytes. */
public final class RawClient implements Closeable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(20_000);
    this.in = new java.io.BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to 127.0.0.1:{@code port}. */
  public static RawClient connect(int port) throws IOException {
    return new RawClient(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /** Wraps a connected socket (for example a TLS one). */
  public static RawClient over(Socket socket) throws IOException {
    return new RawClient(socket);
  }

  /** The socket under this client. */
  public Socket socket() {
    return socket;
  }

  /** Connects, reads the greeting, logs in with USER/PASS and checks the reply is +OK. */
  public static RawClient login(int port, String user, String password) throws IOException {
    RawClient client = connect(port);
    client.expectOk(client.readLine());
    client.expectOk(client.command("USER " + user));
    client.expectOk(client.command("PASS " + password));
    return client;
  }

  /** Sends {@code line} and CRLF. */
  public RawClient send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return this;
  }

  /** Sends bytes as they are. */
  public RawClient sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Sends {@code line} and reads one reply line. */
  public String command(String line) throws IOException {
    send(line);
    return readLine();
  }

  /** One line without CRLF; fails if the line does not end in CRLF. Null at end of stream. */
  public String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
          throw new IOException("line not ended by CRLF: " + line);
        }
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** The lines of a multi-line reply body up to the final {@code .}, with dot-stuffing undone. */
  public List<String> readBody() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = readLine(); !line.equals("."); line = readLine()) {
      lines.add(line.startsWith(".") ? line.substring(1) : line);
    }
    return lines;
  }

  /** The raw bytes of a multi-line body as sent, up to and including {@code CRLF . CRLF}. */
  public byte[] readRawBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int last4 = '\n'; // as if a line had just ended, so an empty body ".\r\n" is found
    int b;
    while ((b = in.read()) >= 0) {
      body.write(b);
      last4 = (last4 << 8) | b;
      if (last4 == (('\n' << 24) | ('.' << 16) | ('\r' << 8) | '\n')
          || (body.size() == 3 && (last4 & 0xffffff) == (('.' << 16) | ('\r' << 8) | '\n'))) {
        return body.toByteArray();
      }
    }
    throw new IOException("stream ended inside a multi-line reply");
  }

  /** Whether the server has closed the connection (reads end of stream). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  /** Fails unless {@code reply} starts with {@code +OK}. */
  public String expectOk(String reply) throws IOException {
    if (reply == null || !reply.startsWith("+OK")) {
      throw new IOException("expected +OK, got " + reply);
    }
    return reply;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
