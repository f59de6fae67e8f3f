package io.mdpop3j.examples.embedding;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The smallest embedding: an in-memory mailbox and one user, on a free loopback port. Useful in a
 * test of an application that reads mail over POP3.
 */
public final class InMemoryServer {

  private InMemoryServer() {}

  /** Starts a server with one message for {@code alice}/{@code secret}; the caller closes it. */
  public static Pop3Server start() throws IOException {
    MemoryMailStore store = new MemoryMailStore();
    store.deliver(
        "alice",
        "Subject: hello\r\n\r\nThis message lives in memory.\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    Pop3Server server =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
            .mailStore(store)
            .build();
    server.start();
    return server;
  }

  /** Runs until the process is stopped. */
  public static void main(String[] args) throws IOException, InterruptedException {
    try (Pop3Server server = start()) {
      System.out.println("POP3 on 127.0.0.1:" + server.port() + ", user alice, password secret");
      Thread.currentThread().join();
    }
  }
}
