package io.mdpop3j.core.spi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a server stores to check a SCRAM login (RFC 5802 section 3) without knowing the password:
 * the salt, the iteration count, StoredKey = H(ClientKey) and ServerKey.
 *
 * @param hash the hash function: {@code SHA-256} or {@code SHA-1}
 */
@SuppressWarnings("ArrayRecordComponent") // equals, hashCode and accessors are written out below
public record ScramKeys(
    String hash, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
  /** The fewest iterations accepted (RFC 7677 section 4 asks for at least 4096). */
  public static final int MIN_ITERATIONS = 4096;

  public ScramKeys {
    Objects.requireNonNull(hash, "hash");
    if (!hash.equals("SHA-256") && !hash.equals("SHA-1")) {
      throw new IllegalArgumentException("SCRAM hash must be SHA-256 or SHA-1, was " + hash);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("SCRAM iterations must be positive, was " + iterations);
    }
    salt = salt.clone();
    storedKey = storedKey.clone();
    serverKey = serverKey.clone();
  }

  /**
   * The keys for {@code password} (UTF-8, already SASLprep-normalized by whoever chose it) with
   * {@code salt} and {@code iterations}.
   */
  public static ScramKeys derive(String hash, byte[] password, byte[] salt, int iterations) {
    if (password.length == 0) {
      throw new IllegalArgumentException("an empty password has no SCRAM keys");
    }
    byte[] salted = hi(hash, password, salt, iterations);
    byte[] clientKey = hmac(hash, salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
    byte[] serverKey = hmac(hash, salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
    byte[] storedKey = digest(hash, clientKey);
    Arrays.fill(salted, (byte) 0);
    Arrays.fill(clientKey, (byte) 0);
    return new ScramKeys(hash, salt, iterations, storedKey, serverKey);
  }

  /**
   * Keys as Dovecot's passwd-file stores them after the scheme prefix ({@code {SCRAM-SHA-256}} or
   * {@code {SCRAM-SHA-1}}): {@code iterations,salt,storedKey,serverKey}, the last three base64.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static ScramKeys parseDovecot(String hash, String text) {
    String[] f = text.split(",", -1);
    if (f.length != 4) {
      throw new IllegalArgumentException(
          "SCRAM entry has " + f.length + " fields, not iterations,salt,storedKey,serverKey");
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      return new ScramKeys(
          hash, b64.decode(f[1]), Integer.parseInt(f[0]), b64.decode(f[2]), b64.decode(f[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("SCRAM entry is malformed: " + e.getMessage(), e);
    }
  }

  /**
   * Keys no password matches, for a user without keys, with a salt made from {@code secret} and the
   * name: the same for a name every time, so an exchange does not tell who exists (RFC 5802 section
   * 5.1).
   */
  public static ScramKeys decoy(String hash, byte[] secret, String user) {
    byte[] salt = Arrays.copyOf(hmac(hash, secret, user.getBytes(StandardCharsets.UTF_8)), 16);
    byte[] nothing = digest(hash, secret);
    return new ScramKeys(hash, salt, MIN_ITERATIONS, nothing, nothing);
  }

  /** ClientSignature = HMAC(StoredKey, AuthMessage) (RFC 5802 section 3). */
  public byte[] clientSignature(byte[] authMessage) {
    return hmac(hash, storedKey, authMessage);
  }

  /** ServerSignature = HMAC(ServerKey, AuthMessage). */
  public byte[] serverSignature(byte[] authMessage) {
    return hmac(hash, serverKey, authMessage);
  }

  /** Whether H(clientKey) is the StoredKey, compared in constant time. */
  public boolean matchesClientKey(byte[] clientKey) {
    return MessageDigest.isEqual(digest(hash, clientKey), storedKey);
  }

  /**
   * The name of the SCRAM mechanism for this hash, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-1}.
   */
  public String mechanism() {
    return "SCRAM-" + hash.toUpperCase(Locale.ROOT);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScramKeys k
        && hash.equals(k.hash)
        && iterations == k.iterations
        && Arrays.equals(salt, k.salt)
        && MessageDigest.isEqual(storedKey, k.storedKey)
        && MessageDigest.isEqual(serverKey, k.serverKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hash, iterations, Arrays.hashCode(salt));
  }

  @Override
  public String toString() {
    return "ScramKeys[" + mechanism() + ", iterations=" + iterations + ", keys=<hidden>]";
  }

  // --- RFC 5802 section 2.2 ---

  /** Hi(str, salt, i): PBKDF2 with HMAC of {@code hash}, one block. */
  static byte[] hi(String hash, byte[] password, byte[] salt, int iterations) {
    byte[] first = Arrays.copyOf(salt, salt.length + 4);
    first[salt.length + 3] = 1;
    byte[] u = hmac(hash, password, first);
    byte[] result = u.clone();
    for (int i = 1; i < iterations; i++) {
      u = hmac(hash, password, u);
      for (int k = 0; k < result.length; k++) {
        result[k] ^= u[k];
      }
    }
    return result;
  }

  private static byte[] hmac(String hash, byte[] key, byte[] data) {
    String algorithm = "Hmac" + hash.replace("-", "");
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is required of every Java platform", e);
    }
  }

  private static byte[] digest(String hash, byte[] data) {
    try {
      return MessageDigest.getInstance(hash).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(hash + " is required of every Java platform", e);
    }
  }
}
