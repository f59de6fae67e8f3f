package io.mdpop3j.core.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.ChannelBinding;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.SaslMechanism;
import io.mdpop3j.core.spi.SaslMechanism.Challenge;
import io.mdpop3j.core.spi.SaslMechanism.Complete;
import io.mdpop3j.core.spi.SaslMechanism.Failed;
import io.mdpop3j.core.spi.ScramKeys;
import io.mdpop3j.core.spi.Session;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in mechanisms, each exchange driven as a client would, without a server. */
class MechanismsTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final SaslContext PASSWORDS =
      FixedSaslContext.of(EnumSet.of(CredentialType.PASSWORD), null);

  @Test
  void everyBuiltInMechanismIsFoundByTheServiceLoader() {
    Set<String> names =
        ServiceLoader.load(SaslMechanism.class).stream()
            .map(p -> p.get().name())
            .collect(Collectors.toSet());

    assertEquals(
        Set.of(
            "PLAIN",
            "LOGIN",
            "CRAM-MD5",
            "SCRAM-SHA-1",
            "SCRAM-SHA-1-PLUS",
            "SCRAM-SHA-256",
            "SCRAM-SHA-256-PLUS",
            "OAUTHBEARER",
            "XOAUTH2"),
        names);
  }

  @Test
  void aMechanismIsAvailableOnlyWhenTheAuthenticatorAcceptsItsCredentials() {
    SaslContext scram =
        FixedSaslContext.of(
            EnumSet.of(CredentialType.SCRAM_SHA_256, CredentialType.VERIFIED), null);

    assertTrue(new PlainSasl().availableFor(PASSWORDS));
    assertFalse(new CramMd5Sasl().availableFor(PASSWORDS));
    assertFalse(new ScramSha256Sasl().availableFor(PASSWORDS));
    assertTrue(new ScramSha256Sasl().availableFor(scram));
    assertFalse(new ScramSha256PlusSasl().availableFor(scram), "-PLUS needs a channel binding");
    assertFalse(new ScramSha1Sasl().availableFor(scram));
    assertFalse(new OAuthBearerSasl().availableFor(PASSWORDS));
  }

  @Test
  void loginAsksForTheNameThenThePassword() {
    SaslMechanism.Exchange e = new LoginSasl().begin(PASSWORDS);

    assertArrayEquals(LoginSasl.USER_NAME, assertInstanceOf(Challenge.class, e.start()).data());
    assertArrayEquals(
        LoginSasl.PASSWORD, assertInstanceOf(Challenge.class, e.step(utf8("alice"))).data());
    Credentials.Password p =
        (Credentials.Password)
            assertInstanceOf(Complete.class, e.step(utf8("secret word"))).credentials();
    assertEquals("alice", p.user());
    assertArrayEquals(utf8("secret word"), p.password());
  }

  @Test
  void loginTakesTheNameAsAnInitialResponse() {
    SaslMechanism.Exchange e = new LoginSasl().begin(PASSWORDS);

    assertArrayEquals(
        LoginSasl.PASSWORD, assertInstanceOf(Challenge.class, e.step(utf8("alice"))).data());
    assertInstanceOf(Complete.class, e.step(utf8("secret")));
  }

  @Test
  void cramMd5SendsAChallengeAndTakesUserAndDigest() {
    SaslMechanism.Exchange e = new CramMd5Sasl().begin(PASSWORDS);

    String challenge =
        new String(assertInstanceOf(Challenge.class, e.start()).data(), StandardCharsets.US_ASCII);
    assertTrue(challenge.matches("<[0-9a-f]{24}@pop\\.example>"), challenge);
    Credentials.CramMd5 c =
        (Credentials.CramMd5)
            assertInstanceOf(Complete.class, e.step(utf8("tim b913a602c7eda7a495b4e6e7334d3890")))
                .credentials();
    assertEquals("tim", c.user());
    assertEquals(challenge, c.challenge());
  }

  @Test
  void cramMd5RefusesAnInitialResponseAndAMalformedOne() {
    assertInstanceOf(Failed.class, new CramMd5Sasl().begin(PASSWORDS).step(utf8("tim 00")));
    SaslMechanism.Exchange e = new CramMd5Sasl().begin(PASSWORDS);
    e.start();
    assertInstanceOf(Failed.class, e.step(utf8("tim not-a-digest")));
  }

  @Test
  void rfc2195sExampleDigestMatchesItsSecret() {
    Credentials.CramMd5 c =
        new Credentials.CramMd5(
            "tim",
            "<1896.697170952@postoffice.reston.mci.net>",
            "b913a602c7eda7a495b4e6e7334d3890");

    assertTrue(c.matches(utf8("tanstaaftanstaaf")));
    assertFalse(c.matches(utf8("tanstaaf")));
  }

  @Test
  void oauthBearerTakesTheUserAndTheToken() {
    Credentials.BearerToken t =
        (Credentials.BearerToken)
            assertInstanceOf(
                    Complete.class,
                    OAuthBearerSasl.parseMessage(
                        "n,a=user@example.com,\u0001host=server.example.com\u0001port=110"
                            + "\u0001auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\u0001\u0001"))
                .credentials();

    assertEquals("user@example.com", t.user());
    assertEquals("vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==", t.token());
    assertFalse(t.toString().contains("vF9"), "the token never shows");
  }

  @Test
  void oauthBearerRefusesMalformedMessagesAndGivesTheJsonErrorOnFailure() {
    for (String bad :
        List.of(
            "\u0001",
            "n,,auth=Bearer x\u0001\u0001",
            "p=tls-unique,,\u0001auth=Bearer x\u0001\u0001",
            "n,,\u0001host=x\u0001\u0001")) {
      assertInstanceOf(Failed.class, OAuthBearerSasl.parseMessage(bad), bad);
    }
    assertEquals(
        "{\"status\":\"invalid_token\"}",
        new String(
            new OAuthBearerSasl().begin(PASSWORDS).failureChallenge().orElseThrow(),
            StandardCharsets.US_ASCII));
  }

  @Test
  void xoauth2TakesTheUserAndTheToken() {
    Credentials.BearerToken t =
        (Credentials.BearerToken)
            assertInstanceOf(
                    Complete.class,
                    XOAuth2Sasl.parseMessage(
                        "user=someuser@example.com\u0001auth=Bearer ya29.vF9dft4qmTc2\u0001\u0001"))
                .credentials();

    assertEquals("someuser@example.com", t.user());
    assertEquals("ya29.vF9dft4qmTc2", t.token());
    assertInstanceOf(Failed.class, XOAuth2Sasl.parseMessage("user=a\u0001\u0001"));
  }

  @Test
  void scramAsksTheContextForKeysAndEndsInAVerifiedUserWithTheServerFinal() {
    ScramKeys keys =
        ScramKeys.derive(
            "SHA-256",
            utf8("pencil"),
            java.util.Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="),
            4096);
    Map<String, ScramKeys> stored = Map.of("user", keys);
    SaslContext withKeys =
        new SaslContext() {
          private final SaslContext base =
              FixedSaslContext.of(
                  EnumSet.of(CredentialType.SCRAM_SHA_256, CredentialType.VERIFIED), null);

          @Override
          public Session session() {
            return null;
          }

          @Override
          public Set<CredentialType> accepted() {
            return base.accepted();
          }

          @Override
          public List<ChannelBinding> channelBindings() {
            return List.of();
          }

          @Override
          public boolean plusOffered() {
            return false;
          }

          @Override
          public Optional<ScramKeys> scramKeys(String user, String hash) {
            return Optional.ofNullable(stored.get(user));
          }

          @Override
          public byte[] serverSecret() {
            return new byte[16];
          }

          @Override
          public String hostName() {
            return "h";
          }

          @Override
          public SecureRandom random() {
            return new SecureRandom();
          }
        };
    SaslMechanism.Exchange e = new ScramSha256Sasl().begin(withKeys);

    assertInstanceOf(Challenge.class, e.start());
    String serverFirst =
        new String(
            assertInstanceOf(Challenge.class, e.step(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")))
                .data(),
            StandardCharsets.UTF_8);
    assertTrue(serverFirst.startsWith("r=rOprNGfwEbeRWgbNEkqO"), serverFirst);
    assertTrue(serverFirst.endsWith(",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"), serverFirst);
    // A random server nonce: a proof computed for RFC 7677's nonce cannot pass.
    assertInstanceOf(
        Failed.class,
        e.step(
            utf8(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                    + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")));
  }
}
