package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --demo}, the README's first command: the banner's curl line must work as printed. */
class DemoIT {

  @TempDir Path dir;

  /** A running demo and what its banner said. */
  record Demo(Process process, int port, Path maildir, List<String> banner) {}

  private Demo startDemo() throws Exception {
    Process p = Mdpop3dProcess.start(Mdpop3dProcess.command("--demo"), Map.of(), dir);
    Mdpop3dProcess.pump(p.getErrorStream(), java.io.OutputStream.nullOutputStream());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> banner = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      banner.add(line);
      if (line.startsWith("Stop with")) {
        break;
      }
    }
    String text = String.join("\n", banner);
    int port = Integer.parseInt(text.replaceAll("(?s).*127\\.0\\.0\\.1 port (\\d+).*", "$1"));
    Path maildir = Path.of(text.replaceAll("(?s).*Maildir: +(\\S+).*", "$1"));
    return new Demo(p, port, maildir, banner);
  }

  private static void stop(Demo d) throws InterruptedException {
    d.process().destroy();
    assertTrue(d.process().waitFor(15, TimeUnit.SECONDS));
  }

  private static List<String> curlLine(Demo d, String marker) {
    String line =
        d.banner().stream()
            .filter(l -> l.contains("curl ") && l.contains(marker))
            .findFirst()
            .orElseThrow();
    String command = line.substring(line.indexOf("curl ")).replaceAll("\\s+\\(.*\\)$", "").trim();
    List<String> words = new ArrayList<>(Arrays.asList(command.split(" +")));
    words.add(1, "-sS");
    return words;
  }

  @Test
  void demoPrintsALoginAndACurlLineThatListsAndRetrievesTheSamples() throws Exception {
    Demo d = startDemo();
    try {
      String banner = String.join("\n", d.banner());
      assertTrue(banner.contains("user demo, password demo"), banner);
      assertEquals(SampleMaildir.MESSAGES, MailFixture.messageFiles(d.maildir()).size());
      Mdpop3dProcess.Result list =
          Mdpop3dProcess.tool(dir, Map.of(), curlLine(d, "(list)").toArray(new String[0]));
      assertEquals(0, list.exit(), list.stderr());
      assertEquals(SampleMaildir.MESSAGES, list.out().lines().count(), list.out());
      Mdpop3dProcess.Result first =
          Mdpop3dProcess.tool(dir, Map.of(), curlLine(d, "(message 1)").toArray(new String[0]));
      assertEquals(0, first.exit(), first.stderr());
      Path file =
          MailFixture.messageFiles(d.maildir()).stream()
              .filter(p -> p.getFileName().toString().startsWith("1700000001"))
              .findFirst()
              .orElseThrow();
      assertEquals(
          new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1),
          new String(MailFixture.lf(first.stdout()), StandardCharsets.ISO_8859_1));
    } finally {
      stop(d);
    }
    assertFalse(Files.exists(d.maildir()), "the temporary Maildir is removed at exit");
  }

  @Test
  void demoUsesTheDocumentedPortOrFallsBackToAFreeOne() throws Exception {
    Demo a = startDemo();
    try {
      Demo b = startDemo();
      try {
        assertNotEquals(a.port(), b.port());
        assertTrue(a.port() == DemoMode.DEMO_PORT || b.port() != DemoMode.DEMO_PORT);
      } finally {
        stop(b);
      }
    } finally {
      stop(a);
    }
  }
}
