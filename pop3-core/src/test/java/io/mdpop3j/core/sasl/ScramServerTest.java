package io.mdpop3j.core.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.ChannelBinding;
import io.mdpop3j.core.spi.ScramKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server side of SCRAM, checked against the examples of RFC 7677 and RFC 5802. */
class ScramServerTest {

  private static final byte[] SECRET = "decoy secret".getBytes(StandardCharsets.US_ASCII);

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String text(ScramServer.Step step) {
    return new String(
        assertInstanceOf(ScramServer.Challenge.class, step).data(), StandardCharsets.UTF_8);
  }

  private static ScramServer server(String hash, ScramKeys keys, String serverNonce) {
    return new ScramServer(
        hash,
        false,
        List.of(),
        false,
        u -> Optional.ofNullable(Map.of("user", keys).get(u)),
        SECRET,
        () -> serverNonce);
  }

  private static ScramKeys rfc7677Keys() {
    return ScramKeys.derive(
        "SHA-256", ascii("pencil"), Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
  }

  @Test
  void rfc7677ExampleLogsInAndProvesTheServer() {
    ScramServer s = server("SHA-256", rfc7677Keys(), "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

    assertEquals(
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        text(s.step(ascii("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))));
    ScramServer.Verified v =
        assertInstanceOf(
            ScramServer.Verified.class,
            s.step(
                ascii(
                    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")));

    assertEquals("user", v.user());
    assertEquals(
        "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
        new String(v.serverFinal(), StandardCharsets.US_ASCII));
  }

  @Test
  void rfc5802Sha1ExampleLogsIn() {
    ScramKeys keys =
        ScramKeys.derive(
            "SHA-1", ascii("pencil"), Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
    ScramServer s = server("SHA-1", keys, "3rfcNHYJY1ZVvWVs7j");

    s.step(ascii("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
    ScramServer.Step last =
        s.step(
            ascii(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));

    assertEquals(
        "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
        new String(
            assertInstanceOf(ScramServer.Verified.class, last).serverFinal(),
            StandardCharsets.US_ASCII));
  }

  @Test
  void aWrongProofFails() {
    ScramServer s = server("SHA-256", rfc7677Keys(), "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    s.step(ascii("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));

    ScramServer.Step last =
        s.step(
            ascii(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                    + "p=AHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));

    assertInstanceOf(ScramServer.Failed.class, last);
  }

  @Test
  void aProofReplayedIntoAnotherExchangeFailsOnItsNonce() {
    ScramServer s = server("SHA-256", rfc7677Keys(), "another-server-nonce");
    s.step(ascii("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));

    ScramServer.Step last =
        s.step(
            ascii(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                    + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));

    assertTrue(
        assertInstanceOf(ScramServer.Failed.class, last).reason().contains("nonce"),
        last.toString());
  }

  @Test
  void anUnknownUserGetsTheSameSaltEveryTimeAndFails() {
    ScramServer a = server("SHA-256", rfc7677Keys(), "n1");
    ScramServer b = server("SHA-256", rfc7677Keys(), "n2");

    String first = text(a.step(ascii("n,,n=nobody,r=abc")));
    String again = text(b.step(ascii("n,,n=nobody,r=abc")));

    assertEquals(first.substring(first.indexOf(",s=")), again.substring(again.indexOf(",s=")));
    assertInstanceOf(
        ScramServer.Failed.class,
        a.step(ascii("c=biws,r=abcn1,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
  }

  @Test
  void aClientThatSaysItCouldBindWhenPlusWasOfferedIsADowngrade() {
    ScramServer s =
        new ScramServer(
            "SHA-256",
            false,
            List.of(new ChannelBinding("tls-server-end-point", new byte[32])),
            true,
            u -> Optional.of(rfc7677Keys()),
            SECRET,
            () -> "x");

    assertInstanceOf(ScramServer.Failed.class, s.step(ascii("y,,n=user,r=abc")));
  }

  @Test
  void plusChecksTheChannelBindingData() {
    byte[] data = new byte[32];
    data[0] = 7;
    ChannelBinding binding = new ChannelBinding("tls-server-end-point", data);
    ScramKeys keys = rfc7677Keys();
    ScramServer s =
        new ScramServer(
            "SHA-256", true, List.of(binding), true, u -> Optional.of(keys), SECRET, () -> "S");
    s.step(ascii("p=tls-server-end-point,,n=user,r=C"));

    // The client saw other binding data (a second TLS hop): its c= cannot match.
    byte[] other = new byte[32];
    byte[] header = ascii("p=tls-server-end-point,,");
    byte[] c = java.util.Arrays.copyOf(header, header.length + other.length);
    String cb = Base64.getEncoder().encodeToString(c);
    ScramServer.Step last = s.step(ascii("c=" + cb + ",r=CS,p=AAAA"));

    assertTrue(
        assertInstanceOf(ScramServer.Failed.class, last).reason().contains("channel binding"),
        last.toString());
  }

  @Test
  void malformedMessagesFail() {
    for (String bad :
        new String[] {
          "",
          "n,n=user,r=abc",
          "x,,n=user,r=abc",
          "n,,m=ext,n=user,r=abc",
          "n,,n=us=er,r=a",
          "n,,n=user,r="
        }) {
      ScramServer s = server("SHA-256", rfc7677Keys(), "x");
      assertInstanceOf(ScramServer.Failed.class, s.step(ascii(bad)), bad);
    }
  }

  @Test
  void dovecotsStoredFormIsRead() {
    ScramKeys keys = rfc7677Keys();
    String stored =
        "4096,"
            + Base64.getEncoder().encodeToString(keys.salt())
            + ","
            + Base64.getEncoder().encodeToString(keys.storedKey())
            + ","
            + Base64.getEncoder().encodeToString(keys.serverKey());

    assertEquals(keys, ScramKeys.parseDovecot("SHA-256", stored));
  }
}
