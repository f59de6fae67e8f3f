package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.examples.logging.LauncherLogging;
import io.mdpop3j.examples.logging.LogSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code --cds-training}: one scripted session over in-memory streams, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} records the classes a real session loads. bin/mdpop3d runs it
 * once to make the AppCDS archive.
 */
final class CdsTraining {

  private static final String SCRIPT =
      "CAPA\r\nUSER demo\r\nPASS demo\r\nSTAT\r\nLIST\r\nUIDL\r\nTOP 1 2\r\nRETR 1\r\n"
          + "DELE 1\r\nRSET\r\nNOOP\r\nQUIT\r\n";

  private CdsTraining() {}

  static int run() {
    LauncherLogging.sink(LogSink.discard());
    try {
      // The class paths of start-up: option parsing, the inherited-channel check, providers.
      OptionParser.parse(Arrays.asList("-t", "60", "-m", "Maildir", "--auth", "unix"));
      Channel ignored = System.inheritedChannel();
      ProviderRegistry.mailStores(CdsTraining.class.getClassLoader()).names();
      ProviderRegistry.authenticators(CdsTraining.class.getClassLoader()).names();
    } catch (UsageException | IOException e) {
      return Main.EXIT_FAILURE;
    }
    MemoryMailStore store = new MemoryMailStore();
    store.deliver(
        "demo", "Subject: training\r\n\r\n.dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    Pop3Server server =
        Pop3Server.builder()
            .authenticator(new MemoryAuthenticator().addUser("demo", "demo"))
            .mailStore(store)
            .build();
    server.serve(
        new ByteArrayInputStream(SCRIPT.getBytes(StandardCharsets.US_ASCII)),
        OutputStream.nullOutputStream(),
        Optional.empty(),
        Optional.empty());
    return 0;
  }
}
