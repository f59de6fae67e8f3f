package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daemon mode with STLS and implicit TLS; curl is the client, openssl makes the certificate. */
@RequiresPackages({"openssl", "curl"})
class DaemonTlsIT {

  @TempDir Path dir;
  SessionFixture f;
  Path cert;
  Path key;

  @BeforeEach
  void setUp() throws Exception {
    f = new SessionFixture(dir);
    cert = dir.resolve("cert.pem");
    key = dir.resolve("key.pem");
    Mdpop3dProcess.selfSignedCertificate(dir, key, cert);
  }

  private byte[] curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--cacert", cert.toString()));
    command.add("-u");
    command.add(SessionFixture.USER + ":" + MailFixture.PASSWORD);
    command.addAll(List.of(args));
    Mdpop3dProcess.Result r = Mdpop3dProcess.tool(dir, Map.of(), command.toArray(new String[0]));
    assertEquals(0, r.exit(), r.stderr());
    return r.stdout();
  }

  private byte[] first() {
    return f.messages.values().iterator().next();
  }

  @Test
  void stlsAndImplicitTlsServeTheMessagesWithPemFiles() throws Exception {
    int plain = Mdpop3dProcess.freePort();
    int tls = Mdpop3dProcess.freePort();
    try (RunningDaemon d =
        RunningDaemon.start(
            Mdpop3dProcess.command(
                f.args(
                    "--listen",
                    "127.0.0.1:" + plain,
                    "--listen-tls",
                    "127.0.0.1:" + tls,
                    "--tls-cert",
                    cert.toString(),
                    "--tls-key",
                    key.toString())),
            Map.of(),
            dir,
            plain,
            tls)) {
      byte[] viaStls = curl("--ssl-reqd", "pop3://127.0.0.1:" + plain + "/1");
      assertArrayEquals(first(), MailFixture.lf(viaStls));
      byte[] viaPop3s = curl("pop3s://127.0.0.1:" + tls + "/1");
      assertArrayEquals(first(), MailFixture.lf(viaPop3s));
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  void pkcs12KeystoreWithPasswordServesImplicitTls() throws Exception {
    Path p12 = dir.resolve("server.p12");
    Mdpop3dProcess.Result export =
        Mdpop3dProcess.tool(
            dir,
            Map.of(),
            "openssl",
            "pkcs12",
            "-export",
            "-in",
            cert.toString(),
            "-inkey",
            key.toString(),
            "-out",
            p12.toString(),
            "-passout",
            "pass:changeit");
    assertEquals(0, export.exit(), export.stderr());
    int tls = Mdpop3dProcess.freePort();
    try (RunningDaemon d =
        RunningDaemon.start(
            Mdpop3dProcess.command(
                f.args(
                    "--listen-tls",
                    "127.0.0.1:" + tls,
                    "--tls-keystore",
                    p12.toString(),
                    "--tls-keystore-password",
                    "changeit")),
            Map.of(),
            dir,
            tls)) {
      String list =
          new String(
              curl("pop3s://127.0.0.1:" + tls + "/"), java.nio.charset.StandardCharsets.US_ASCII);
      assertTrue(list.startsWith("1 "), list);
      assertEquals(3, list.lines().count(), list);
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  void noStlsOptionLeavesStlsOutOfCapa() throws Exception {
    int plain = Mdpop3dProcess.freePort();
    try (RunningDaemon d =
        RunningDaemon.start(
            Mdpop3dProcess.command(
                f.args(
                    "--listen",
                    "127.0.0.1:" + plain,
                    "--tls-cert",
                    cert.toString(),
                    "--tls-key",
                    key.toString(),
                    "--no-stls")),
            Map.of(),
            dir,
            plain)) {
      Mdpop3dProcess.Result r =
          Mdpop3dProcess.tool(
              dir,
              Map.of(),
              "curl",
              "-sS",
              "--cacert",
              cert.toString(),
              "--ssl-reqd",
              "-u",
              SessionFixture.USER + ":" + MailFixture.PASSWORD,
              "pop3://127.0.0.1:" + plain + "/");
      assertTrue(r.exit() != 0, "curl must refuse: the server offers no STLS");
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  void stlsOptionOffersStlsWithAKeystore() throws Exception {
    Path p12 = dir.resolve("server.p12");
    Mdpop3dProcess.tool(
        dir,
        Map.of(),
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        cert.toString(),
        "-inkey",
        key.toString(),
        "-out",
        p12.toString(),
        "-passout",
        "pass:pw");
    Path pw = dir.resolve("pw");
    java.nio.file.Files.writeString(pw, "pw\n");
    int plain = Mdpop3dProcess.freePort();
    try (RunningDaemon d =
        RunningDaemon.start(
            Mdpop3dProcess.command(
                f.args(
                    "--listen",
                    "127.0.0.1:" + plain,
                    "--tls-keystore",
                    p12.toString(),
                    "--tls-keystore-password-file",
                    pw.toString(),
                    "--stls")),
            Map.of(),
            dir,
            plain)) {
      assertArrayEquals(
          first(), MailFixture.lf(curl("--ssl-reqd", "pop3://127.0.0.1:" + plain + "/1")));
      assertTrue(d.alive(), "the server outlives its sessions");
    }
  }

  @Test
  void portInUseIsReportedAndExitsWithStatus1() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      Mdpop3dProcess.Result r =
          Mdpop3dProcess.run(
              Map.of(), dir, "", f.args("--listen", "127.0.0.1:" + taken.getLocalPort()));
      assertEquals(1, r.exit(), r.stderr());
      assertTrue(
          r.stderr().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.stderr());
    }
  }
}
