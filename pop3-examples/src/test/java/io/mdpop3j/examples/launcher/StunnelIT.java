package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inetd mode behind stunnel's {@code exec}: stunnel ends TLS and hands the session over a socket
 * pair, with the client's address in REMOTE_HOST.
 */
@RequiresPackages({"stunnel4", "openssl", "curl"})
class StunnelIT {

  @TempDir Path dir;

  @Test
  void pop3sThroughStunnelExecServesTheMessages() throws Exception {
    SessionFixture f = new SessionFixture(dir);
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    Mdpop3dProcess.selfSignedCertificate(dir, key, cert);
    Path both = dir.resolve("both.pem");
    Files.writeString(both, Files.readString(key) + Files.readString(cert));
    int port = Mdpop3dProcess.freePort();
    List<String> java = Mdpop3dProcess.command(f.args());
    Path conf = dir.resolve("stunnel.conf");
    Files.writeString(
        conf,
        "foreground = yes\npid =\n[pop3s]\naccept = 127.0.0.1:"
            + port
            + "\ncert = "
            + both
            + "\nexec = "
            + java.get(0)
            + "\nexecArgs = java "
            + String.join(" ", java.subList(1, java.size()))
            + "\n");
    try (RunningDaemon d =
        RunningDaemon.start(List.of("stunnel", conf.toString()), Map.of(), dir, port)) {
      Mdpop3dProcess.Result got =
          Mdpop3dProcess.tool(
              dir,
              Map.of(),
              "curl",
              "-sS",
              "--cacert",
              cert.toString(),
              "-u",
              SessionFixture.USER + ":" + MailFixture.PASSWORD,
              "pop3s://127.0.0.1:" + port + "/1");
      assertEquals(0, got.exit(), got.stderr());
      assertArrayEquals(f.messages.values().iterator().next(), MailFixture.lf(got.stdout()));
      assertTrue(d.alive(), "the server outlives its sessions");
    }
    assertTrue(f.logText().contains("host=127.0.0.1"), f.logText());
  }
}
