package io.mdpop3j.auth.unix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Checks a password against a crypt(3) hash of any scheme libxcrypt knows (yescrypt, gost-yescrypt,
 * scrypt, bcrypt, sha512crypt, sha256crypt, md5crypt, DES), comparing in constant time.
 */
public final class CryptVerifier {

  private final LibCrypt libCrypt;

  private CryptVerifier(LibCrypt libCrypt) {
    this.libCrypt = libCrypt;
  }

  /**
   * A verifier using the libcrypt called {@code libraryName}, e.g. {@code libcrypt.so.1}.
   *
   * @throws UnsatisfiedLinkError when the library or {@code crypt_rn} is missing
   */
  public static CryptVerifier load(String libraryName) {
    return new CryptVerifier(LibCrypt.load(libraryName));
  }

  /**
   * Whether {@code password} (UTF-8 bytes) hashes to {@code hash}. False for a hash that is empty,
   * locked ({@code !} or {@code *} in front), malformed or of an unknown scheme, and for a password
   * that contains a NUL byte (C would silently cut it there) or is longer than libxcrypt accepts.
   */
  public boolean matches(byte[] password, String hash) {
    if (hash.isEmpty() || hash.charAt(0) == '!' || hash.charAt(0) == '*') {
      return false;
    }
    if (password.length > LibCrypt.MAX_PASSPHRASE_BYTES || contains(password, (byte) 0)) {
      return false;
    }
    byte[] expected = hash.getBytes(StandardCharsets.UTF_8);
    if (contains(expected, (byte) 0)) {
      return false;
    }
    byte[] actual = libCrypt.crypt(password, expected);
    if (actual == null) {
      return false;
    }
    boolean equal = MessageDigest.isEqual(actual, expected);
    Arrays.fill(actual, (byte) 0);
    return equal;
  }

  /**
   * A hash of a random password that nobody knows, made with {@code prefix}'s scheme at libxcrypt's
   * default cost ({@code null}: libxcrypt's default scheme). Unknown users are checked against it
   * so that they cost as much time as known ones.
   */
  public String dummyHash(String prefix) {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    byte[] password = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    byte[] hash =
        libCrypt.crypt(password, libCrypt.gensalt(prefix).getBytes(StandardCharsets.US_ASCII));
    Arrays.fill(password, (byte) 0);
    if (hash == null) {
      throw new IllegalStateException(
          libCrypt.libraryName() + " cannot hash with scheme prefix " + prefix);
    }
    return new String(hash, StandardCharsets.US_ASCII);
  }

  /**
   * Whether {@code hash} is a complete hash libcrypt can check: a scheme and salt it knows, and as
   * long as what it makes from them (a bare salt, or DES salt characters followed by junk, is not).
   */
  public boolean canHash(String hash) {
    byte[] setting = hash.getBytes(StandardCharsets.UTF_8);
    if (hash.isEmpty() || contains(setting, (byte) 0)) {
      return false;
    }
    byte[] result = libCrypt.crypt("probe".getBytes(StandardCharsets.US_ASCII), setting);
    return result != null && result.length == setting.length;
  }

  private static boolean contains(byte[] bytes, byte value) {
    for (byte b : bytes) {
      if (b == value) {
        return true;
      }
    }
    return false;
  }
}
