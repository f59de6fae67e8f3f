package io.mdpop3j.core.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One run of an external mail client: its exit status and what it wrote. */
record ClientRun(int exit, byte[] stdout, String stderr) {

  /** Runs {@code command} in {@code dir} with stdin closed; fails if it takes over 60 s. */
  static ClientRun of(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getErrorStream().readAllBytes();
              } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
              }
            });
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish within 60 s");
    }
    return new ClientRun(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
  }

  /** stdout as ISO-8859-1 text, every byte one char. */
  String out() {
    return new String(stdout, StandardCharsets.ISO_8859_1);
  }

  /** For assertion messages. */
  String describe() {
    return "exit " + exit + ", stderr: " + stderr + ", stdout: " + out();
  }
}
