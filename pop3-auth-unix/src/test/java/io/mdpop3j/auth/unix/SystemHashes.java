package io.mdpop3j.auth.unix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Test vectors made by the system's own tools: {@code mkpasswd} (Debian package whois) and {@code
 * openssl passwd}. Passwords go in on stdin as UTF-8 bytes, never as arguments: arguments are
 * encoded in the JVM's platform charset, which is US-ASCII under {@code LANG=C}.
 */
final class SystemHashes {

  private SystemHashes() {}

  /** {@code mkpasswd -m method} of {@code password}. */
  static String mkpasswd(String method, String password) {
    return run(password.getBytes(StandardCharsets.UTF_8), "mkpasswd", "--stdin", "-m", method);
  }

  /** {@code openssl passwd -<variant>} of {@code password}; variant 1, 5 or 6. */
  static String openssl(String variant, String password) {
    return run(
        password.getBytes(StandardCharsets.UTF_8), "openssl", "passwd", "-" + variant, "-stdin");
  }

  /**
   * Dovecot's {@code {SSHA256}}/{@code {SSHA512}} secret made with {@code openssl dgst}: base64 of
   * digest(password + salt) followed by salt.
   */
  static String saltedSha(int bits, String password, byte[] salt) {
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    byte[] input = Arrays.copyOf(pw, pw.length + salt.length);
    System.arraycopy(salt, 0, input, pw.length, salt.length);
    byte[] digest = runBytes(input, "openssl", "dgst", "-sha" + bits, "-binary");
    byte[] all = Arrays.copyOf(digest, digest.length + salt.length);
    System.arraycopy(salt, 0, all, digest.length, salt.length);
    return Base64.getEncoder().encodeToString(all);
  }

  static String run(byte[] stdin, String... command) {
    return new String(runBytes(stdin, command), StandardCharsets.US_ASCII).strip();
  }

  static byte[] runBytes(byte[] stdin, String... command) {
    List<String> cmd = new ArrayList<>(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      }
      byte[] out;
      try (InputStream stdout = p.getInputStream()) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        stdout.transferTo(buffer);
        out = buffer.toByteArray();
      }
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException(cmd + " failed with exit code " + rc);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + cmd + "; install Debian packages whois and openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
