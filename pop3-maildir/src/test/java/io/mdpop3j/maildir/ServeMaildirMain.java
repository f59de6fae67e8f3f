package io.mdpop3j.maildir;

import io.mdpop3j.core.server.Pop3Server;
import java.nio.file.Path;

/**
 * A POP3 daemon in its own JVM, for tests that must start it under conditions their own JVM does
 * not have (no locale, another user): serves alice (password {@code secret}) whose home is the
 * first argument, with the default Maildir store, prints {@code jnu=<sun.jnu.encoding>} and {@code
 * PORT <port>}, and ends when its standard input does.
 */
public final class ServeMaildirMain {
  private ServeMaildirMain() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    try (Pop3Server server = AliceServer.builder(home).build()) {
      server.start();
      System.out.println("jnu=" + System.getProperty("sun.jnu.encoding"));
      System.out.println("PORT " + server.port());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
