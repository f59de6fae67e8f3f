package io.mdpop3j.core.sasl;

import io.mdpop3j.core.spi.ChannelBinding;
import io.mdpop3j.core.spi.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The server side of one SCRAM exchange (RFC 5802, RFC 7677), with or without channel binding (the
 * {@code -PLUS} variants): client-first, server-first, client-final, server-final. The server never
 * sees the password; it checks the client's proof against the stored keys.
 *
 * <p>A user without keys gets a server-first built from a decoy salt, the same for that name every
 * time (RFC 5802 section 5.1), and fails at the proof: the exchange does not reveal who exists.
 */
public final class ScramServer {
  /** What one step led to. */
  public sealed interface Step permits Challenge, Verified, Failed {}

  /** Send {@code data} to the client and wait for its next message. */
  @SuppressWarnings("ArrayRecordComponent") // a step to send once, never compared
  public record Challenge(byte[] data) implements Step {}

  /**
   * The proof was right: {@code user} (and the identity it asked to act as, if any) logged in;
   * {@code serverFinal} ({@code v=...}) proves the server knew the keys and goes to the client.
   */
  @SuppressWarnings("ArrayRecordComponent") // a step to send once, never compared
  public record Verified(String user, Optional<String> authorizationId, byte[] serverFinal)
      implements Step {}

  /** The exchange failed; {@code reason} is for the log only. */
  public record Failed(String reason) implements Step {}

  private static final int NONCE_OCTETS = 18;

  /** The server's nonce part as this server makes it: 18 random octets in base64. */
  public static Supplier<String> randomNonces(SecureRandom random) {
    return () -> {
      byte[] octets = new byte[NONCE_OCTETS];
      random.nextBytes(octets);
      return Base64.getEncoder().encodeToString(octets);
    };
  }

  private final String hash;
  private final boolean plus;
  private final List<ChannelBinding> bindings;
  private ChannelBinding chosen;
  private final boolean advertisedPlus;
  private final Function<String, Optional<ScramKeys>> keys;
  private final byte[] decoySecret;
  private final Supplier<String> serverNonce;

  private String gs2Header;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;
  private String user;
  private Optional<String> authorizationId = Optional.empty();
  private ScramKeys userKeys;
  private boolean known;
  private boolean done;

  /**
   * @param hash {@code SHA-256} or {@code SHA-1}
   * @param plus whether this is the {@code -PLUS} mechanism (the client must bind to the channel)
   * @param bindings what the connection offers to bind to, by type; empty without TLS
   * @param advertisedPlus whether the server offers {@code -PLUS} on this connection (a client that
   *     says "y" then saw it, so its choice of the plain variant is a downgrade)
   * @param keys the stored keys of a user, empty for an unknown user or one without SCRAM keys
   * @param decoySecret a per-server secret from which unknown users' salts are made
   * @param serverNonce makes the server's part of the nonce (printable, no comma)
   */
  public ScramServer(
      String hash,
      boolean plus,
      List<ChannelBinding> bindings,
      boolean advertisedPlus,
      Function<String, Optional<ScramKeys>> keys,
      byte[] decoySecret,
      Supplier<String> serverNonce) {
    this.hash = Objects.requireNonNull(hash, "hash");
    this.plus = plus;
    this.bindings = List.copyOf(bindings);
    this.advertisedPlus = advertisedPlus;
    this.keys = Objects.requireNonNull(keys, "keys");
    this.decoySecret = decoySecret.clone();
    this.serverNonce = Objects.requireNonNull(serverNonce, "serverNonce");
  }

  /** The next step after the client sent {@code message}. */
  public Step step(byte[] message) {
    if (done) {
      return new Failed("SCRAM exchange already over");
    }
    String text = new String(message, StandardCharsets.UTF_8);
    Step step = serverFirst == null ? first(text) : last(text);
    if (!(step instanceof Challenge)) {
      done = true;
    }
    return step;
  }

