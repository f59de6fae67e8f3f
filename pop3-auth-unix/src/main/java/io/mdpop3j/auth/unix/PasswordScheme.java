package io.mdpop3j.auth.unix;

import io.mdpop3j.core.spi.ScramKeys;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The password schemes a passwd-file may name in {@code {SCHEME}} form, with Dovecot's names. The
 * {@code *-CRYPT} schemes and {@code CRYPT} are checked by libcrypt; the rest in pure Java.
 */
public enum PasswordScheme {
  /** The cleartext password; the only scheme APOP can use. {@code CLEARTEXT} is an alias. */
  PLAIN("PLAIN", List.of()),
  /** Any crypt(3) hash libcrypt knows, including yescrypt. */
  CRYPT("CRYPT", List.of()),
  /** md5crypt, {@code $1$}. */
  MD5_CRYPT("MD5-CRYPT", List.of("$1$")),
  /** sha256crypt, {@code $5$}. */
  SHA256_CRYPT("SHA256-CRYPT", List.of("$5$")),
  /** sha512crypt, {@code $6$}. */
  SHA512_CRYPT("SHA512-CRYPT", List.of("$6$")),
  /** bcrypt, {@code $2a$}, {@code $2b$} or {@code $2y$}. */
  BLF_CRYPT("BLF-CRYPT", List.of("$2a$", "$2b$", "$2y$")),
  /** Base64 of SHA-256(password + salt) followed by the salt. */
  SSHA256("SSHA256", List.of()),
  /** Base64 of SHA-512(password + salt) followed by the salt. */
  SSHA512("SSHA512", List.of()),
  /**
   * The HMAC-MD5 context of the password, 64 hex digits, as {@code doveadm pw -s CRAM-MD5} writes
   * it: checks CRAM-MD5 logins (and passwords) without the cleartext.
   */
  CRAM_MD5("CRAM-MD5", List.of()),
  /** {@code iterations,salt,StoredKey,ServerKey} (base64): SCRAM-SHA-1 logins and passwords. */
  SCRAM_SHA_1("SCRAM-SHA-1", List.of()),
  /** {@code iterations,salt,StoredKey,ServerKey} (base64): SCRAM-SHA-256 logins and passwords. */
  SCRAM_SHA_256("SCRAM-SHA-256", List.of());

  private final String dovecotName;

  @SuppressWarnings("ImmutableEnumChecker") // always List.of: immutable, though typed List
  private final List<String> cryptPrefixes;

  PasswordScheme(String dovecotName, List<String> cryptPrefixes) {
    this.dovecotName = dovecotName;
    this.cryptPrefixes = cryptPrefixes;
  }

  /** The name as written between braces, such as {@code SHA512-CRYPT}. */
  public String dovecotName() {
    return dovecotName;
  }

  /** Whether libcrypt checks this scheme. */
  public boolean isCrypt() {
    return this == CRYPT || !cryptPrefixes.isEmpty();
  }

  /** The scheme called {@code name} (any case), if it is one of these. */
  public static Optional<PasswordScheme> byName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.equals("CLEARTEXT")) {
      return Optional.of(PLAIN);
    }
    for (PasswordScheme scheme : values()) {
      if (scheme.dovecotName.equals(upper)) {
        return Optional.of(scheme);
      }
    }
    return Optional.empty();
  }

  /** The names {@link #byName} accepts, for error messages. */
  public static List<String> names() {
    return List.of(
        "PLAIN",
        "CLEARTEXT",
        "CRYPT",
        "MD5-CRYPT",
        "SHA256-CRYPT",
        "SHA512-CRYPT",
        "BLF-CRYPT",
        "SSHA256",
        "SSHA512",
        "CRAM-MD5",
        "SCRAM-SHA-1",
        "SCRAM-SHA-256");
  }

  /**
   * What is wrong with {@code secret} as a secret of this scheme, or empty when it is well formed.
   * Never quotes the secret.
   */
  Optional<String> problemWith(String secret) {
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    if (!cryptPrefixes.isEmpty() && cryptPrefixes.stream().noneMatch(secret::startsWith)) {
      return Optional.of(
          "a {" + dovecotName + "} hash starts with " + String.join(" or ", cryptPrefixes));
    }
    if (this == SSHA256 || this == SSHA512) {
      int digestLength = this == SSHA256 ? 32 : 64;
      try {
        if (Base64.getDecoder().decode(secret).length < digestLength) {
          return Optional.of("a {" + dovecotName + "} secret is too short");
        }
      } catch (IllegalArgumentException e) {
        return Optional.of("a {" + dovecotName + "} secret must be base64");
      }
    }
    if (this == CRAM_MD5 && !secret.matches("[0-9a-fA-F]{64}")) {
      return Optional.of("a {CRAM-MD5} secret is 64 hex digits");
    }
    if (this == SCRAM_SHA_1 || this == SCRAM_SHA_256) {
      try {
        scramKeys(secret);
      } catch (IllegalArgumentException e) {
        return Optional.of("a {" + dovecotName + "} secret is iterations,salt,storedKey,serverKey");
      }
    }
    return Optional.empty();
  }

  /** The hash of a SCRAM scheme: {@code SHA-1} or {@code SHA-256}. */
  String scramHash() {
    return this == SCRAM_SHA_1 ? "SHA-1" : "SHA-256";
  }

  /** The keys a SCRAM secret of this scheme holds. */
  ScramKeys scramKeys(String secret) {
    return ScramKeys.parseDovecot(scramHash(), secret);
  }
}
