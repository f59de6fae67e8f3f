package io.mdpop3j.core.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/** The byte pipe under one session: a socket, a TLS socket, or a pair of streams. */
interface Transport extends Closeable {

  InputStream input() throws IOException;

  OutputStream output() throws IOException;

  /** Whether {@link #setReadTimeout} works; without it the watchdog enforces read deadlines. */
  boolean timedReads();

  /**
   * Makes the next reads fail with a timeout after {@code millis}; 0 for none, when input is known
   * to be waiting.
   */
  void setReadTimeout(int millis) throws IOException;

  Optional<InetSocketAddress> remote();

  Optional<InetSocketAddress> local();

  /** The TLS session once a handshake is done; empty on a plain transport. */
  default Optional<javax.net.ssl.SSLSession> tlsSession() {
    return Optional.empty();
  }

  /** Whether {@link #startTls} can work on this transport. */
  boolean canStartTls();

  /** Runs the server side of a TLS handshake over this transport and returns the TLS transport. */
  Transport startTls(TlsPolicy tls, int handshakeTimeoutMillis) throws IOException;

  /**
   * The plain TCP channel a session may wait on in a selector while idle; empty for TLS (an
   * SSLSocket reads in blocking mode only and may hold decrypted input no selector sees) and for
   * streams.
   */
  default Optional<SocketChannel> idleChannel() {
    return Optional.empty();
  }

  /** Closes the transport; safe from any thread and more than once. */
  @Override
  void close();

  /**
   * Closes the transport at once, even while another thread is blocked writing to it; unlike {@link
   * #close} it does not wait to say goodbye (no TLS close_notify). Safe from any thread.
   */
  default void abort() {
    close();
  }
}
