package io.mdpop3j.core.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One thread that enforces deadlines a blocking socket cannot: write timeouts for every session,
 * and read timeouts for sessions over plain streams.
 */
final class Watchdog implements AutoCloseable {

  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final long tickMillis;
  private final Thread thread;
  private volatile boolean running = true;

  Watchdog(String name, long tickMillis) {
    this.tickMillis = Math.max(20, tickMillis);
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  void watch(Connection connection) {
    connections.add(connection);
  }

  void forget(Connection connection) {
    connections.remove(connection);
  }

  private void loop() {
    while (running) {
      try {
        TimeUnit.MILLISECONDS.sleep(tickMillis);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Connection c : connections) {
        c.checkDeadlines(now);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
