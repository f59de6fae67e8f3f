package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code --demo}: a temporary Maildir with sample messages, served on 127.0.0.1 port {@value
 * #DEMO_PORT} (or a free port when that one is taken) for the user {@code demo}, password {@code
 * demo}. The Maildir is removed when the process stops.
 */
final class DemoMode {
  /** The documented demo port: POP3's 110 plus 1000, so no root is needed. */
  static final int DEMO_PORT = 1110;

  static final String USER = "demo";
  static final String PASSWORD = "demo";

  private DemoMode() {}

  /** Serves until the process is stopped; returns only on failure. */
  static int run(LaunchOptions o) throws UsageException {
    Path home;
    try {
      home = Files.createTempDirectory("mdpop3d-demo-");
      SampleMaildir.create(home.resolve("Maildir"));
    } catch (IOException e) {
      Main.reportStartFailure("cannot create the demo Maildir: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    Authenticator demo = demoAuthenticator(home);
    Pop3Server server = start(o, demo, DEMO_PORT);
    if (server == null && o.listeners().plain().isEmpty()) {
      server = start(o, demo, 0);
    }
    if (server == null) {
      Main.reportStartFailure("cannot listen; is another demo running?");
      deleteTree(home);
      return Main.EXIT_FAILURE;
    }
    banner(System.out, server.port(), home.resolve("Maildir"));
    Pop3Server running = server;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  deleteTree(home);
                  stopped.countDown();
                },
                "mdpop3d-demo-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static Pop3Server start(LaunchOptions o, Authenticator demo, int port)
      throws UsageException {
    var builder = ServerAssembly.builder(o, ServerAssembly.Mode.DAEMON, Optional.of(demo));
    if (!o.listeners().any()) {
      builder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }
    Pop3Server server = builder.greeting("mdpop3j demo ready.").build();
    try {
      server.start();
      return server;
    } catch (IOException e) {
      return null;
    }
  }

  /** One user, {@code demo}/{@code demo}, whose home is the temporary folder. */
  static Authenticator demoAuthenticator(Path home) {
    byte[] expected = PASSWORD.getBytes(StandardCharsets.UTF_8);
    return (session, credentials) -> {
      if (credentials instanceof Credentials.Password p) {
        // Both compared every time (no short circuit): the time taken reveals nothing.
        @SuppressWarnings("ShortCircuitBoolean")
        boolean ok =
            MessageDigest.isEqual(
                    p.user().getBytes(StandardCharsets.UTF_8),
                    USER.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(p.password(), expected);
        if (ok && p.authorizationId().map(USER::equals).orElse(true)) {
          return AuthResult.success(Account.named(USER).withHome(home));
        }
      }
      return AuthResult.failure(AuthResult.Reason.BAD_CREDENTIALS, "not the demo login");
    };
  }

  private static void banner(PrintStream out, int port, Path maildir) {
    String url = "pop3://127.0.0.1:" + port;
    out.println("mdpop3d demo: a POP3 server for a temporary Maildir with 3 sample messages");
    out.println("  Maildir:  " + maildir);
    out.println("  server:   127.0.0.1 port " + port + " (plain POP3, loopback only)");
    out.println("  login:    user " + USER + ", password " + PASSWORD);
    out.println("  try:      curl -u " + USER + ":" + PASSWORD + " " + url + "/      (list)");
    out.println("            curl -u " + USER + ":" + PASSWORD + " " + url + "/1     (message 1)");
    out.println("            telnet 127.0.0.1 " + port + "   (USER demo, PASS demo, LIST, QUIT)");
    out.println("Stop with Ctrl-C; the temporary Maildir is removed then.");
    out.flush();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is all that happens.
    }
  }
}
