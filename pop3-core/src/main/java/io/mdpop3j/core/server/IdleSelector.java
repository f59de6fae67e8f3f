package io.mdpop3j.core.server;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for input on behalf of parked sessions: plain-TCP sessions that had no command for the
 * grace period give their thread back and wait here, in one selector shared by the whole server.
 * When input arrives, a deadline passes, the server closes or the socket is closed, the session is
 * handed back to the session executor and carries on where it stopped, in blocking mode again.
 *
 * <p>The selector and its thread are made when the first session parks, so a server whose sessions
 * never idle pays nothing for them.
 */
final class IdleSelector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IdleSelector.class);

  private final String name;
  private final long graceMillis;
  private final long tickMillis;
  private final Executor sessions;
  private final Queue<Connection> arrivals = new ConcurrentLinkedQueue<>();
  // The sessions registered now, by the selector thread only. Not the selector's keys(): a key
  // cancelled by closing its channel (forceClose) leaves keys() at the next selection unseen.
  private final Map<Connection, SelectionKey> registered = new HashMap<>();
  private final Object opening = new Object();
  private volatile Selector selector;
  private volatile boolean closed;
  private volatile boolean scanNow;
  private Thread thread;

  /**
   * @param graceMillis how long a session waits for input on its own thread before it parks
   * @param tickMillis how often deadlines of parked sessions are checked
   * @param sessions where woken sessions run again
   */
  IdleSelector(String name, long graceMillis, long tickMillis, Executor sessions) {
    this.name = name;
    this.graceMillis = graceMillis;
    this.tickMillis = Math.max(20, tickMillis);
    this.sessions = sessions;
  }

  /** How long a session waits for input on its own thread before it parks; 0 parks at once. */
  long graceMillis() {
    return graceMillis;
  }

  /**
   * Opens the selector and starts its thread if this is the first park; false when sessions cannot
   * park (the server is closing, or no selector could be opened) and must keep their thread.
   */
  boolean ready() {
    if (selector != null) {
      return !closed;
    }
    synchronized (opening) {
      if (closed) {
        return false;
      }
      if (selector == null) {
        try {
          Selector s = Selector.open();
          thread = new Thread(() -> loop(s), name);
          thread.setDaemon(true);
          selector = s;
          thread.start();
        } catch (IOException e) {
          log.warn("cannot open a selector; idle sessions keep their threads: {}", e.toString());
          closed = true;
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Takes over {@code connection}, whose channel is in non-blocking mode and not registered, after
   * {@link #ready()} said yes. The caller must not touch the connection afterwards.
   */
  void park(Connection connection) {
    arrivals.add(connection);
    selector.wakeup();
    if (closed) {
      // close() may have drained the arrivals already; make sure this one is not left behind.
      Connection c;
      while ((c = arrivals.poll()) != null) {
        resume(c);
      }
    }
  }

  /** Makes the selector thread look at its sessions now (a shutdown or a close happened). */
  void nudge() {
    scanNow = true;
    Selector s = selector;
    if (s != null) {
      s.wakeup();
    }
  }

  /** Hands every parked session back to the executor and stops the thread. */
  @Override
  public void close() {
    Thread t;
    synchronized (opening) {
      closed = true;
      t = thread;
    }
    nudge();
    if (t != null) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop(Selector s) {
    try {
      long nextScan = System.nanoTime();
      while (!closed) {
        s.select(tickMillis);
        Set<Connection> due = new LinkedHashSet<>();
        for (SelectionKey key : s.selectedKeys()) {
          Connection c = (Connection) key.attachment();
          if (registered.remove(c) != null) {
            key.cancel();
            due.add(c);
          }
        }
        s.selectedKeys().clear();
        long now = System.nanoTime();
        Connection arrived;
        while ((arrived = arrivals.poll()) != null) {
          // A shutdown asked for just before the park may have found nothing to nudge.
          if (arrived.mustWake(now) || !register(s, arrived, registered)) {
            due.add(arrived);
          }
        }
        if (scanNow || now - nextScan >= 0) {
          // Deadlines, shutdowns and closes are looked for once a tick (or when nudged), not on
          // every wake-up, so that many parked sessions cost little while others wake.
          scanNow = false;
          nextScan = now + tickMillis * 1_000_000L;
          for (Iterator<Map.Entry<Connection, SelectionKey>> i = registered.entrySet().iterator();
              i.hasNext(); ) {
            Map.Entry<Connection, SelectionKey> parked = i.next();
            // A key whose channel was closed under us (forceClose) is invalid: its session must
            // still end, and no selection reports it.
            if (!parked.getValue().isValid() || parked.getKey().mustWake(now)) {
              parked.getValue().cancel();
              due.add(parked.getKey());
              i.remove();
            }
          }
        }
        wake(s, due);
      }
    } catch (IOException | RuntimeException e) {
      log.error("idle selector failed; its sessions go back to the executor", e);
    } finally {
      closed = true;
      Set<Connection> left = new LinkedHashSet<>(registered.keySet());
      registered.clear();
      try {
        // Deregisters every channel, so that each can go back to blocking mode.
        s.close();
      } catch (IOException e) {
        log.warn("cannot close the idle selector: {}", e.toString());
      }
      Connection c;
      while ((c = arrivals.poll()) != null) {
        left.add(c);
      }
      for (Connection parked : left) {
        resume(parked);
      }
    }
  }

  /** Registers a parked session's channel for reading; false when it cannot be parked. */
  private static boolean register(
      Selector s, Connection c, Map<Connection, SelectionKey> registered) {
    SocketChannel channel = c.idleChannel();
    try {
      // The session made it non-blocking on its own thread before it parked.
      registered.put(c, channel.register(s, SelectionKey.OP_READ, c));
      return true;
    } catch (ClosedChannelException e) {
      return false;
    } catch (RuntimeException e) {
      log.debug("cannot park a session: {}", e.toString());
      return false;
    }
  }

  private void wake(Selector s, Set<Connection> due) throws IOException {
    if (due.isEmpty()) {
      return;
    }
    // A channel cannot go back to blocking mode while registered; cancelled keys are only
    // deregistered by the next selection operation.
    s.selectNow();
    for (Connection c : due) {
      resume(c);
    }
  }

  /**
   * Hands a session whose channel is deregistered back to the executor; it makes the channel
   * blocking again on its own thread, so that this thread makes one call per wake, not two.
   */
  private void resume(Connection c) {
    try {
      sessions.execute(c);
    } catch (RejectedExecutionException e) {
      c.endUnresumed();
    } catch (RuntimeException e) {
      // A host executor failing otherwise must not take the other parked sessions down with it.
      log.warn("the session executor failed to take an idle session back", e);
      c.endUnresumed();
    }
  }
}
