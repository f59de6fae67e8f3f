package io.mdpop3j.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_client} against a local port, fed lines with pauses between them (s_client
 * renegotiates on a line that is just {@code R}), its output and exit status collected.
 */
public final class OpensslClient {

  /** What s_client printed (stdout and stderr) and how it exited. */
  public record Run(int exit, String output) {
    /** Whether the TLS handshake completed. */
    public boolean connected() {
      return output.contains("SSL-Session:") && !output.contains("Cipher is (NONE)");
    }
  }

  private OpensslClient() {}

  /**
   * Connects to 127.0.0.1:{@code port} with {@code options}, waits for the handshake to end (or
   * fail), then sends {@code lines}, 600 ms apart.
   */
  public static Run run(int port, List<String> options, String... lines) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl", "s_client"));
    command.addAll(List.of("-connect", "127.0.0.1:" + port, "-servername", "localhost", "-crlf"));
    command.addAll(options);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream from = p.getInputStream()) {
                for (int n; (n = from.read(buffer)) > 0; ) {
                  synchronized (out) {
                    out.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // The process ended.
              }
            });
    reader.start();
    // Lines sent before the handshake ends would race it on a loaded machine (stdin's end makes
    // s_client give up), so wait for its session summary or its exit first.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (p.isAlive() && System.nanoTime() < deadline && !handshakeOver(out)) {
      Thread.sleep(20);
    }
    try (OutputStream in = p.getOutputStream()) {
      for (String line : lines) {
        Thread.sleep(600);
        in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
      }
      Thread.sleep(600);
    } catch (IOException e) {
      // s_client exited already: the server closed the connection.
    }
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    reader.join(5000);
    synchronized (out) {
      return new Run(p.exitValue(), out.toString(StandardCharsets.ISO_8859_1));
    }
  }

  private static boolean handshakeOver(ByteArrayOutputStream out) {
    String text;
    synchronized (out) {
      text = out.toString(StandardCharsets.ISO_8859_1);
    }
    return text.contains("SSL-Session:") || text.contains("Cipher is (NONE)");
  }
}
