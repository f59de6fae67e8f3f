package io.mdpop3j.core.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.ChannelBinding;
import io.mdpop3j.core.spi.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The message rules of RFC 5802 the server enforces one by one (section 5.1 attributes, section 7
 * syntax, section 6 channel-binding flags), and the end of an exchange; the RFC examples are in
 * {@link ScramServerTest}.
 */
class ScramMessageRulesTest {

  private static final byte[] SECRET = "decoy secret".getBytes(StandardCharsets.US_ASCII);
  private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
  private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static ScramKeys rfc7677Keys() {
    return ScramKeys.derive(
        "SHA-256", ascii("pencil"), Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
  }

  private static ScramServer server(boolean plus, List<ChannelBinding> bindings, boolean offered) {
    ScramKeys keys = rfc7677Keys();
    return new ScramServer(
        "SHA-256",
        plus,
        bindings,
        offered,
        u -> u.equals("user") ? Optional.of(keys) : Optional.empty(),
        SECRET,
        () -> SERVER_NONCE);
  }

  private static ScramServer plainServer() {
    return server(false, List.of(), false);
  }

  /** RFC 7677's client-final for its client-first {@code n,,n=user,r=rOprNGfwEbeRWgbNEkqO}. */
  private static final String RFC7677_FINAL =
      "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

  @Test
  void anExchangeThatSucceededAcceptsNoFurtherMessage() {
    ScramServer s = plainServer();
    s.step(ascii("n,,n=user,r=" + CLIENT_NONCE));
    assertInstanceOf(ScramServer.Verified.class, s.step(ascii(RFC7677_FINAL)));

    assertInstanceOf(ScramServer.Failed.class, s.step(ascii(RFC7677_FINAL)));
  }

  @Test
  void anExchangeThatFailedStaysFailedEvenForAValidFirstMessage() {
    ScramServer s = plainServer();
    assertInstanceOf(ScramServer.Failed.class, s.step(ascii("n,,n=,r=" + CLIENT_NONCE)));

    assertInstanceOf(ScramServer.Failed.class, s.step(ascii("n,,n=user,r=" + CLIENT_NONCE)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // GS2 authzid that is not a=saslname (RFC 5802 section 7, gs2-header)
        "n,b=admin,n=user,r=abc",
        "n,a=ad=XYmin,n=user,r=abc",
        // the first attribute must be n=, the second r= (section 5.1)
        "n,,u=user,r=abc",
        "n,,n=user,s=abc",
        "n,,n=user",
        // an empty user name, or one with a bare "="
        "n,,n=,r=abc",
        "n,,n=us=er,r=abc",
        // a nonce with a space or a control character is not printable
        "n,,n=user,r=a c",
        "n,,n=user,r=a\u007fc",
      })
  void aClientFirstMessageBreakingTheSyntaxFails(String message) {
    assertInstanceOf(ScramServer.Failed.class, plainServer().step(ascii(message)), message);
  }

  @Test
  void aNonceMayUseEveryPrintableCharacterButTheComma() {
    ScramServer s = plainServer();

    String first =
        new String(
            assertInstanceOf(ScramServer.Challenge.class, s.step(ascii("n,,n=user,r=!~"))).data(),
            StandardCharsets.US_ASCII);

    assertTrue(first.startsWith("r=!~" + SERVER_NONCE + ","), first);
  }

  @Test
  void aClientThatCouldBindButSawNoPlusOfferIsServed() {
    // RFC 5802 section 6: "y" is a downgrade only when the server did offer -PLUS.
    assertInstanceOf(
        ScramServer.Challenge.class, plainServer().step(ascii("y,,n=user,r=" + CLIENT_NONCE)));
  }

  @Test
  void aPlusMechanismRefusesAClientThatDoesNotBind() {
    ScramServer s =
        server(true, List.of(new ChannelBinding("tls-server-end-point", new byte[32])), true);

    assertInstanceOf(ScramServer.Failed.class, s.step(ascii("n,,n=user,r=" + CLIENT_NONCE)));
  }

  @Test
  void aPlusMechanismRefusesABindingTypeTheConnectionDoesNotOffer() {
    ScramServer s =
        server(true, List.of(new ChannelBinding("tls-server-end-point", new byte[32])), true);

    assertInstanceOf(
        ScramServer.Failed.class, s.step(ascii("p=tls-unique,,n=user,r=" + CLIENT_NONCE)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // no proof at all
        "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE,
        // c= and r= in the wrong order, or c= missing
        "r="
            + CLIENT_NONCE
            + SERVER_NONCE
            + ",c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "x=biws,r="
            + CLIENT_NONCE
            + SERVER_NONCE
            + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "c=biws,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        // the nonce under another name, the rest right
        "c=biws,x="
            + CLIENT_NONCE
            + SERVER_NONCE
            + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        // a proof that is not base64
        "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE + ",p=not*base64",
      })
  void aClientFinalMessageBreakingTheSyntaxFails(String message) {
    ScramServer s = plainServer();
    s.step(ascii("n,,n=user,r=" + CLIENT_NONCE));

    assertInstanceOf(ScramServer.Failed.class, s.step(ascii(message)), message);
  }

  @Test
  void keysStoredForAnotherHashAreNotUsed() {
    // A user with SCRAM-SHA-1 keys only is, for SCRAM-SHA-256, a user without keys: the salt
    // offered is the decoy's, never the SHA-1 salt.
    ScramKeys sha1 =
        ScramKeys.derive(
            "SHA-1", ascii("pencil"), Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
    ScramServer s =
        new ScramServer(
            "SHA-256", false, List.of(), false, u -> Optional.of(sha1), SECRET, () -> "S");

    String first =
        new String(
            assertInstanceOf(ScramServer.Challenge.class, s.step(ascii("n,,n=user,r=C"))).data(),
            StandardCharsets.US_ASCII);

    assertFalse(first.contains(",s=QSXCR+Q6sek8bf92,"), first);
  }

  @Test
  void saslNamesDecodeTheirTwoEscapesAndRefuseAnyOtherEqualsSignOrAComma() {
    assertEquals(Optional.of("a,b=c"), ScramServer.saslName("a=2Cb=3Dc"));
    assertEquals(Optional.of("=,"), ScramServer.saslName("=3D=2C"));
    assertEquals(Optional.empty(), ScramServer.saslName("a,b"));
    assertEquals(Optional.empty(), ScramServer.saslName("a=2"));
    assertEquals(Optional.empty(), ScramServer.saslName("a=41"));
  }

  @Test
  void serverNoncesAreEighteenRandomOctetsInBase64() {
    Supplier<String> nonces = ScramServer.randomNonces(new SecureRandom());

    String one = nonces.get();
    String two = nonces.get();

    assertEquals(18, Base64.getDecoder().decode(one).length, one);
    assertNotEquals(one, two);
  }
}
