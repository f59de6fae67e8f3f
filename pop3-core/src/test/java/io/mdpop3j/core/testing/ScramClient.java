package io.mdpop3j.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM (RFC 5802 section 3), written from the RFC with the JDK's primitives and
 * nothing of the server's, for tests that need a client no program here offers (SCRAM-PLUS): it
 * makes the client-first and client-final messages and checks the server's signature.
 */
public final class ScramClient {
  private final String hash;
  private final String user;
  private final String password;
  private final String gs2Header;
  private final byte[] bindingData;
  private final String clientNonce;
  private String clientFirstBare;
  private byte[] serverSignature;

  /**
   * @param hash {@code SHA-256} or {@code SHA-1}
   * @param bindingType the channel binding to use ({@code tls-server-end-point}), or null for none
   * @param bindingData what the client sees of the channel for that binding
   */
  public ScramClient(
      String hash,
      String user,
      String password,
      String bindingType,
      byte[] bindingData,
      String clientNonce) {
    this(hash, user, password, bindingType, bindingData, clientNonce, "");
  }

  private ScramClient(
      String hash,
      String user,
      String password,
      String bindingType,
      byte[] bindingData,
      String clientNonce,
      String authzid) {
    this.hash = hash;
    this.user = user;
    this.password = password;
    this.gs2Header = (bindingType == null ? "n," : "p=" + bindingType + ",") + authzid + ",";
    this.bindingData = bindingData == null ? new byte[0] : bindingData.clone();
    this.clientNonce = clientNonce;
  }

  /**
   * This client asking to act as {@code authorizationId} (RFC 5802 section 5.1, the GS2 header's
   * {@code a=}), for tests of a server that must refuse it.
   */
  public ScramClient actingAs(String authorizationId) {
    ScramClient other =
        new ScramClient(
            hash,
            user,
            password,
            gs2Header.startsWith("p=") ? gs2Header.substring(2, gs2Header.indexOf(',')) : null,
            bindingData,
            clientNonce,
            "a=" + authorizationId.replace("=", "=3D").replace(",", "=2C"));
    return other;
  }

  /** The client-first message. */
  public byte[] first() {
    clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    return utf8(gs2Header + clientFirstBare);
  }

  /** The client-final message answering {@code serverFirst}, with {@code nonce} if not null. */
  public byte[] last(byte[] serverFirst, String replacedNonce) {
    String text = new String(serverFirst, StandardCharsets.UTF_8);
    Map<Character, String> attributes = attributes(text);
    String nonce = replacedNonce != null ? replacedNonce : attributes.get('r');
    byte[] salt = Base64.getDecoder().decode(attributes.get('s'));
    int iterations = Integer.parseInt(attributes.get('i'));
    byte[] cbind = concat(utf8(gs2Header), bindingData);
    String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + nonce;
    String authMessage = clientFirstBare + "," + text + "," + withoutProof;
    try {
      byte[] salted = salted(salt, iterations);
      byte[] clientKey = hmac(salted, "Client Key");
      byte[] storedKey = MessageDigest.getInstance(hash).digest(clientKey);
      byte[] signature = hmac(storedKey, authMessage);
      byte[] proof = new byte[clientKey.length];
      for (int i = 0; i < proof.length; i++) {
        proof[i] = (byte) (clientKey[i] ^ signature[i]);
      }
      serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
      return utf8(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code serverFinal} ({@code v=...}) proves the server knew the keys. */
  public boolean serverVerified(byte[] serverFinal) {
    String v = attributes(new String(serverFinal, StandardCharsets.UTF_8)).get('v');
    return v != null && MessageDigest.isEqual(Base64.getDecoder().decode(v), serverSignature);
  }

  private byte[] salted(byte[] salt, int iterations) throws GeneralSecurityException {
    String algorithm = hash.equals("SHA-256") ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1";
    int bits = hash.equals("SHA-256") ? 256 : 160;
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
    return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
  }

  private byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
    String algorithm = hash.equals("SHA-256") ? "HmacSHA256" : "HmacSHA1";
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(key, algorithm));
    return mac.doFinal(utf8(data));
  }

  private static Map<Character, String> attributes(String message) {
    Map<Character, String> map = new HashMap<>();
    for (String part : message.split(",", 0)) {
      if (part.length() >= 2 && part.charAt(1) == '=') {
        map.put(part.charAt(0), part.substring(2));
      }
    }
    return map;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
