package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.Pop3ServerBuilder;
import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.examples.logging.BackgroundSink;
import io.mdpop3j.examples.logging.LauncherLogging;
import io.mdpop3j.examples.logging.LogSink;
import io.mdpop3j.examples.logging.StreamSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code --cds-training}: one scripted session, so that a JVM started with {@code
 * -XX:ArchiveClassesAtExit} (AppCDS) or {@code -XX:AOTCacheOutput} (the JDK 25 AOT cache) records
 * the classes a real inetd session loads: the option parser, the inetd assembly of the server, the
 * log sink, the {@code maildir} store on a temporary Maildir and the {@code passwd-file}
 * authenticator when they are on the class path, and the session over a loopback TCP connection
 * (in-memory streams where none can be made). bin/mdpop3d runs it once to make the cache.
 */
final class CdsTraining {

  // POP3 lines end in CRLF, which a text block would not give.
  @SuppressWarnings("StringConcatToTextBlock")
  private static final String SCRIPT =
      "CAPA\r\nUSER demo\r\nPASS demo\r\nSTAT\r\nLIST\r\nUIDL\r\nTOP 1 2\r\nRETR 1\r\n"
          + "DELE 1\r\nRSET\r\nNOOP\r\nQUIT\r\n";

  private CdsTraining() {}

  static int run() {
    LauncherLogging.sink(LogSink.discard());
    Path home = null;
    try {
      home = Files.createTempDirectory("mdpop3d-cds-");
      SampleMaildir.create(home.resolve("Maildir"));
      Path passwd = home.resolve("passwd");
      Files.writeString(passwd, "demo:{PLAIN}demo::::" + home + "::\n");
      // The class paths of an inetd start-up, up to the greeting: options, environment, log sink,
      // the server as inetd mode assembles it (built only: serving it as root would drop root).
      LaunchOptions options =
          OptionParser.parse(
              Arrays.asList(
                  "-t",
                  "60",
                  "-m",
                  "Maildir",
                  "--auth",
                  "passwd-file:" + passwd,
                  "--log",
                  home.resolve("log").toString(),
                  "--auth-failure-delay=0"));
      LaunchEnvironment env = LaunchEnvironment.current();
      LauncherLogging.remoteHost(env.remoteHostName(options).orElse(null));
      env.pipeRemote();
      Channel ignored = System.inheritedChannel();
      String logFile = home.resolve("log").toString();
      BackgroundSink sink = BackgroundSink.start(() -> openLog(logFile));
      LauncherLogging.sink(sink);
      ServerAssembly.server(options, ServerAssembly.Mode.INETD);
      Pop3ServerBuilder builder = Pop3Server.builder();
      builder.mailStore(store()).authenticator(authenticator(home));
      serveScript(builder.build());
      LauncherLogging.sink(LogSink.discard());
      sink.drain(2000);
      return 0;
    } catch (UsageException | IOException e) {
      return Main.EXIT_FAILURE;
    } finally {
      if (home != null) {
        deleteTree(home);
      }
    }
  }

  private static LogSink openLog(String file) {
    try {
      return StreamSink.appendingTo(file);
    } catch (IOException e) {
      return LogSink.discard();
    }
  }

  /** The script over loopback TCP, served as an inherited socket is; over streams if need be. */
  private static void serveScript(Pop3Server server) {
    byte[] script = SCRIPT.getBytes(StandardCharsets.US_ASCII);
    try (ServerSocketChannel listener =
            ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        SocketChannel accepted = listener.accept()) {
      Thread talker = new Thread(() -> talk(client, script), "cds-training-client");
      talker.start();
      server.serve(accepted.socket(), false);
      talker.join(10_000);
      return;
    } catch (IOException e) {
      // No loopback here: train on streams.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    server.serve(
        new ByteArrayInputStream(script),
        OutputStream.nullOutputStream(),
        Optional.empty(),
        Optional.empty());
  }

  /** The client's side: sends the whole script, then reads the replies until the server closes. */
  private static void talk(SocketChannel client, byte[] script) {
    try {
      client.write(ByteBuffer.wrap(script));
      ByteBuffer replies = ByteBuffer.allocate(8192);
      while (client.read(replies.clear()) >= 0) {
        // Replies are not checked: the recording only needs the server to run them.
      }
    } catch (IOException e) {
      // The server closed the connection.
    }
  }

  private static io.mdpop3j.core.spi.MailStore store() {
    ClassLoader loader = CdsTraining.class.getClassLoader();
    ProviderRegistry<io.mdpop3j.core.spi.MailStoreProvider> stores =
        ProviderRegistry.mailStores(loader);
    if (stores.names().contains("maildir")) {
      return stores.find("maildir").create(Settings.empty("maildir"));
    }
    MemoryMailStore memory = new MemoryMailStore();
    memory.deliver("demo", "Subject: x\r\n\r\n.dot\r\n".getBytes(StandardCharsets.US_ASCII));
    return memory;
  }

  private static Authenticator authenticator(Path home) {
    ClassLoader loader = CdsTraining.class.getClassLoader();
    ProviderRegistry<io.mdpop3j.core.spi.AuthenticatorProvider> auths =
        ProviderRegistry.authenticators(loader);
    if (auths.names().contains("passwd-file")) {
      try {
        Authenticator file =
            auths
                .find("passwd-file")
                .create(
                    Settings.of("passwd-file", Map.of("path", home.resolve("passwd").toString())));
        // The file's account has no ids; hand the session the home it needs.
        return (session, credentials) -> {
          AuthResult r = file.authenticate(session, credentials);
          return r instanceof AuthResult.Success
              ? AuthResult.success(Account.named("demo").withHome(home))
              : r;
        };
      } catch (RuntimeException | LinkageError e) {
        // Train without it.
      }
    }
    return new MemoryAuthenticator().addUser("demo", "demo");
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is all that happens.
    }
  }
}