  private Step first(String message) {
    // gs2-header = cbind-flag "," [authzid] ","
    int firstComma = message.indexOf(',');
    int secondComma = firstComma < 0 ? -1 : message.indexOf(',', firstComma + 1);
    if (secondComma < 0) {
      return new Failed("client-first lacks a GS2 header");
    }
    String flag = message.substring(0, firstComma);
    String authzid = message.substring(firstComma + 1, secondComma);
    String reason = checkBindingFlag(flag);
    if (reason != null) {
      return new Failed(reason);
    }
    if (!authzid.isEmpty()) {
      if (!authzid.startsWith("a=")) {
        return new Failed("GS2 authzid is not a=...");
      }
      Optional<String> decoded = saslName(authzid.substring(2));
      if (decoded.isEmpty()) {
        return new Failed("GS2 authzid is not a valid saslname");
      }
      authorizationId = decoded;
    }
    gs2Header = message.substring(0, secondComma + 1);
    clientFirstBare = message.substring(secondComma + 1);
    List<String> attributes = List.of(clientFirstBare.split(",", -1));
    if (attributes.size() < 2
        || !attributes.get(0).startsWith("n=")
        || !attributes.get(1).startsWith("r=")) {
      // A leading m= (reserved-mext) lands here too: RFC 5802 says to fail then.
      return new Failed("client-first-message-bare is not n=user,r=nonce");
    }
    Optional<String> name = saslName(attributes.get(0).substring(2));
    String clientNonce = attributes.get(1).substring(2);
    if (name.isEmpty() || name.get().isEmpty()) {
      return new Failed("user name is not a valid saslname");
    }
    if (clientNonce.isEmpty() || !printable(clientNonce)) {
      return new Failed("client nonce is empty or not printable");
    }
    user = name.get();
    Optional<ScramKeys> stored = keys.apply(user).filter(k -> k.hash().equals(hash));
    known = stored.isPresent();
    userKeys = stored.orElseGet(() -> ScramKeys.decoy(hash, decoySecret, user));
    nonce = clientNonce + serverNonce.get();
    serverFirst =
        "r="
            + nonce
            + ",s="
            + Base64.getEncoder().encodeToString(userKeys.salt())
            + ",i="
            + userKeys.iterations();
    return new Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 5802 section 6: which cbind flags this mechanism and connection accept. */
  private String checkBindingFlag(String flag) {
    if (plus) {
      if (!flag.startsWith("p=")) {
        return "SCRAM-PLUS client did not ask for channel binding";
      }
      String type = flag.substring(2);
      for (ChannelBinding offered : bindings) {
        if (offered.type().equals(type)) {
          chosen = offered;
          return null;
        }
      }
      return "channel binding type '" + type + "' is not offered on this connection";
    }
    return switch (flag) {
      case "n" -> null;
      case "y" ->
          // The client could bind but thought the server could not: if we offered PLUS, someone
          // removed it from CAPA on the way (a downgrade).
          advertisedPlus ? "client says y although -PLUS was offered: downgrade" : null;
      default -> "channel binding requested with a mechanism that is not -PLUS";
    };
  }

  private Step last(String message) {
    int proofAt = message.lastIndexOf(",p=");
    if (proofAt < 0) {
      return new Failed("client-final lacks a proof");
    }
    String withoutProof = message.substring(0, proofAt);
    List<String> attributes = List.of(withoutProof.split(",", -1));
    if (attributes.size() < 2
        || !attributes.get(0).startsWith("c=")
        || !attributes.get(1).startsWith("r=")) {
      return new Failed("client-final is not c=...,r=...,p=...");
    }
    byte[] expectedBinding = bindingInput();
    byte[] givenBinding;
    byte[] proof;
    try {
      givenBinding = Base64.getDecoder().decode(attributes.get(0).substring(2));
      proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      return new Failed("client-final holds invalid base64");
    }
    if (!MessageDigest.isEqual(expectedBinding, givenBinding)) {
      return new Failed("channel binding does not match this connection");
    }
    if (!attributes.get(1).substring(2).equals(nonce)) {
      return new Failed("nonce is not the one of this exchange");
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] auth = authMessage.getBytes(StandardCharsets.UTF_8);
    byte[] clientSignature = userKeys.clientSignature(auth);
    if (proof.length != clientSignature.length) {
      return new Failed("proof has the wrong length");
    }
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
    }
    boolean proven = userKeys.matchesClientKey(clientKey) && known;
    Arrays.fill(clientKey, (byte) 0);
    if (!proven) {
      return new Failed(known ? "wrong proof for " + user : "no SCRAM keys for " + user);
    }
    byte[] serverSignature = userKeys.serverSignature(auth);
    String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
    return new Verified(user, authorizationId, serverFinal.getBytes(StandardCharsets.UTF_8));
  }

  /** What the client's c= must hold: the GS2 header, then the binding data for -PLUS. */
  private byte[] bindingInput() {
    byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
    if (!plus) {
      return header;
    }
    byte[] data = chosen.data();
    byte[] out = Arrays.copyOf(header, header.length + data.length);
    System.arraycopy(data, 0, out, header.length, data.length);
    return out;
  }

  /** RFC 5802 saslname: "=2C" is ",", "=3D" is "=", any other "=" or a "," is invalid. */
  static Optional<String> saslName(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',') {
        return Optional.empty();
      }
      if (c == '=') {
        if (text.startsWith("=2C", i)) {
          out.append(',');
        } else if (text.startsWith("=3D", i)) {
          out.append('=');
        } else {
          return Optional.empty();
        }
        i += 2;
      } else {
        out.append(c);
      }
    }
    return Optional.of(out.toString());
  }

  private static boolean printable(String s) {
    return s.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != ',');
  }
}
