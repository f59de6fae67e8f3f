package io.mdpop3j.auth.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresPackages({"whois", "openssl"})
class CryptVerifierTest {

  private static final String PASSWORD = "correct horse 42";

  private static final CryptVerifier CRYPT = CryptVerifier.load("libcrypt.so.1");

  /** Every scheme the issue lists, each hashed by a system tool at test time. */
  static Stream<Arguments> systemHashes() {
    String bcrypt = SystemHashes.mkpasswd("bcrypt", PASSWORD);
    return Stream.of(
        Arguments.of("yescrypt $y$", "$y$", SystemHashes.mkpasswd("yescrypt", PASSWORD)),
        Arguments.of(
            "gost-yescrypt $gy$", "$gy$", SystemHashes.mkpasswd("gost-yescrypt", PASSWORD)),
        Arguments.of("scrypt $7$", "$7$", SystemHashes.mkpasswd("scrypt", PASSWORD)),
        Arguments.of("sha512crypt mkpasswd", "$6$", SystemHashes.mkpasswd("sha512crypt", PASSWORD)),
        Arguments.of("sha512crypt openssl", "$6$", SystemHashes.openssl("6", PASSWORD)),
        Arguments.of("sha256crypt mkpasswd", "$5$", SystemHashes.mkpasswd("sha256crypt", PASSWORD)),
        Arguments.of("sha256crypt openssl", "$5$", SystemHashes.openssl("5", PASSWORD)),
        Arguments.of("md5crypt mkpasswd", "$1$", SystemHashes.mkpasswd("md5crypt", PASSWORD)),
        Arguments.of("md5crypt openssl", "$1$", SystemHashes.openssl("1", PASSWORD)),
        Arguments.of("bcrypt $2b$", "$2b$", bcrypt),
        Arguments.of("bcrypt $2a$", "$2a$", SystemHashes.mkpasswd("bcrypt-a", PASSWORD)),
        // No Debian tool writes $2y$; for an ASCII password it is $2b$ with another name
        // (libxcrypt and PHP agree), so the $2b$ vector renamed is a true $2y$ vector.
        Arguments.of("bcrypt $2y$", "$2y$", "$2y$" + bcrypt.substring(4)),
        Arguments.of("DES", "", SystemHashes.mkpasswd("descrypt", "secret12")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systemHashes")
  void rightPasswordMatchesAHashMadeBySystemTools(String name, String prefix, String hash) {
    assertTrue(hash.startsWith(prefix), hash);
    String password = prefix.isEmpty() ? "secret12" : PASSWORD;
    assertTrue(CRYPT.matches(bytes(password), hash), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systemHashes")
  void wrongPasswordDoesNotMatch(String name, String prefix, String hash) {
    assertFalse(CRYPT.matches(bytes("Correct horse 42"), hash), name);
    assertFalse(CRYPT.matches(bytes("wrong"), hash), name);
  }

  @Test
  void nonAsciiPasswordMatchesWhenPassedAsUtf8Bytes() {
    String hash = SystemHashes.mkpasswd("yescrypt", "pässwörd");
    assertTrue(CRYPT.matches(bytes("pässwörd"), hash));
    assertFalse(CRYPT.matches("pässwörd".getBytes(StandardCharsets.ISO_8859_1), hash));
  }

  @Test
  void lockedHashesNeverMatchEvenWithTheRightPassword() {
    String hash = SystemHashes.mkpasswd("sha512crypt", PASSWORD);
    assertTrue(CRYPT.matches(bytes(PASSWORD), hash));
    assertFalse(CRYPT.matches(bytes(PASSWORD), "!" + hash));
    assertFalse(CRYPT.matches(bytes(PASSWORD), "*" + hash));
    assertFalse(CRYPT.matches(bytes(PASSWORD), "!"));
    assertFalse(CRYPT.matches(bytes(PASSWORD), "*"));
    assertFalse(CRYPT.matches(bytes(PASSWORD), ""));
  }

  @Test
  void passwordWithNulDoesNotMatchItsPrefix() {
    // C would stop at the NUL and see "correct horse 42".
    String hash = SystemHashes.mkpasswd("sha512crypt", PASSWORD);
    assertFalse(CRYPT.matches(bytes(PASSWORD + "\0tail"), hash));
  }

  @Test
  void malformedOrUnknownSchemeDoesNotMatch() {
    assertFalse(CRYPT.matches(bytes(PASSWORD), "$99$salt$hash"));
    assertFalse(CRYPT.matches(bytes(PASSWORD), "$6$"));
    assertFalse(CRYPT.canHash("$99$salt$hash"));
    assertTrue(CRYPT.canHash(SystemHashes.mkpasswd("md5crypt", PASSWORD)));
  }

  @Test
  void dummyHashUsesTheDefaultSchemeAndMatchesNothingGuessable() {
    String dummy = CRYPT.dummyHash(null);
    assertTrue(dummy.startsWith("$y$"), dummy);
    assertFalse(CRYPT.matches(bytes(""), dummy));
    assertTrue(CRYPT.canHash(dummy));
    assertTrue(CRYPT.dummyHash("$6$").startsWith("$6$"));
  }

  @Test
  void concurrentChecksNeverGiveAWrongAnswer() throws Exception {
    List<String[]> vectors = new ArrayList<>();
    String[] methods = {"yescrypt", "sha512crypt", "sha256crypt", "md5crypt", "bcrypt", "descrypt"};
    for (int i = 0; i < methods.length; i++) {
      String password = "pw" + i + "ä" + i;
      vectors.add(new String[] {password, SystemHashes.mkpasswd(methods[i], password)});
    }
    AtomicInteger wrongAnswers = new AtomicInteger();
    AtomicInteger checks = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            threads.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < 200; i++) {
                    String[] vector = vectors.get(random.nextInt(vectors.size()));
                    boolean right = random.nextBoolean();
                    String password = right ? vector[0] : vector[0] + "x";
                    // descrypt reads only 8 bytes: make the wrong one differ early.
                    if (!right && vector[1].length() == 13) {
                      password = "x" + vector[0];
                    }
                    if (CRYPT.matches(bytes(password), vector[1]) != right) {
                      wrongAnswers.incrementAndGet();
                    }
                    checks.incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(1600, checks.get());
    assertEquals(0, wrongAnswers.get());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
