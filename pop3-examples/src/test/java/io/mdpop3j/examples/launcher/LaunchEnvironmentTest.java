package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchEnvironmentTest {

  private static final Path CWD = Path.of("/home/alice");

  private static LaunchOptions options(String... args) throws UsageException {
    return OptionParser.parse(List.of(args));
  }

  @Test
  void remoteHostOptionBeatsEveryVariable() throws UsageException {
    LaunchEnvironment env = new LaunchEnvironment(Map.of("REMOTE_HOST", "env.example"), CWD);
    assertEquals(Optional.of("opt.example"), env.remoteHostName(options("-r", "opt.example")));
  }

  @Test
  void hostVariableOptionNamesTheVariable() throws UsageException {
    LaunchEnvironment env =
        new LaunchEnvironment(Map.of("REMOTE_HOST", "a", "MYHOST", "b.example"), CWD);
    assertEquals(Optional.of("b.example"), env.remoteHostName(options("-R", "MYHOST")));
  }

  @Test
  void missingHostVariableRefusesToStart() {
    LaunchEnvironment env = new LaunchEnvironment(Map.of(), CWD);
    assertThrows(UsageException.class, () -> env.remoteHostName(options("-R", "MYHOST")));
  }

  @Test
  void remoteHostVariableBeatsTcpserversName() throws UsageException {
    LaunchEnvironment env =
        new LaunchEnvironment(Map.of("REMOTE_HOST", "a", "TCPREMOTEHOST", "b"), CWD);
    assertEquals(Optional.of("a"), env.remoteHostName(options()));
  }

  @Test
  void pipeRemoteComesFromTcpserverVariables() {
    LaunchEnvironment env =
        new LaunchEnvironment(Map.of("TCPREMOTEIP", "192.0.2.7", "TCPREMOTEPORT", "4711"), CWD);
    assertEquals(Optional.of(new InetSocketAddress("192.0.2.7", 4711)), env.pipeRemote());
  }

  @Test
  void pipeRemoteIgnoresANameInTcpremoteip() {
    LaunchEnvironment env = new LaunchEnvironment(Map.of("TCPREMOTEIP", "evil.example"), CWD);
    assertEquals(Optional.empty(), env.pipeRemote());
  }

  @Test
  void pipeRemoteTakesAScopedIpv6LiteralWithoutItsScope() {
    LaunchEnvironment env = new LaunchEnvironment(Map.of("TCPREMOTEIP", "fe80::1%eth0"), CWD);
    assertEquals(Optional.of(new InetSocketAddress("fe80::1", 0)), env.pipeRemote());
  }

  @Test
  void pipeRemoteComesFromSocatWhenNoOtherVariableIsSet() {
    LaunchEnvironment env =
        new LaunchEnvironment(Map.of("SOCAT_PEERADDR", "192.0.2.8", "SOCAT_PEERPORT", "99"), CWD);
    assertEquals(Optional.of(new InetSocketAddress("192.0.2.8", 99)), env.pipeRemote());
  }

  @Test
  void pipeRemoteNeverLooksUpWordsThatLookLikeHex() {
    // "cafe" and "add" are hexadecimal; getByName would have sent them to DNS.
    assertEquals(Optional.empty(), LaunchEnvironment.parseIp("cafe"));
    assertEquals(Optional.empty(), LaunchEnvironment.parseIp("add"));
    assertEquals(Optional.empty(), LaunchEnvironment.parseIp("300.1.1.1"));
    assertEquals(Optional.empty(), LaunchEnvironment.parseIp(""));
  }

  @Test
  void preauthenticatedUserIsTheOptionThenLognameThenUser() throws UsageException {
    LaunchEnvironment env = new LaunchEnvironment(Map.of("LOGNAME", "bob", "USER", "carol"), CWD);
    assertEquals("alice", env.preauthenticatedUser(options("-u", "alice")));
    assertEquals("bob", env.preauthenticatedUser(options("-a")));
    assertEquals(
        "carol",
        new LaunchEnvironment(Map.of("USER", "carol"), CWD).preauthenticatedUser(options("-a")));
  }

  @Test
  void preauthenticatedMaildirIsTheOptionThenMaildirThenMaildirInTheWorkingDirectory()
      throws UsageException {
    LaunchEnvironment env = new LaunchEnvironment(Map.of("MAILDIR", "Mail/inbox"), CWD);
    assertEquals(CWD.resolve("Other"), env.preauthenticatedMaildir(options("-a", "-m", "Other")));
    assertEquals(CWD.resolve("Mail/inbox"), env.preauthenticatedMaildir(options("-a")));
    assertEquals(
        CWD.resolve("Maildir"),
        new LaunchEnvironment(Map.of(), CWD).preauthenticatedMaildir(options("-a")));
    assertEquals(CWD, env.preauthenticatedMaildir(options("-a", "-m.")));
  }
}
