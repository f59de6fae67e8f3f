package io.mdpop3j.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code startup}: starts the command after {@code --} {@code --repeat} times and measures from
 * process start to the first {@code +OK} greeting on {@code --port}; each time the process tree is
 * stopped and the port must be free again before the next start.
 */
final class StartupScenario {

  private StartupScenario() {}

  static Result run(Options o) throws InterruptedException {
    String host = o.get("host", "127.0.0.1");
    int port = Integer.parseInt(o.require("port"));
    int repeat = o.getInt("repeat", 3);
    File log = new File(o.get("log", "/dev/null"));
    Result r = new Result("startup", o.require("server"));
    List<Long> times = new ArrayList<>();
    for (int k = 0; k < repeat; k++) {
      waitPortFree(host, port);
      Process p = null;
      try {
        long t0 = System.nanoTime();
        p =
            new ProcessBuilder(o.rest())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
        while (true) {
          if (greets(host, port)) {
            times.add(System.nanoTime() - t0);
            r.ok();
            break;
          }
          if (!p.isAlive()) {
            throw new IOException("server exited with " + p.exitValue() + " before greeting");
          }
          if (System.nanoTime() > deadline) {
            throw new IOException("no greeting within 30 s");
          }
          Thread.sleep(2);
        }
      } catch (IOException e) {
        r.fail(e);
      } finally {
        if (p != null) {
          stop(p);
        }
      }
    }
    times.sort(null);
    r.figure("start_to_greeting_ms", SessionLoops.percentile(times, 0.5) / 1e6);
    r.fact("runs", times.size());
    return r;
  }

  private static boolean greets(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 200);
      s.setSoTimeout(5_000);
      InputStream in = s.getInputStream();
      byte[] b = new byte[3];
      int n = 0;
      while (n < 3) {
        int k = in.read(b, n, 3 - n);
        if (k < 0) {
          return false;
        }
        n += k;
      }
      return new String(b, StandardCharsets.US_ASCII).equals("+OK");
    } catch (IOException e) {
      return false;
    }
  }

  private static void waitPortFree(String host, int port) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 100);
      } catch (IOException e) {
        return;
      }
      Thread.sleep(20);
    }
  }

  static void stop(Process p) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>();
    p.toHandle().descendants().forEach(tree::add);
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle h : tree) {
      h.destroy();
    }
  }
}
