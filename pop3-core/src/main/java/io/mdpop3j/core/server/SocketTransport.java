package io.mdpop3j.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import javax.net.ssl.SSLSocket;

/** A session over a TCP socket, plain or TLS. */
final class SocketTransport implements Transport {

  private final Socket socket;
  private final Socket tcp;
  private final boolean secure;

  SocketTransport(Socket socket) {
    this(socket, socket);
  }

  /** {@code socket}, which may be TLS layered over the plain {@code tcp} socket. */
  private SocketTransport(Socket socket, Socket tcp) {
    this.socket = socket;
    this.tcp = tcp;
    this.secure = socket instanceof SSLSocket;
  }

  @Override
  public InputStream input() throws IOException {
    return socket.getInputStream();
  }

  @Override
  public OutputStream output() throws IOException {
    return socket.getOutputStream();
  }

  @Override
  public boolean timedReads() {
    return true;
  }

  @Override
  public void setReadTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public Optional<InetSocketAddress> remote() {
    return socket.getRemoteSocketAddress() instanceof InetSocketAddress a
        ? Optional.of(a)
        : Optional.empty();
  }

  @Override
  public Optional<InetSocketAddress> local() {
    return socket.getLocalSocketAddress() instanceof InetSocketAddress a
        ? Optional.of(a)
        : Optional.empty();
  }

  @Override
  public Optional<SocketChannel> idleChannel() {
    return secure ? Optional.empty() : Optional.ofNullable(socket.getChannel());
  }

  @Override
  public Optional<javax.net.ssl.SSLSession> tlsSession() {
    return secure ? Optional.of(((SSLSocket) socket).getSession()) : Optional.empty();
  }

  @Override
  public boolean canStartTls() {
    return !secure;
  }

  @Override
  public Transport startTls(TlsPolicy tls, int handshakeTimeoutMillis) throws IOException {
    String host = remote().map(InetSocketAddress::getHostString).orElse(null);
    SSLSocket layered = tls.layer(socket, host);
    layered.setSoTimeout(handshakeTimeoutMillis);
    layered.startHandshake();
    return new SocketTransport(layered, socket);
  }

  /**
   * Closes the TCP socket under any TLS layer. An SSLSocket's own close waits for a lock that a
   * writer blocked on a client that does not read holds forever; closing the TCP socket does not
   * wait, and fails that write.
   */
  @Override
  public void abort() {
    try {
      tcp.close();
    } catch (IOException e) {
      // Closing is best effort; the peer may already be gone.
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the peer may already be gone.
    }
  }
}
