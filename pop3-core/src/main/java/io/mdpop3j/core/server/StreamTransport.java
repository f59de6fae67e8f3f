package io.mdpop3j.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;

/** A session over a pair of streams (inetd with pipes, tests). */
final class StreamTransport implements Transport {

  private final InputStream in;
  private final OutputStream out;
  private final Optional<InetSocketAddress> remote;
  private final Runnable onClose;

  StreamTransport(
      InputStream in, OutputStream out, Optional<InetSocketAddress> remote, Runnable onClose) {
    this.in = in;
    this.out = out;
    this.remote = remote;
    this.onClose = onClose;
  }

  @Override
  public InputStream input() {
    return in;
  }

  @Override
  public OutputStream output() {
    return out;
  }

  @Override
  public boolean timedReads() {
    return false;
  }

  @Override
  public void setReadTimeout(int millis) {
    // Streams have no timed reads; the watchdog closes the session instead.
  }

  @Override
  public Optional<InetSocketAddress> remote() {
    return remote;
  }

  @Override
  public Optional<InetSocketAddress> local() {
    return Optional.empty();
  }

  @Override
  public boolean canStartTls() {
    return false;
  }

  @Override
  public Transport startTls(TlsPolicy tls, int handshakeTimeoutMillis) throws IOException {
    throw new IOException("TLS cannot start over a pair of streams");
  }

  @Override
  public void close() {
    try {
      out.flush();
    } catch (IOException e) {
      // The peer may be gone.
    }
    try {
      in.close();
    } catch (IOException e) {
      // Best effort.
    }
    try {
      out.close();
    } catch (IOException e) {
      // Best effort.
    }
    onClose.run();
  }
}
