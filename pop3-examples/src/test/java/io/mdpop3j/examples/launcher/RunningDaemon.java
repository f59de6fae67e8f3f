package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A launcher (or tcpserver) process that listens on a port, stopped with SIGTERM on close. */
final class RunningDaemon implements AutoCloseable {
  final Process process;

  private RunningDaemon(Process process) {
    this.process = process;
  }

  /** Starts {@code command} and waits until every one of {@code ports} on 127.0.0.1 accepts. */
  static RunningDaemon start(List<String> command, Map<String, String> env, Path cwd, int... ports)
      throws IOException, InterruptedException {
    Process p = Mdpop3dProcess.start(command, env, cwd);
    Mdpop3dProcess.pump(p.getInputStream(), java.io.OutputStream.nullOutputStream());
    Mdpop3dProcess.pump(p.getErrorStream(), java.io.OutputStream.nullOutputStream());
    RunningDaemon d = new RunningDaemon(p);
    for (int port : ports) {
      d.awaitPort(port);
    }
    return d;
  }

  private void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "process exited with " + process.exitValue() + " before listening");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    close();
    throw new AssertionError("nothing listens on port " + port + " after 30 s");
  }

  /** Whether the server is still running (a session must not take the listener down). */
  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
