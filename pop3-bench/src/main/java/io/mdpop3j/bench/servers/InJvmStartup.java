package io.mdpop3j.bench.servers;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code startup-injvm}: what a test suite waits for: from {@code Pop3Server.start()} in a running
 * JVM to the first {@code +OK} greeting read by a client. The first start in a fresh JVM pays for
 * class loading; later starts are what each further test pays.
 *
 * <p>Usage: {@code InJvmStartup [repeats]} (default 21)
 */
public final class InJvmStartup {

  private InJvmStartup() {}

  public static void main(String[] args) throws IOException {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    long[] nanos = new long[repeats];
    MemoryAuthenticator auth = new MemoryAuthenticator().addUser("u", "p");
    MemoryMailStore store = new MemoryMailStore();
    for (int i = 0; i < repeats; i++) {
      Pop3Server server =
          Pop3Server.builder()
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .authenticator(auth)
              .mailStore(store)
              .quiet(true)
              .build();
      long t0 = System.nanoTime();
      server.start();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        InputStream in = s.getInputStream();
        byte[] b = new byte[3];
        int n = 0;
        while (n < 3) {
          int k = in.read(b, n, 3 - n);
          if (k < 0) {
            throw new IOException("closed before the greeting");
          }
          n += k;
        }
        nanos[i] = System.nanoTime() - t0;
        if (b[0] != '+' || b[1] != 'O' || b[2] != 'K') {
          throw new IOException("greeting is not +OK");
        }
      } finally {
        server.close();
      }
    }
    long[] later = Arrays.copyOfRange(nanos, 1, repeats);
    Arrays.sort(later);
    System.out.printf(
        Locale.ROOT,
        "RESULT scenario=startup-injvm server=mdpop3j status=ok first_ms=%.3f later_median_ms=%.3f"
            + " ops=%d failed=0%n",
        nanos[0] / 1e6,
        later.length > 0 ? later[later.length / 2] / 1e6 : Double.NaN,
        repeats);
  }
}
