package io.mdpop3j.bench.load;

/** CPU used by the server and by this client over a measured interval, in cores. */
final class CpuWindow {

  private final ServerProcess server;
  private final long wall0;
  private final double server0;
  private final double client0;

  CpuWindow(ServerProcess server) {
    this.server = server;
    this.wall0 = System.nanoTime();
    this.server0 = server.cpuSeconds();
    this.client0 = ServerProcess.clientCpuSeconds();
  }

  /** Adds {@code server_cores} and {@code client_cores} (average cores busy) to {@code r}. */
  void report(Result r) {
    double wall = (System.nanoTime() - wall0) / 1e9;
    if (server.known()) {
      r.fact(
          "server_cores",
          String.format(java.util.Locale.ROOT, "%.2f", (server.cpuSeconds() - server0) / wall));
    }
    r.fact(
        "client_cores",
        String.format(
            java.util.Locale.ROOT, "%.2f", (ServerProcess.clientCpuSeconds() - client0) / wall));
  }
}
