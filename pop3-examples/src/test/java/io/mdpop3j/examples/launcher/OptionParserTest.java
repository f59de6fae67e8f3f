package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionParserTest {

  private static LaunchOptions parse(String... args) throws UsageException {
    return OptionParser.parse(List.of(args));
  }

  private static String error(String... args) {
    return assertThrows(UsageException.class, () -> parse(args)).getMessage();
  }

  @Test
  void noOptionsMeansInetdModeWithDefaults() throws UsageException {
    LaunchOptions o = parse();
    assertEquals(LaunchMode.INETD, o.mode());
    assertEquals(Optional.empty(), o.session().timeout());
    assertEquals(Map.of(), o.settings());
  }

  @Test
  void shortOptionTakesItsArgumentFromTheNextWord() throws UsageException {
    assertEquals(Optional.of(Duration.ofSeconds(60)), parse("-t", "60").session().timeout());
  }

  @Test
  void shortOptionTakesItsArgumentGluedOn() throws UsageException {
    assertEquals(Optional.of(Duration.ofSeconds(30)), parse("-t30").session().timeout());
    assertEquals(Optional.of("."), parse("-m.").session().maildir());
  }

  @Test
  void timeoutAcceptsUnits() throws UsageException {
    assertEquals(Optional.of(Duration.ofMinutes(10)), parse("-t", "10m").session().timeout());
    assertEquals(Optional.of(Duration.ofMillis(500)), parse("-t500ms").session().timeout());
  }

  @Test
  void flagsGroupTogether() throws UsageException {
    LaunchOptions o = parse("-qnc");
    assertTrue(o.logging().quiet());
    assertTrue(o.session().leaveNew());
    assertTrue(o.session().commitOnError());
    assertFalse(o.logging().debug());
  }

  @Test
  void aGroupMayEndInAnOptionWithItsArgument() throws UsageException {
    LaunchOptions o = parse("-qdt", "45");
    assertTrue(o.logging().quiet());
    assertTrue(o.logging().debug());
    assertEquals(Optional.of(Duration.ofSeconds(45)), o.session().timeout());
    assertEquals(Optional.of("Mail"), parse("-qmMail").session().maildir());
  }

  @Test
  void everyMdpop3dLetterIsAccepted() throws UsageException {
    LaunchOptions o =
        parse(
            "-a",
            "-c",
            "-d",
            "-n",
            "-q",
            "-A",
            "-t",
            "5",
            "-m",
            "Mail",
            "-r",
            "client.example",
            "-R",
            "TCPREMOTEHOST",
            "-p",
            "pop3",
            "-T",
            "mail.example");
    assertEquals(LaunchMode.PREAUTHENTICATED, o.mode());
    assertTrue(o.session().commitOnError());
    assertTrue(o.logging().debug());
    assertTrue(o.session().leaveNew());
    assertTrue(o.logging().quiet());
    assertTrue(o.session().apop());
    assertEquals(Optional.of("Mail"), o.session().maildir());
    assertEquals(Optional.of("client.example"), o.logging().remoteHost());
    assertEquals(Optional.of("TCPREMOTEHOST"), o.logging().remoteHostVariable());
    assertEquals(Optional.of("pop3"), o.plugins().pamService());
    assertEquals(Optional.of("mail.example"), o.session().apopHost());
    assertEquals(LaunchMode.VERSION, parse("-V").mode());
  }

  @Test
  void userOptionImpliesPreauthenticatedMode() throws UsageException {
    LaunchOptions o = parse("-u", "alice");
    assertEquals(LaunchMode.PREAUTHENTICATED, o.mode());
    assertEquals(Optional.of("alice"), o.session().user());
  }

  @Test
  void unknownShortOptionIsNamed() {
    assertEquals("unknown option -x", error("-qx"));
  }

  @Test
  void missingArgumentIsNamed() {
    assertEquals("option -t needs an argument", error("-t"));
    assertEquals("option -m needs an argument", error("-qm"));
    assertEquals("option --listen needs an argument", error("--listen"));
  }

  @Test
  void badTimeoutIsNamedWithTheValue() {
    assertTrue(error("-t", "soon").contains("'soon'"));
    assertTrue(error("-t", "0").contains("more than 0"));
  }

  @Test
  void operandsAreRefused() {
    assertEquals("unexpected argument 'Maildir'", error("-q", "Maildir"));
  }

  @Test
  void doubleDashEndsOptions() {
    assertEquals("unexpected argument '-q'", error("--", "-q"));
  }

  @Test
  void listenIsRepeatableInBothForms() throws UsageException {
    LaunchOptions o = parse("--listen", "127.0.0.1:1110", "--listen=[::1]:1110", "--listen", ":0");
    assertEquals(List.of("127.0.0.1:1110", "[::1]:1110", ":0"), o.listeners().plain());
    assertEquals(LaunchMode.DAEMON, o.mode());
  }

  @Test
  void listenNeedsHostAndPort() {
    assertTrue(error("--listen", "localhost").contains("HOST:PORT"));
    assertTrue(error("--listen", "localhost:99999").contains("'99999'"));
  }

  @Test
  void providerSettingsComeInTwoForms() throws UsageException {
    LaunchOptions o =
        parse("--set", "maildir.subdir=Mail", "--maildir.move-new=false", "--pam.service", "x");
    assertEquals(
        Map.of("maildir.subdir", "Mail", "maildir.move-new", "false", "pam.service", "x"),
        o.settings());
  }

  @Test
  void coreSettingsAreLongOptions() throws UsageException {
    LaunchOptions o = parse("--timeout.login=30s", "--max-sessions", "10", "--plaintext=allow");
    assertEquals(
        Map.of("timeout.login", "30s", "max-sessions", "10", "plaintext", "allow"), o.settings());
  }

  @Test
  void setNeedsKeyEqualsValue() {
    assertTrue(error("--set", "subdir").contains("KEY=VALUE"));
  }

  @Test
  void unknownLongOptionIsNamed() {
    assertEquals("unknown option --frobnicate", error("--frobnicate"));
  }

  @Test
  void flagTakesNoValue() {
    assertEquals("option --demo takes no argument", error("--demo=yes"));
  }

  @Test
  void tlsCertNeedsKey() {
    assertTrue(error("--tls-cert", "c.pem").contains("--tls-key"));
  }

  @Test
  void listenTlsNeedsACertificate() {
    assertTrue(error("--listen-tls", "127.0.0.1:995").contains("needs --tls-cert"));
  }

  @Test
  void stlsNeedsACertificate() {
    assertTrue(error("--stls").contains("needs --tls-cert"));
  }

  @Test
  void tlsOptionsParse() throws UsageException {
    LaunchOptions o =
        parse(
            "--listen-tls", "127.0.0.1:995", "--tls-cert", "c.pem", "--tls-key", "k.pem", "--stls");
    assertTrue(o.tls().configured());
    assertEquals(Optional.of(true), o.tls().stls());
    assertEquals(Optional.of(false), parse("--no-stls").tls().stls());
  }

  @Test
  void keystorePasswordComesFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "s3cret\nignored\n");
    LaunchOptions o =
        parse("--tls-keystore", "k.p12", "--tls-keystore-password-file", file.toString());
    assertEquals(Optional.of("s3cret"), o.tls().keystorePassword());
  }

  @Test
  void preauthenticatedModeDoesNotListen() {
    assertTrue(error("-a", "--listen", "127.0.0.1:110").contains("cannot be combined"));
  }

  @Test
  void pamServiceConflictsWithAnotherAuthenticator() {
    assertTrue(error("-p", "pop3", "--auth", "unix").contains("-p means PAM"));
  }

  @Test
  void authSpecKeepsItsArgument() throws UsageException {
    assertEquals(
        Optional.of("passwd-file:/etc/mail/passwd"),
        parse("--auth", "passwd-file:/etc/mail/passwd").plugins().auth());
  }
}
