package io.mdpop3j.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

  /** Connects to 127.0.0.1:{@code port} with {@code options}, sends {@code lines}, 600 ms apart. */
  public static Run run(int port, List<String> options, String... lines) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl", "s_client"));
    command.addAll(List.of("-connect", "127.0.0.1:" + port, "-servername", "localhost", "-crlf"));
    command.addAll(options);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader =
        new Thread(
            () -> {
              try {
                p.getInputStream().transferTo(out);
              } catch (IOException e) {
                // The process ended.
              }
            });
    reader.start();
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
    return new Run(p.exitValue(), out.toString(StandardCharsets.ISO_8859_1));
  }
}
