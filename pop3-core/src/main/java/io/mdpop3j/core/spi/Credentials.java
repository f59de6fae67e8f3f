package io.mdpop3j.core.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client presented to log in. SASL PLAIN and LOGIN arrive as {@link Password} (PLAIN with an
 * optional authorization identity); CRAM-MD5 as {@link CramMd5}; OAUTHBEARER and XOAUTH2 as {@link
 * BearerToken}; a SCRAM login whose proof the server checked, or a bearer token the server's
 * validator accepted, as {@link Verified}.
 */
public sealed interface Credentials
    permits Credentials.Password,
        Credentials.Apop,
        Credentials.CramMd5,
        Credentials.BearerToken,
        Credentials.Verified {

  /** The user name the client gave (the authentication identity). */
  String user();

  /**
   * A user name and a cleartext password, as USER/PASS or AUTH PLAIN send them.
   *
   * <p>The password is UTF-8 bytes so that it can be wiped after use and handed to native code
   * without a charset round trip. {@link #toString()} never shows it.
   */
  final class Password implements Credentials {
    private final String user;
    private final byte[] password;
    private final Optional<String> authorizationId;

    /** Creates credentials holding a copy of {@code password}. */
    public Password(String user, byte[] password, Optional<String> authorizationId) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password").clone();
      this.authorizationId = Objects.requireNonNull(authorizationId, "authorizationId");
    }

    /** Creates credentials from a password string, encoded as UTF-8. */
    public static Password of(String user, String password) {
      return new Password(user, password.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    @Override
    public String user() {
      return user;
    }

    /** The password as UTF-8 bytes; the returned array is shared, do not keep it. */
    public byte[] password() {
      return password;
    }

    /** The identity to act as, when the client asked for one different from {@link #user()}. */
    public Optional<String> authorizationId() {
      return authorizationId;
    }

    /** Overwrites the password bytes with zeros; call when authentication is over. */
    public void wipe() {
      Arrays.fill(password, (byte) 0);
    }

    @Override
    public String toString() {
      return "Password[user=" + user + ", password=<hidden>]";
    }
  }

  /**
   * An APOP login (RFC 1939 section 7): the MD5 digest, as 32 lower-case hex digits, of the
   * greeting's {@code timestamp} followed by the shared secret.
   */
  record Apop(String user, String digest, String timestamp) implements Credentials {
    public Apop {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * Whether {@link #digest()} is the MD5 of {@link #timestamp()} followed by {@code secret},
     * compared in constant time.
     */
    public boolean matches(byte[] secret) {
      try {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        md5.update(secret);
        byte[] expected =
            HexFormat.of().formatHex(md5.digest()).getBytes(StandardCharsets.US_ASCII);
        byte[] given = digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("MD5 is required of every Java platform", e);
      }
    }
  }

  /**
   * A CRAM-MD5 login (RFC 2195): the HMAC-MD5, as 32 hex digits, of the server's {@code challenge}
   * keyed with the shared secret.
   */
  record CramMd5(String user, String challenge, String digest) implements Credentials {
    public CramMd5 {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(challenge, "challenge");
      Objects.requireNonNull(digest, "digest");
    }

    /**
     * The HMAC-MD5 context of {@code secret} as Dovecot's {@code {CRAM-MD5}} scheme stores it (32
     * octets): what {@link #matchesContext} compares against.
     */
    public static byte[] hmacContext(byte[] secret) {
      return HmacMd5Context.contextOf(secret);
    }

    /** Whether {@link #digest()} is the HMAC-MD5 of the challenge with {@code secret}. */
    public boolean matches(byte[] secret) {
      return matchesContext(HmacMd5Context.contextOf(secret));
    }

    /**
     * Whether {@link #digest()} is right for the secret whose HMAC-MD5 context is given: the 32
     * octets Dovecot's {@code {CRAM-MD5}} scheme stores as 64 hex digits (outer state, then inner).
     */
    public boolean matchesContext(byte[] context) {
      byte[] expected =
          HexFormat.of()
              .formatHex(
                  HmacMd5Context.hmac(context, challenge.getBytes(StandardCharsets.US_ASCII)))
              .getBytes(StandardCharsets.US_ASCII);
      byte[] given = digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, given);
    }
  }

  /**
   * An OAuth 2.0 bearer token (OAUTHBEARER, RFC 7628; XOAUTH2), with the user the client named,
   * which may be empty: then the token alone says who it is. {@link #toString()} never shows the
   * token.
   */
  record BearerToken(String user, String token) implements Credentials {
    public BearerToken {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "BearerToken[user=" + user + ", token=<hidden>]";
    }
  }

  /**
   * A user the server has authenticated already, by {@code method} (a SCRAM mechanism checked
   * against the keys the authenticator gave, or a bearer token the server's validator accepted):
   * the authenticator returns the account, or a failure when it is disabled or unknown.
   */
  record Verified(String user, String method) implements Credentials {
    public Verified {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(method, "method");
    }
  }
}
