package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client's bytes can do to the log of the launcher: nothing but '?' and one line. */
class LogHygieneIT {
  @TempDir Path dir;

  @Test
  void debugLogHidesPasswordsSentWithATabOrALeadingSpace() throws Exception {
    SessionFixture f = new SessionFixture(dir);

    Mdpop3dProcess.run(
        Mdpop3dProcess.command(f.args("-d")),
        Map.of(),
        dir,
        "PASS\ttab-secret\r\n PASS space-secret\r\nUSER x\r\nPASS real-secret\r\nQUIT\r\n"
            .getBytes(StandardCharsets.US_ASCII));

    String log = f.logText();
    assertTrue(log.contains("C: USER x"), log);
    assertFalse(log.contains("tab-secret"), log);
    assertFalse(log.contains("space-secret"), log);
    assertFalse(log.contains("real-secret"), log);
  }

  @Test
  void c1ControlBytesFromClientsNeverReachTheLog() throws Exception {
    SessionFixture f = new SessionFixture(dir);
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes("USER ab".getBytes(StandardCharsets.US_ASCII));
    // NEL (0x85) and CSI (0x9b): line breaks and escapes for some log readers and terminals.
    input.write(0x85);
    input.writeBytes("fake log line".getBytes(StandardCharsets.US_ASCII));
    input.write(0x9b);
    input.writeBytes("\r\nPASS wrong\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));

    Mdpop3dProcess.run(Mdpop3dProcess.command(f.args("-d")), Map.of(), dir, input.toByteArray());

    byte[] log = Files.readAllBytes(f.log);
    String text = new String(log, StandardCharsets.UTF_8);
    assertTrue(text.contains("ab?fake log line?"), text);
    for (int i = 0; i < log.length; i++) {
      int b = log[i] & 0xff;
      boolean c1InUtf8 = b == 0xc2 && i + 1 < log.length && (log[i + 1] & 0xff) <= 0x9f;
      assertFalse((b >= 0x80 && b <= 0x9f) || c1InUtf8, "C1 control octet in the log: " + text);
    }
  }
}
