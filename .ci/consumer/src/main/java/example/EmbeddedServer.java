package example;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import java.nio.charset.StandardCharsets;

/** The README's ten lines: an embedded server with one user and one message. */
public final class EmbeddedServer {

  static final String MESSAGE = "Subject: hi\r\n\r\nHello\r\n";

  private EmbeddedServer() {}

  /** Starts the server on 127.0.0.1 and a free port. */
  public static Pop3Server start() throws Exception {
    MemoryMailStore store = new MemoryMailStore();
    store.deliver("alice", MESSAGE.getBytes(StandardCharsets.US_ASCII));
    Pop3Server server =
        Pop3Server.builder()
            .bind("127.0.0.1", 0)
            .authenticator(new MemoryAuthenticator().addUser("alice", "secret"))
            .mailStore(store)
            .build();
    server.start();
    return server;
  }

  public static void main(String[] args) throws Exception {
    try (Pop3Server server = start()) {
      System.out.println("curl pop3://alice:secret@127.0.0.1:" + server.port() + "/1");
    }
  }
}
