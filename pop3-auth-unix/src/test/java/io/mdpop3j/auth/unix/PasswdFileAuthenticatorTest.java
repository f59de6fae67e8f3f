package io.mdpop3j.auth.unix;

import static io.mdpop3j.auth.unix.NssWrapperUnixTest.assertFailure;
import static io.mdpop3j.auth.unix.NssWrapperUnixTest.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.AuthenticatorProvider;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.RequiresPackages;
import io.mdpop3j.core.testing.TestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresPackages({"whois", "openssl"})
class PasswdFileAuthenticatorTest {

  private static final String TIMESTAMP = "<1896.697170952@dbc.mtview.ca.us>";

  @TempDir Path dir;

  @Test
  void everySchemeVerifiesTheRightPasswordOnly() throws Exception {
    byte[] salt = "s4lt!".getBytes(StandardCharsets.US_ASCII);
    Map<String, String> secrets =
        Map.of(
            "plain", "{PLAIN}pw-plain",
            "crypt", "{CRYPT}" + SystemHashes.mkpasswd("yescrypt", "pw-crypt"),
            "bare", SystemHashes.mkpasswd("yescrypt", "pw-bare"),
            "sha512", "{SHA512-CRYPT}" + SystemHashes.openssl("6", "pw-sha512"),
            "sha256", "{SHA256-CRYPT}" + SystemHashes.openssl("5", "pw-sha256"),
            "md5", "{MD5-CRYPT}" + SystemHashes.openssl("1", "pw-md5"),
            "blf", "{BLF-CRYPT}" + SystemHashes.mkpasswd("bcrypt", "pw-blf"),
            "ssha256", "{SSHA256}" + SystemHashes.saltedSha(256, "pw-ssha256", salt),
            "ssha512", "{SSHA512}" + SystemHashes.saltedSha(512, "pw-ssha512", salt));
    StringBuilder file = new StringBuilder();
    secrets.forEach((user, secret) -> file.append(user).append(':').append(secret).append('\n'));
    Authenticator auth = passwdFile(file.toString());
    for (String user : secrets.keySet()) {
      assertInstanceOf(AuthResult.Success.class, login(auth, user, "pw-" + user), user);
      assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, user, "pw-" + user + "x"));
    }
  }

  @Test
  void accountCarriesHomeIdsMaildirAndExtraFields() throws Exception {
    Authenticator auth =
        passwdFile("vera:{PLAIN}pw:5000:5001:Vera:/srv/vmail/vera::maildir=Maildir quota=1G\n");
    Account account =
        assertInstanceOf(AuthResult.Success.class, login(auth, "vera", "pw")).account();
    assertEquals("vera", account.user());
    assertEquals(Optional.of(Path.of("/srv/vmail/vera")), account.home());
    assertEquals(Optional.of("Maildir"), account.maildir());
    assertEquals(OptionalInt.of(5000), account.uid());
    assertEquals(OptionalInt.of(5001), account.gid());
    assertEquals(Map.of("maildir", "Maildir", "quota", "1G"), account.attributes());
  }

  @Test
  void unknownUsersEmptyPasswordsAndUsersWithoutPasswordAreRefused() throws Exception {
    Authenticator auth = passwdFile("vera:{PLAIN}pw\nnopw:\nnoplain:{PLAIN}\n");
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "nobody-here", "pw"));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "vera", ""));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "nopw", ""));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "nopw", "anything"));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "noplain", "anything"));
  }

  @Test
  void saslAuthorizationIdentityOfAnotherUserIsRefused() throws Exception {
    Authenticator auth = passwdFile("vera:{PLAIN}pw\nwill:{PLAIN}pw2\n");
    byte[] pw = "pw".getBytes(StandardCharsets.UTF_8);
    assertFailure(
        AuthResult.Reason.BAD_CREDENTIALS,
        auth.authenticate(
            TestSession.plain(), new Credentials.Password("vera", pw, Optional.of("will"))));
    assertInstanceOf(
        AuthResult.Success.class,
        auth.authenticate(
            TestSession.plain(), new Credentials.Password("vera", pw, Optional.of("vera"))));
  }

  @Test
  void malformedLineDoesNotStopTheOthers() throws Exception {
    Authenticator auth = passwdFile("bad:{NOPE}x\nvera:{PLAIN}pw:notanumber\nwill:{PLAIN}pw\n");
    assertInstanceOf(AuthResult.Success.class, login(auth, "will", "pw"));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "vera", "pw"));
  }

  @Test
  void fileIsReadAgainWhenEditedInPlace() throws Exception {
    Path file = dir.resolve("users");
    Authenticator auth = passwdFile("vera:{PLAIN}old-pw\n");
    assertInstanceOf(AuthResult.Success.class, login(auth, "vera", "old-pw"));

    // Same size, so only the modification time tells.
    Files.writeString(file, "vera:{PLAIN}new-pw\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    assertInstanceOf(AuthResult.Success.class, login(auth, "vera", "new-pw"));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, login(auth, "vera", "old-pw"));
  }

  @Test
  void fileIsReadAgainWhenReplacedByRename() throws Exception {
    Path file = dir.resolve("users");
    Authenticator auth = passwdFile("vera:{PLAIN}old-pw\n");
    FileTime sameTime = Files.getLastModifiedTime(file);
    Path next = dir.resolve("users.new");
    Files.writeString(next, "vera:{PLAIN}new-pw\nwill:{PLAIN}w\n");
    Files.setLastModifiedTime(next, sameTime);
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertInstanceOf(AuthResult.Success.class, login(auth, "vera", "new-pw"));
    assertInstanceOf(AuthResult.Success.class, login(auth, "will", "w"));
  }

  @Test
  void missingFileIsATemporaryFailureNotStaleData() throws Exception {
    Path file = dir.resolve("users");
    Authenticator auth = passwdFile("vera:{PLAIN}pw\n");
    Files.delete(file);
    assertFailure(AuthResult.Reason.TEMPORARY, login(auth, "vera", "pw"));
    Files.writeString(file, "vera:{PLAIN}pw\n");
    assertInstanceOf(AuthResult.Success.class, login(auth, "vera", "pw"));
  }

  @Test
  void apopSucceedsForPlainSecretsOnly() throws Exception {
    String hash = SystemHashes.mkpasswd("sha512crypt", "hashed-pw");
    Authenticator auth = passwdFile("vera:{PLAIN}tanstaaf:::/srv/v\nhank:" + hash + "\n");
    assertTrue(auth.supportsApop());
    // RFC 1939 section 7's own example.
    assertEquals("c4c9334bac560ecc979e58001b3e22fb", apopDigest("tanstaaf"));
    assertInstanceOf(AuthResult.Success.class, apop(auth, "vera", apopDigest("tanstaaf")));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, apop(auth, "vera", apopDigest("wrong")));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, apop(auth, "hank", apopDigest("hashed-pw")));
    assertFailure(AuthResult.Reason.BAD_CREDENTIALS, apop(auth, "ghost", apopDigest("tanstaaf")));
  }

  @Test
  void apopIsOfferedOnlyWhileSomeUserHasAPlainSecret() throws Exception {
    Path file = dir.resolve("users");
    String hash = SystemHashes.mkpasswd("sha512crypt", "hashed-pw");
    Authenticator auth = passwdFile("hank:" + hash + "\n");
    assertFalse(auth.supportsApop());
    Files.writeString(file, "hank:" + hash + "\nvera:{PLAIN}pw\n");
    assertTrue(auth.supportsApop());
  }

  @Test
  void unknownUserCostsAboutAsMuchAsAKnownOne() throws Exception {
    Authenticator auth = passwdFile("vera:" + SystemHashes.mkpasswd("yescrypt", "pw") + "\n");
    login(auth, "vera", "warm up");
    // Interleaved, so a burst of load on a shared machine touches both series alike.
    long[] known = new long[9];
    long[] unknown = new long[9];
    for (int i = 0; i < known.length; i++) {
      known[i] = nanos(() -> login(auth, "vera", "wrong"));
      unknown[i] = nanos(() -> login(auth, "ghost", "wrong"));
    }
    Arrays.sort(known);
    Arrays.sort(unknown);
    long k = known[known.length / 2];
    long u = unknown[unknown.length / 2];
    assertTrue(u > k / 2, "unknown " + u + " ns vs known " + k + " ns");
  }

  private static long nanos(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return System.nanoTime() - start;
  }

  @Test
  void concurrentLoginsNeverGiveAWrongAnswer() throws Exception {
    byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
    String[][] users = {
      {"y", "yescrypt-pw", "{CRYPT}" + SystemHashes.mkpasswd("yescrypt", "yescrypt-pw")},
      {"s", "sha512-pw", "{SHA512-CRYPT}" + SystemHashes.openssl("6", "sha512-pw")},
      {"m", "md5-pw", "{MD5-CRYPT}" + SystemHashes.openssl("1", "md5-pw")},
      {"b", "blf-pw", "{BLF-CRYPT}" + SystemHashes.mkpasswd("bcrypt", "blf-pw")},
      {"p", "plain-pw", "{PLAIN}plain-pw"},
      {"h", "ssha-pw", "{SSHA512}" + SystemHashes.saltedSha(512, "ssha-pw", salt)}
    };
    StringBuilder file = new StringBuilder();
    for (String[] u : users) {
      file.append(u[0]).append(':').append(u[2]).append('\n');
    }
    Authenticator auth = passwdFile(file.toString(), Map.of("crypt-threads", "4"));
    AtomicInteger wrongAnswers = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            threads.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < 200; i++) {
                    String[] u = users[random.nextInt(users.length)];
                    boolean right = random.nextBoolean();
                    AuthResult r = login(auth, u[0], right ? u[1] : "x" + u[1]);
                    if ((r instanceof AuthResult.Success) != right) {
                      wrongAnswers.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(0, wrongAnswers.get());
  }

  @Test
  void bothProvidersAreFoundByName() {
    ProviderRegistry<AuthenticatorProvider> registry =
        ProviderRegistry.authenticators(getClass().getClassLoader());
    assertInstanceOf(UnixAuthenticatorProvider.class, registry.find("unix"));
    assertInstanceOf(PasswdFileAuthenticatorProvider.class, registry.find("passwd-file"));
  }

  @Test
  void badSettingsNameTheFullKey() {
    PasswdFileAuthenticatorProvider provider = new PasswdFileAuthenticatorProvider();
    InvalidSettingException missing =
        assertThrows(
            InvalidSettingException.class, () -> provider.create(Settings.empty("passwd-file")));
    assertTrue(missing.getMessage().contains("passwd-file.path"), missing.getMessage());
    InvalidSettingException absent =
        assertThrows(
            InvalidSettingException.class,
            () ->
                provider.create(
                    Settings.of("passwd-file", Map.of("path", dir.resolve("nope").toString()))));
    assertTrue(absent.getMessage().contains("passwd-file.path"), absent.getMessage());
    InvalidSettingException scheme =
        assertThrows(
            InvalidSettingException.class,
            () ->
                provider.create(
                    Settings.of(
                        "passwd-file", Map.of("path", "/dev/null", "default-scheme", "ROT13"))));
    assertTrue(scheme.getMessage().contains("passwd-file.default-scheme"), scheme.getMessage());
    InvalidSettingException unknown =
        assertThrows(
            InvalidSettingException.class,
            () -> new UnixAuthenticatorProvider().create(Settings.of("unix", Map.of("uid", "1"))));
    assertTrue(unknown.getMessage().contains("unix.uid"), unknown.getMessage());
  }

  private Authenticator passwdFile(String content) throws Exception {
    return passwdFile(content, Map.of());
  }

  private Authenticator passwdFile(String content, Map<String, String> extra) throws Exception {
    Path file = dir.resolve("users");
    Files.writeString(file, content);
    Settings settings = Settings.of("passwd-file", Map.of("path", file.toString()));
    for (Map.Entry<String, String> e : extra.entrySet()) {
      settings = settings.with(e.getKey(), e.getValue());
    }
    return new PasswdFileAuthenticatorProvider().create(settings);
  }

  private static AuthResult apop(Authenticator auth, String user, String digest) {
    return auth.authenticate(
        TestSession.plain().withApop(TIMESTAMP), new Credentials.Apop(user, digest, TIMESTAMP));
  }

  private static String apopDigest(String secret) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    return HexFormat.of()
        .formatHex(md5.digest((TIMESTAMP + secret).getBytes(StandardCharsets.US_ASCII)));
  }
}
