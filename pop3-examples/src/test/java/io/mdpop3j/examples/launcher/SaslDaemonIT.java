package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mdpop3j.core.testing.RequiresPackages;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's SASL options end to end: a passwd-file {@code {SCRAM-SHA-256}} entry with mpop (GNU
 * SASL), and {@code --oauth=jwt} with a key set file and curl's OAUTHBEARER.
 */
class SaslDaemonIT {

  /**
   * {@code doveadm pw -s SCRAM-SHA-256 -p pencil} (Dovecot 2.3.19), used when doveadm is not
   * installed: the same vector pop3-auth-unix's PasswdFileSaslTest checks.
   */
  static final String DOVEADM_SCRAM =
      "{SCRAM-SHA-256}4096,o3653mkbi1JwdlXErcpcVw==,7fMlr53KHh8JWfADuV/hwcYc2kVeEDfsBITFqjjLSxc=,"
          + "ys1rQukia91LjHbx6ZeGjPnb7GqhjtzYtX+yW0YxdmQ=";

  static final String SCRAM_PASSWORD = "pencil";
  static final String ISSUER = "https://sso.example.test/realms/mail";
  static final String AUDIENCE = "pop3";

  @TempDir Path dir;
  SessionFixture f;
  RunningDaemon daemon;
  int port;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private void start(String... options) throws Exception {
    port = Mdpop3dProcess.freePort();
    List<String> args = new ArrayList<>(List.of(f.args("--listen", "127.0.0.1:" + port)));
    args.addAll(List.of(options));
    daemon =
        RunningDaemon.start(
            Mdpop3dProcess.command(args.toArray(new String[0])), Map.of(), dir, port);
  }

