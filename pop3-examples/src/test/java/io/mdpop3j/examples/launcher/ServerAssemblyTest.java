package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
}
