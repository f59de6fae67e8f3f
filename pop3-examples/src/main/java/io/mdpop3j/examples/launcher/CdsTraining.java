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
import io.mdpop3j.examples.logging.LauncherLogging;
import io.mdpop3j.examples.logging.LogSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code --cds-training}: one scripted session over in-memory streams, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} records the classes a real session loads: the option parser, the
 * {@code maildir} store on a temporary Maildir and the {@code passwd-file} authenticator when they
 * are on the class path. bin/mdpop3d runs it once to make the AppCDS archive.
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
      // The class paths of start-up: option parsing, the inherited-channel check.
      OptionParser.parse(Arrays.asList("-t", "60", "-m", "Maildir", "--auth", "unix"));
      Channel ignored = System.inheritedChannel();
      home = Files.createTempDirectory("mdpop3d-cds-");
      SampleMaildir.create(home.resolve("Maildir"));
      Files.writeString(home.resolve("passwd"), "demo:{PLAIN}demo::::" + home + "::\n");
      Pop3ServerBuilder builder = Pop3Server.builder();
      builder.mailStore(store()).authenticator(authenticator(home));
      builder
          .build()
          .serve(
              new ByteArrayInputStream(SCRIPT.getBytes(StandardCharsets.US_ASCII)),
              OutputStream.nullOutputStream(),
              Optional.empty(),
              Optional.empty());
      return 0;
    } catch (UsageException | IOException e) {
      return Main.EXIT_FAILURE;
    } finally {
      if (home != null) {
        deleteTree(home);
      }
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
