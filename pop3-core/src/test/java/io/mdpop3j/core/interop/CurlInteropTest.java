package io.mdpop3j.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.TestPackages;
import io.mdpop3j.core.testing.TestServer;
import io.mdpop3j.core.testing.WireForm;
import io.mdpop3j.core.wire.WireSize;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** curl's POP3 client. */
class CurlInteropTest {
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    TestPackages.require("curl");
    server = TestServer.start();
    for (byte[] m : InteropMessages.ALL) {
      server.store.deliver("alice", m);
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Path curl() {
    for (String dir :
        System.getenv().getOrDefault("PATH", "").split(Pattern.quote(File.pathSeparator), 0)) {
      Path candidate = Path.of(dir, "curl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private byte[] run(String path) throws Exception {
    Process p =
        new ProcessBuilder(
                List.of(
                    curl().toString(),
                    "-s",
                    "-S",
                    "--max-time",
                    "20",
                    "pop3://alice:secret@127.0.0.1:" + server.port() + path))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "curl exit status");
    return out;
  }

  @Test
  void curlRetrievesEachMessage() throws Exception {
    for (int i = 0; i < InteropMessages.ALL.size(); i++) {
      assertEquals(
          WireForm.text(WireForm.normalized(InteropMessages.ALL.get(i))),
          WireForm.text(run("/" + (i + 1))),
          "message " + (i + 1));
    }
  }

  @Test
  void curlListsTheMessages() throws Exception {
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < InteropMessages.ALL.size(); i++) {
      expected.append(i + 1).append(' ').append(WireSize.of(InteropMessages.ALL.get(i)));
      expected.append("\r\n");
    }
    assertEquals(expected.toString(), WireForm.text(run("/")));
  }
}