  /** The SCRAM entry doveadm makes for {@link #SCRAM_PASSWORD}, from doveadm when it is here. */
  private String scramEntry() throws Exception {
    if (!onPath("doveadm")) {
      return DOVEADM_SCRAM;
    }
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.tool(
            dir, Map.of(), "doveadm", "pw", "-s", "SCRAM-SHA-256", "-p", SCRAM_PASSWORD);
    assertEquals(0, r.exit(), r.stderr());
    return r.out().strip();
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  /** vera's passwd-file line with her {PLAIN} password replaced by {@code entry}. */
  private void replacePassword(String entry) throws Exception {
    String line = Files.readString(f.passwd);
    Files.writeString(f.passwd, line.replace("{PLAIN}" + MailFixture.PASSWORD, entry));
  }

  private Set<String> served() {
    Set<String> s = new HashSet<>();
    f.messages.values().forEach(m -> s.add(new String(m, StandardCharsets.ISO_8859_1)));
    return s;
  }

  private static Set<String> filesIn(Path folder) throws Exception {
    Set<String> s = new HashSet<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        s.add(Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return s;
  }

  private Mdpop3dProcess.Result mpop(String auth, String password, Path target) throws Exception {
    return Mdpop3dProcess.tool(
        dir,
        Map.of(),
        "mpop",
        "-C",
        "/dev/null",
        "--host=127.0.0.1",
        "--port=" + port,
        "--user=" + SessionFixture.USER,
        "--passwordeval=echo '" + password + "'",
        "--auth=" + auth,
        "--tls=off",
        "--delivery=maildir," + target,
        "--keep=on",
        "--received-header=off",
        "--uidls-file=" + target.resolveSibling("uidls"),
        "-q");
  }

  @Test
  @RequiresPackages("mpop")
  void mpopLogsInWithScramSha256AgainstADovecotPasswdFileEntry() throws Exception {
    f = new SessionFixture(dir);
    replacePassword(scramEntry());
    start("--sasl=SCRAM-SHA-256,PLAIN");
    Path target = MailFixture.maildir(dir.resolve("mpop").resolve("Maildir"), Map.of());

    Mdpop3dProcess.Result r = mpop("scram-sha-256", SCRAM_PASSWORD, target);

    assertEquals(0, r.exit(), r.stderr() + r.out());
    // mpop --auth=scram-sha-256 uses that mechanism or nothing: the delivery is the proof.
    assertEquals(served(), filesIn(target.resolve("new")));
  }

  @Test
  @RequiresPackages("mpop")
  void mpopWithAWrongPasswordIsRefusedByScram() throws Exception {
    f = new SessionFixture(dir);
    replacePassword(scramEntry());
    start("--sasl=SCRAM-SHA-256");
    Path target = MailFixture.maildir(dir.resolve("mpop").resolve("Maildir"), Map.of());

    Mdpop3dProcess.Result r = mpop("scram-sha-256", "pencil!", target);

    assertNotEquals(0, r.exit(), r.stderr() + r.out());
    assertEquals(Set.of(), filesIn(target.resolve("new")));
  }

  /** A fresh RSA key, its public half in a JWKS file, and a token for {@code user} signed by it. */
  private record Issuer(Path jwks, RSAKey key) {
    static Issuer in(Path dir) throws Exception {
      RSAKey key = new RSAKeyGenerator(2048).keyID("it-1").generate();
      Path jwks = dir.resolve("jwks.json");
      Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
      return new Issuer(jwks, key);
    }

    String token(String user, String audience, Instant expiry) throws Exception {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              new JWTClaimsSet.Builder()
                  .issuer(ISSUER)
                  .audience(audience)
                  .subject("0f6c1e6a")
                  .claim("preferred_username", user)
                  .issueTime(Date.from(java.time.Instant.now()))
                  .expirationTime(Date.from(expiry))
                  .build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    }
  }

  private void startWithJwt(Issuer issuer) throws Exception {
    start(
        "--oauth=jwt",
        "--oauth.jwks=" + issuer.jwks(),
        "--oauth.issuer=" + ISSUER,
        "--oauth.audience=" + AUDIENCE);
  }

  private Mdpop3dProcess.Result curlOauthbearer(String token) throws Exception {
    return Mdpop3dProcess.tool(
        dir,
        Map.of(),
        "curl",
        "-sS",
        "--max-time",
        "20",
        "--login-options",
        "AUTH=OAUTHBEARER",
        "--oauth2-bearer",
        token,
        "-u",
        SessionFixture.USER + ":",
        "pop3://127.0.0.1:" + port + "/");
  }

  @Test
  @RequiresPackages("curl")
  void curlLogsInWithOauthbearerAndAJwtCheckedAgainstAKeySetFile() throws Exception {
    f = new SessionFixture(dir);
    Issuer issuer = Issuer.in(dir);
    startWithJwt(issuer);

    Mdpop3dProcess.Result r =
        curlOauthbearer(
            issuer.token(SessionFixture.USER, AUDIENCE, Instant.now().plusSeconds(300)));

    assertEquals(0, r.exit(), r.stderr());
    assertEquals(f.messages.size(), r.out().lines().count(), r.out());
  }

  @Test
  @RequiresPackages("curl")
  void curlWithAnExpiredOrWrongAudienceJwtIsDeniedLogin() throws Exception {
    f = new SessionFixture(dir);
    Issuer issuer = Issuer.in(dir);
    startWithJwt(issuer);

    Mdpop3dProcess.Result expired =
        curlOauthbearer(
            issuer.token(SessionFixture.USER, AUDIENCE, Instant.now().minusSeconds(3600)));
    Mdpop3dProcess.Result otherAudience =
        curlOauthbearer(issuer.token(SessionFixture.USER, "imap", Instant.now().plusSeconds(300)));

    // curl's CURLE_LOGIN_DENIED
    assertEquals(67, expired.exit(), expired.stderr());
    assertEquals(67, otherAudience.exit(), otherAudience.stderr());
    assertTrue(f.logText().contains("OAUTHBEARER token refused"), f.logText());
  }
}
