package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.server.EndReason;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.Account;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session in this process, then exit: inetd mode (the client is on the inherited socket, or on
 * stdin/stdout when those are pipes) and pre-authenticated mode.
 */
final class SingleSession {
  private static final Logger log = LoggerFactory.getLogger(SingleSession.class);

  private SingleSession() {}

  /** inetd mode: log in, then serve the account's Maildir as its user. */
  static int inetd(LaunchOptions o, LaunchEnvironment env) throws UsageException {
    Pop3Server server = ServerAssembly.server(o, ServerAssembly.Mode.INETD);
    Optional<SocketChannel> channel = inheritedChannel();
    Optional<Socket> socket = channel.flatMap(SingleSession::tcpSocket);
    EndReason reason;
    if (socket.isPresent()) {
      reason = server.serve(socket.get(), false);
    } else if (channel.isPresent()) {
      // A UNIX-domain socket pair, as stunnel's exec gives: streams over the channel.
      reason =
          server.serve(
              Channels.newInputStream(channel.get()),
              Channels.newOutputStream(channel.get()),
              env.pipeRemote(),
              Optional.empty());
    } else {
      reason =
          server.serve(
              DetachedInput.of(new FileInputStream(FileDescriptor.in)),
              new FileOutputStream(FileDescriptor.out),
              env.pipeRemote(),
              Optional.empty());
    }
    return status(reason);
  }

  /**
   * Pre-authenticated mode ({@code -a}, {@code -u}): straight to TRANSACTION on the Maildir in the
   * working directory, as the calling user, as qmail-pop3d runs after checkpassword.
   */
  static int preauthenticated(LaunchOptions o, LaunchEnvironment env) throws UsageException {
    String user = env.preauthenticatedUser(o);
    if (ProcessIdentity.effectiveUid().orElse(0) == 0) {
      // The caller (checkpassword) must have switched to the user already: never serve as root.
      log.error("refusing a pre-authenticated session for {} as root", user);
      Main.reportStartFailure("refusing to serve a pre-authenticated session as root");
      return Main.EXIT_FAILURE;
    }
    Account account =
        Account.named(user)
            .withHome(env.workingDirectory())
            .withMaildir(env.preauthenticatedMaildir(o).toString());
    Pop3Server server = ServerAssembly.server(o, ServerAssembly.Mode.PREAUTHENTICATED);
    Optional<SocketChannel> channel = inheritedChannel();
    Optional<Socket> socket = channel.flatMap(SingleSession::tcpSocket);
    InputStream in;
    OutputStream out;
    Optional<InetSocketAddress> remote;
    try {
      if (channel.isPresent() && socket.isEmpty()) {
        in = Channels.newInputStream(channel.get());
        out = Channels.newOutputStream(channel.get());
        remote = env.pipeRemote();
      } else if (socket.isPresent()) {
        in = socket.get().getInputStream();
        out = socket.get().getOutputStream();
        remote =
            socket.get().getRemoteSocketAddress() instanceof InetSocketAddress a
                ? Optional.of(a)
                : Optional.empty();
      } else {
        in = DetachedInput.of(new FileInputStream(FileDescriptor.in));
        out = new FileOutputStream(FileDescriptor.out);
        remote = env.pipeRemote();
      }
    } catch (IOException e) {
      log.error("cannot use the inherited socket: {}", e.toString());
      return Main.EXIT_FAILURE;
    }
    return status(server.serve(in, out, remote, Optional.of(account)));
  }

  /** The client's connection when inetd, tcpserver, systemd or stunnel passed one as stdin. */
  private static Optional<SocketChannel> inheritedChannel() {
    try {
      Channel channel = System.inheritedChannel();
      if (channel instanceof SocketChannel socketChannel) {
        return Optional.of(socketChannel);
      }
    } catch (IOException | SecurityException e) {
      log.debug("no inherited channel: {}", e.toString());
    }
    return Optional.empty();
  }

  /** The channel's socket when it is TCP (a UNIX-domain channel has none). */
  private static Optional<Socket> tcpSocket(SocketChannel channel) {
    try {
      return Optional.of(channel.socket());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static int status(EndReason reason) {
    return reason == EndReason.ERROR || reason == EndReason.MAILBOX_UNAVAILABLE
        ? Main.EXIT_FAILURE
        : 0;
  }
}
