package io.mdpop3j.auth.unix;

import static io.mdpop3j.auth.unix.NssWrapperUnixTest.assertFailure;
import static io.mdpop3j.auth.unix.NssWrapperUnixTest.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.ScramKeys;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.TestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The passwd-file's SASL side: Dovecot's {SCRAM-*} and {CRAM-MD5} entries, and what it offers. */
class PasswdFileSaslTest {

  /** `doveadm pw -s SCRAM-SHA-256 -p pencil` (Dovecot 2.3.19). */
  static final String SCRAM =
      "{SCRAM-SHA-256}4096,o3653mkbi1JwdlXErcpcVw==,7fMlr53KHh8JWfADuV/hwcYc2kVeEDfsBITFqjjLSxc=,"
          + "ys1rQukia91LjHbx6ZeGjPnb7GqhjtzYtX+yW0YxdmQ=";

  /** `doveadm pw -s CRAM-MD5 -p tanstaaftanstaaf`. */
  static final String CRAM =
      "{CRAM-MD5}d06d4e1b26fccaa4b0b61801132340a354b21152711fb604ca3e035e7015116b";

  /** RFC 2195's example exchange. */
  static final Credentials.CramMd5 TIMS_ANSWER =
      new Credentials.CramMd5(
          "tim", "<1896.697170952@postoffice.reston.mci.net>", "b913a602c7eda7a495b4e6e7334d3890");

  @TempDir Path dir;

  private Authenticator passwdFile(String content) throws Exception {
    Path file = dir.resolve("users");
    Files.writeString(file, content);
    return new PasswdFileAuthenticatorProvider()
        .create(Settings.of("passwd-file", Map.of("path", file.toString())));
  }

  @Test
  void aDovecotScramEntryChecksPasswordsAndGivesItsKeys() throws Exception {
    Authenticator auth = passwdFile("scram:" + SCRAM + "\n");

    assertInstanceOf(AuthResult.Success.class, login(auth, "scram", "pencil"));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "scram", "pencil!"));
    ScramKeys keys = auth.scramKeys(TestSession.plain(), "scram", "SHA-256").orElseThrow();
    assertEquals(4096, keys.iterations());
    assertEquals("o3653mkbi1JwdlXErcpcVw==", Base64.getEncoder().encodeToString(keys.salt()));
    assertEquals(
        ScramKeys.derive("SHA-256", "pencil".getBytes(StandardCharsets.UTF_8), keys.salt(), 4096),
        keys);
    assertTrue(auth.scramKeys(TestSession.plain(), "scram", "SHA-1").isEmpty());
  }

  @Test
  void aDovecotCramMd5EntryChecksCramMd5AndPasswords() throws Exception {
    Authenticator auth = passwdFile("tim:" + CRAM + "\n");

    assertInstanceOf(AuthResult.Success.class, auth.authenticate(TestSession.plain(), TIMS_ANSWER));
    assertInstanceOf(AuthResult.Success.class, login(auth, "tim", "tanstaaftanstaaf"));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "tim", "tanstaaf"));
  }

  @Test
  void aPlainEntryChecksCramMd5AndGivesScramKeysStableForTheUser() throws Exception {
    Authenticator auth = passwdFile("tim:{PLAIN}tanstaaftanstaaf\n");

    assertInstanceOf(AuthResult.Success.class, auth.authenticate(TestSession.plain(), TIMS_ANSWER));
    ScramKeys first = auth.scramKeys(TestSession.plain(), "tim", "SHA-256").orElseThrow();
    ScramKeys second = auth.scramKeys(TestSession.plain(), "tim", "SHA-256").orElseThrow();
    assertEquals(first, second);
    assertEquals(
        ScramKeys.derive(
            "SHA-256", "tanstaaftanstaaf".getBytes(StandardCharsets.UTF_8), first.salt(), 4096),
        first);
  }

  @Test
  void aWrongCramMd5DigestAndAnUnknownUserFailAlike() throws Exception {
    Authenticator auth = passwdFile("tim:" + CRAM + "\n");

    assertFailure(
        AuthResult.Reason.BAD_CREDENTIALS,
        auth.authenticate(
            TestSession.plain(),
            new Credentials.CramMd5("tim", TIMS_ANSWER.challenge(), "0".repeat(32))));
    assertFailure(
        AuthResult.Reason.BAD_CREDENTIALS,
        auth.authenticate(
            TestSession.plain(),
            new Credentials.CramMd5("nobody", TIMS_ANSWER.challenge(), TIMS_ANSWER.digest())));
  }

  @Test
  void aVerifiedUserGetsTheAccountAndAnUnknownOneDoesNot() throws Exception {
    Authenticator auth = passwdFile("scram:" + SCRAM + ":1000:1000::/home/scram::\n");

    AuthResult.Success ok =
        assertInstanceOf(
            AuthResult.Success.class,
            auth.authenticate(
                TestSession.plain(), new Credentials.Verified("scram", "SCRAM-SHA-256")));
    assertEquals("/home/scram", ok.account().home().orElseThrow().toString());
    assertFailure(
        AuthResult.Reason.BAD_CREDENTIALS,
        auth.authenticate(
            TestSession.plain(), new Credentials.Verified("nobody", "SCRAM-SHA-256")));
  }

  @Test
  void itOffersWhatItsEntriesCanCheck() throws Exception {
    assertEquals(
        EnumSet.of(
            CredentialType.PASSWORD,
            CredentialType.VERIFIED,
            CredentialType.APOP,
            CredentialType.CRAM_MD5,
            CredentialType.SCRAM_SHA_1,
            CredentialType.SCRAM_SHA_256),
        passwdFile("a:{PLAIN}x\n").accepts());
    assertEquals(
        EnumSet.of(CredentialType.PASSWORD, CredentialType.VERIFIED, CredentialType.SCRAM_SHA_256),
        passwdFile("s:" + SCRAM + "\n").accepts());
    assertEquals(
        EnumSet.of(CredentialType.PASSWORD, CredentialType.VERIFIED, CredentialType.CRAM_MD5),
        passwdFile("t:" + CRAM + "\n").accepts());
    assertEquals(
        EnumSet.of(CredentialType.PASSWORD, CredentialType.VERIFIED),
        passwdFile("u:{SSHA256}" + "A".repeat(44) + "\n").accepts());
  }
}
