package io.mdpop3j.auth.unix;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.mdpop3j.libc.CStrings;
import java.nio.charset.StandardCharsets;

/**
 * The thread-safe entry points of libxcrypt: {@code crypt_rn} and {@code crypt_gensalt_rn}.
 *
 * <p>Every argument is passed as native memory this class fills and wipes itself, never as a Java
 * {@code String}: JNA would encode a String in the platform charset (US-ASCII under {@code
 * LANG=C}), and its temporary copies are freed without being cleared.
 */
final class LibCrypt {

  /** {@code sizeof(struct crypt_data)} in libxcrypt (crypt.h: CRYPT_DATA_INTERNAL_SIZE and co). */
  static final int CRYPT_DATA_SIZE = 32768;

  /** libxcrypt's CRYPT_MAX_PASSPHRASE_SIZE: longer passphrases are refused with ERANGE. */
  static final int MAX_PASSPHRASE_BYTES = 512;

  /** libxcrypt's CRYPT_GENSALT_OUTPUT_SIZE. */
  private static final int GENSALT_OUTPUT_SIZE = 192;

  private final String libraryName;
  private final Function cryptRn;
  private final Function gensaltRn;

  private LibCrypt(String libraryName, Function cryptRn, Function gensaltRn) {
    this.libraryName = libraryName;
    this.cryptRn = cryptRn;
    this.gensaltRn = gensaltRn;
  }

  /**
   * Binds to the library called {@code libraryName} (a file name such as {@code libcrypt.so.1} or a
   * path).
   *
   * @throws UnsatisfiedLinkError when the library or one of the functions is missing
   */
  static LibCrypt load(String libraryName) {
    NativeLibrary library = NativeLibrary.getInstance(libraryName);
    return new LibCrypt(
        libraryName, library.getFunction("crypt_rn"), library.getFunction("crypt_gensalt_rn"));
  }

  /** The library name this was loaded from. */
  String libraryName() {
    return libraryName;
  }

  /**
   * Hashes {@code passphrase} with {@code setting} (a full hash or a salt string). Returns the hash
   * bytes, or {@code null} when libcrypt refused (unknown or malformed setting, passphrase too
   * long) or returned a failure token starting with {@code *}. The caller must not pass a
   * passphrase containing NUL: C would see only the part before it.
   */
  byte[] crypt(byte[] passphrase, byte[] setting) {
    try (Memory phrase = CStrings.of(passphrase);
        Memory settingMemory = CStrings.of(setting);
        Memory data = new Memory(CRYPT_DATA_SIZE)) {
      try {
        data.clear();
        Pointer result =
            (Pointer)
                cryptRn.invoke(
                    Pointer.class, new Object[] {phrase, settingMemory, data, CRYPT_DATA_SIZE});
        if (result == null) {
          return null;
        }
        byte[] hash = CStrings.bytesUntilNul(result);
        if (hash.length == 0 || hash[0] == '*') {
          return null;
        }
        return hash;
      } finally {
        // struct crypt_data keeps a copy of the passphrase and intermediate state.
        phrase.clear();
        data.clear();
      }
    }
  }

  /**
   * A new setting (salt string) for the scheme of {@code prefix} with libxcrypt's default cost, or
   * libxcrypt's default scheme when {@code prefix} is null; random bytes come from the OS.
   *
   * @throws IllegalStateException when libcrypt does not support the prefix
   */
  String gensalt(String prefix) {
    try (Memory prefixMemory =
            prefix == null ? null : CStrings.of(prefix.getBytes(StandardCharsets.US_ASCII));
        Memory output = new Memory(GENSALT_OUTPUT_SIZE)) {
      output.clear();
      Pointer result =
          (Pointer)
              gensaltRn.invoke(
                  Pointer.class,
                  new Object[] {
                    prefixMemory, new NativeLong(0), null, 0, output, GENSALT_OUTPUT_SIZE
                  });
      if (result == null) {
        throw new IllegalStateException(
            libraryName
                + " cannot make a salt for "
                + (prefix == null ? "its default scheme" : "scheme prefix " + prefix));
      }
      String salt = new String(CStrings.bytesUntilNul(result), StandardCharsets.US_ASCII);
      if (salt.startsWith("*")) {
        throw new IllegalStateException(libraryName + " refused to make a salt for " + prefix);
      }
      return salt;
    }
  }
}
