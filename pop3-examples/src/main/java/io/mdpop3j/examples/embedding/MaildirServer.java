package io.mdpop3j.examples.embedding;

import io.mdpop3j.core.server.Pop3Server;
import java.io.IOException;

/**
 * Maildirs of virtual users in a passwd-file, served in the host application's process. The
 * plug-ins are picked by name, so only pop3-core is needed at compile time; pop3-maildir and
 * pop3-auth-unix are on the run-time class path.
 *
 * <p>Usage: {@code MaildirServer PASSWD-FILE PORT}.
 */
public final class MaildirServer {

  private MaildirServer() {}

  /** A server for the users of {@code passwdFile}, with the settings docs/ describes. */
  public static Pop3Server build(String passwdFile, int port) {
    return Pop3Server.builder()
        .bind("127.0.0.1", port)
        .mailStore("maildir")
        .setting("maildir.subdir", "Maildir")
        .setting("maildir.missing", "create")
        .authenticator("passwd-file")
        .setting("passwd-file.path", passwdFile)
        .build();
  }

  /** Runs until the process is stopped. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: MaildirServer PASSWD-FILE PORT");
      System.exit(2);
    }
    try (Pop3Server server = build(args[0], Integer.parseInt(args[1]))) {
      server.start();
      System.out.println("POP3 on 127.0.0.1:" + server.port());
      Thread.currentThread().join();
    }
  }
}
