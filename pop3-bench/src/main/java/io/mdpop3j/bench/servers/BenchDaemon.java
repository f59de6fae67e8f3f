package io.mdpop3j.bench.servers;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.ProviderRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our server as the comparison script runs it, until the launcher has a daemon mode: {@link
 * Pop3Server} on 127.0.0.1 with the {@code maildir} store found by name, and the users of a
 * Dovecot-format passwd-file, through the {@code passwd-file} provider when it is on the class
 * path, else through {@link MemoryAuthenticator} with each user's home taken from the file ({@code
 * {PLAIN}} secrets only).
 *
 * <p>Usage: {@code BenchDaemon <port> <passwd-file> [key=value ...]}, where keys are the server's
 * provider settings ({@code maildir.lock=none}) or {@code quiet=true}.
 */
public final class BenchDaemon {
  private BenchDaemon() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: BenchDaemon <port> <passwd-file> [key=value ...]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path passwd = Path.of(args[1]);
    Pop3ServerBuilder builder =
        Pop3Server.builder()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .mailStore("maildir");
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv[0].equals("quiet")) {
        builder.quiet(Boolean.parseBoolean(kv[1]));
      } else {
        builder.setting(kv[0], kv[1]);
      }
    }
    String how;
    ClassLoader loader = BenchDaemon.class.getClassLoader();
    if (ProviderRegistry.authenticators(loader).names().contains("passwd-file")) {
      builder.authenticator("passwd-file").setting("passwd-file.path", passwd.toString());
      how = "passwd-file provider";
    } else {
      builder.authenticator(homesFrom(passwd));
      how = "memory authenticator with homes from the passwd-file";
    }
    Pop3Server server = builder.build();
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    System.out.println("READY port=" + server.port() + " auth=" + how);
    System.out.flush();
    // The server's threads are daemons; this thread keeps the JVM up until it is signalled.
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** {@code user:{PLAIN}secret:uid:gid:gecos:home:...} lines as a memory authenticator. */
  static Authenticator homesFrom(Path passwd) throws IOException {
    MemoryAuthenticator users = new MemoryAuthenticator();
    Map<String, Path> homes = new ConcurrentHashMap<>();
    for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length < 6 || !f[1].startsWith("{PLAIN}")) {
        throw new IOException("only {PLAIN} passwd-file lines are supported here: " + f[0]);
      }
      users.addUser(f[0], f[1].substring("{PLAIN}".length()));
      homes.put(f[0], Path.of(f[5]));
    }
    return (session, credentials) -> {
      AuthResult result = users.authenticate(session, credentials);
      if (result instanceof AuthResult.Success ok) {
        return AuthResult.success(ok.account().withHome(homes.get(ok.account().user())));
      }
      return result;
    };
  }
}
