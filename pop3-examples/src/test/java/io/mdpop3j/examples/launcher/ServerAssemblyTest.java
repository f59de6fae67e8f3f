package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.server.EndReason;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.server.SessionListener;
import io.mdpop3j.core.server.SessionStats;
import io.mdpop3j.core.spi.Session;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerAssemblyTest {

  private static ServerAssembly.AuthChoice choice(String... args) throws UsageException {
    return ServerAssembly.authChoice(OptionParser.parse(List.of(args)));
  }

  @Test
  void unixIsTheDefaultAuthenticatorAsInMdpop3d() throws UsageException {
    assertEquals("unix", choice().name());
  }

  @Test
  void pamServiceOptionChoosesPam() throws UsageException {
    ServerAssembly.AuthChoice c = choice("-p", "pop3-test");
    assertEquals("pam", c.name());
    assertEquals(Map.of("pam.service", "pop3-test"), c.settings());
  }

  @Test
  void passwdFileArgumentIsItsPath() throws UsageException {
    ServerAssembly.AuthChoice c = choice("--auth", "passwd-file:/etc/mail/users");
    assertEquals("passwd-file", c.name());
    assertEquals(Map.of("passwd-file.path", "/etc/mail/users"), c.settings());
  }

  @Test
  void apopWithPamTurnsOnPamApop() throws UsageException {
    assertEquals("true", choice("-A", "--auth", "pam").settings().get("pam.apop"));
  }

  @Test
  void unixTakesNoArgument() {
    assertTrue(
        assertThrows(UsageException.class, () -> choice("--auth", "unix:x"))
            .getMessage()
            .contains("takes no :ARG"));
  }

  @Test
  void unknownStoreProviderIsAUsageErrorListingTheKnownOnes() {
    String message =
        assertThrows(
                UsageException.class,
                () ->
                    ServerAssembly.builder(
                        OptionParser.parse(List.of("--store", "nosuch", "--auth", "memory")),
                        ServerAssembly.Mode.DAEMON,
                        Optional.empty()))
            .getMessage();
    assertTrue(message.contains("'nosuch'"), message);
    assertTrue(message.contains("memory"), message);
  }

  @Test
  void settingForAProviderNotInUseIsRefused() {
    String message =
        assertThrows(
                UsageException.class,
                () ->
                    ServerAssembly.builder(
                        OptionParser.parse(
                            List.of("--store", "memory", "--auth", "memory", "--pam.service=x")),
                        ServerAssembly.Mode.DAEMON,
                        Optional.empty()))
            .getMessage();
    assertTrue(message.contains("pam.service"), message);
  }

  @Test
  void badCoreSettingIsAUsageError() {
    assertThrows(
        UsageException.class,
        () ->
            ServerAssembly.builder(
                OptionParser.parse(
                    List.of("--store", "memory", "--auth", "memory", "--max-sessions=none")),
                ServerAssembly.Mode.DAEMON,
                Optional.empty()));
  }

  @Test
  void idleThreadReleaseTakesADurationOrOff() throws UsageException {
    for (String v : new String[] {"0", "2s", "500ms", "off"}) {
      ServerAssembly.builder(
          OptionParser.parse(
              List.of("--store", "memory", "--auth", "memory", "--idle-thread-release=" + v)),
          ServerAssembly.Mode.DAEMON,
          Optional.empty());
    }
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                ServerAssembly.builder(
                    OptionParser.parse(
                        List.of(
                            "--store", "memory", "--auth", "memory", "--idle-thread-release=soon")),
                    ServerAssembly.Mode.DAEMON,
                    Optional.empty()));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("--idle-thread-release"), e.getMessage());
  }

  private static io.mdpop3j.core.server.Pop3Server memoryServer(String... more)
      throws UsageException {
    List<String> args = new java.util.ArrayList<>(List.of("--store", "memory", "--auth", "memory"));
    args.addAll(List.of(more));
    return ServerAssembly.server(OptionParser.parse(args), ServerAssembly.Mode.DAEMON);
  }

  @Test
  void saslOptionChoosesAndOrdersTheMechanismsCapaOffers() throws Exception {
    try (io.mdpop3j.core.server.Pop3Server server = memoryServer("--sasl=cram-md5,SCRAM-SHA-256")) {
      server.start();
      try (io.mdpop3j.core.testing.RawClient c =
          io.mdpop3j.core.testing.RawClient.connect(server.port())) {
        c.readLine();
        c.expectOk(c.command("CAPA"));
        assertTrue(c.readBody().contains("SASL CRAM-MD5 SCRAM-SHA-256"));
      }
    }
  }

  @Test
  void unknownSaslMechanismIsAUsageErrorListingTheKnownOnes() {
    String message =
        assertThrows(UsageException.class, () -> memoryServer("--sasl=PLAIN,KERBEROS"))
            .getMessage();
    assertTrue(message.contains("KERBEROS"), message);
    assertTrue(message.contains("SCRAM-SHA-256"), message);
  }

  @Test
  void oauthSettingWithoutAValidatorIsRefusedNamingTheOptionToAdd() {
    String message =
        assertThrows(UsageException.class, () -> memoryServer("--oauth.jwks=/etc/jwks.json"))
            .getMessage();
    assertTrue(message.contains("oauth.jwks"), message);
    assertTrue(message.contains("--oauth=jwt"), message);
  }

  @Test
  void jwtValidatorWithoutItsRequiredSettingsIsAUsageErrorNamingOne() {
    String message =
        assertThrows(UsageException.class, () -> memoryServer("--oauth=jwt")).getMessage();
    assertTrue(message.contains("oauth."), message);
  }

  @Test
  void unknownValidatorIsAUsageErrorNamingTheKnownOnes() {
    String message =
        assertThrows(UsageException.class, () -> memoryServer("--oauth=saml")).getMessage();
    assertTrue(message.contains("saml"), message);
    assertTrue(message.contains("jwt"), message);
  }

  @Test
  void proxyTrustedWithABadEntryIsAUsageErrorNamingTheOptionAndTheEntry() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                ServerAssembly.builder(
                    OptionParser.parse(
                        List.of(
                            "--store",
                            "memory",
                            "--auth",
                            "memory",
                            "--proxy-trusted=10.0.0.0/8,10.0.0.300")),
                    ServerAssembly.Mode.DAEMON,
                    Optional.empty()));

    assertTrue(e.getMessage().contains("--proxy-trusted"), e.getMessage());
    assertTrue(e.getMessage().contains("10.0.0.300"), e.getMessage());
  }

  @Test
  void proxyTrustedMakesTheDaemonTakeTheClientFromTheBalancersHeader() throws Exception {
    BlockingQueue<Optional<InetSocketAddress>> ended = new LinkedBlockingQueue<>();
    Pop3Server server =
        ServerAssembly.builder(
                OptionParser.parse(
                    List.of(
                        "--store",
                        "memory",
                        "--auth",
                        "memory",
                        "--listen",
                        "127.0.0.1:0",
                        "--proxy-trusted=127.0.0.0/8",
                        "--proxy-timeout=2s")),
                ServerAssembly.Mode.DAEMON,
                Optional.empty())
            .listener(
                new SessionListener() {
                  @Override
                  public void sessionEnded(Session session, EndReason reason, SessionStats stats) {
                    ended.add(session.remoteAddress());
                  }
                })
            .build();
    server.start();
    try (Socket balancer = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      balancer.setSoTimeout(10_000);
      OutputStream out = balancer.getOutputStream();
      out.write(
          "PROXY TCP4 192.0.2.10 192.0.2.1 40000 110\r\nQUIT\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      balancer.getInputStream().readAllBytes();
    } finally {
      server.close();
    }

    assertEquals(
        Optional.of(new InetSocketAddress("192.0.2.10", 40000)), ended.poll(10, TimeUnit.SECONDS));
  }
}
