package io.mdpop3j.bench.servers;

import io.mdpop3j.bench.data.BenchMessages;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The physical limit the comparison measures against: a POP3 responder with no storage, no
 * authentication and no state machine, that answers greeting, USER, PASS, STAT, LIST, RETR, NOOP
 * and QUIT with bytes encoded once at start, written straight to the socket. Every user sees the
 * one message given. One platform thread per connection, reused from a pool as a server's would be.
 *
 * <p>Without a message file it is the limit of the {@code login} scenario: every mailbox is empty
 * ({@code STAT} answers {@code +OK 0 0}), so a login session costs the machine its connect, four
 * round trips and close, nothing more.
 *
 * <p>Usage: {@code RawLimitServer <port> [<message-file>]}
 */
public final class RawLimitServer {
  private static final byte[] GREETING = ascii("+OK raw limit server ready.\r\n");
  private static final byte[] OK = ascii("+OK\r\n");
  private static final byte[] BYE = ascii("+OK Bye.\r\n");
  private static final byte[] ERR = ascii("-ERR Unknown command.\r\n");

  private final byte[] stat;
  private final byte[] retr;

  /** The login mode's server: an empty mailbox for everyone. */
  private RawLimitServer() {
    stat = ascii("+OK 0 0\r\n");
    retr = ascii("-ERR No such message.\r\n");
  }

  private RawLimitServer(byte[] stored) {
    long octets = BenchMessages.wireSize(stored);
    stat = ascii("+OK 1 " + octets + "\r\n");
    byte[] head = ascii("+OK " + octets + " octets\r\n");
    byte[] wire = BenchMessages.wire(stored);
    retr = new byte[head.length + wire.length];
    System.arraycopy(head, 0, retr, 0, head.length);
    System.arraycopy(wire, 0, retr, head.length, wire.length);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: RawLimitServer <port> [<message-file>]");
      System.exit(2);
    }
    RawLimitServer server =
        args.length == 2
            ? new RawLimitServer(Files.readAllBytes(Path.of(args[1])))
            : new RawLimitServer();
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 1024);
    System.out.println("READY port=" + listener.getLocalPort());
    System.out.flush();
    // Starting a thread per login would cost more than the login: keep them, as servers do.
    ExecutorService threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "raw");
              t.setDaemon(true);
              return t;
            });
    while (true) {
      Socket s = listener.accept();
      threads.execute(() -> server.serve(s));
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 4096);
      OutputStream out = socket.getOutputStream();
      out.write(GREETING);
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        if (c != '\n') {
          if (c != '\r') {
            line.append((char) c);
          }
          continue;
        }
        String cmd = line.toString();
        line.setLength(0);
        String keyword = (cmd.length() >= 4 ? cmd.substring(0, 4) : cmd).toUpperCase(Locale.ROOT);
        switch (keyword) {
          case "USER", "PASS", "NOOP", "DELE" -> out.write(OK);
          case "STAT", "LIST" -> out.write(stat);
          case "RETR" -> out.write(retr);
          case "QUIT" -> {
            out.write(BYE);
            return;
          }
          default -> out.write(ERR);
        }
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
