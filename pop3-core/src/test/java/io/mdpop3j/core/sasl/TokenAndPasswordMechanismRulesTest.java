package io.mdpop3j.core.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OAUTHBEARER's GS2 header and 0x01-framed key/value pairs (RFC 7628 section 3.1), XOAUTH2's pairs,
 * CRAM-MD5's order and response form (RFC 2195), and when each mechanism is offered at all.
 */
class TokenAndPasswordMechanismRulesTest {

  private static SaslMechanism.Step xoauth2(String message) {
    return new XOAuth2Sasl().begin(null).step(message.getBytes(StandardCharsets.UTF_8));
  }

  private static SaslMechanism.Step bearer(String message) {
    return new OAuthBearerSasl().begin(null).step(message.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBearerTokenWithAnAuthorizationIdNamesTheUser() {
    Credentials.BearerToken token =
        assertInstanceOf(
            Credentials.BearerToken.class,
            assertInstanceOf(
                    SaslMechanism.Complete.class,
                    bearer("n,a=alice=2Cjr,\u0001host=pop\u0001auth=Bearer t0ken\u0001\u0001"))
                .credentials());

    assertEquals("alice,jr", token.user());
    assertEquals("t0ken", token.token());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // an authzid that is not a=saslname
        "n,b=alice,\u0001auth=Bearer t\u0001\u0001",
        "n,a=al=ice,\u0001auth=Bearer t\u0001\u0001",
        // channel binding asked for (p=), or no GS2 header at all
        "p=tls-unique,,\u0001auth=Bearer t\u0001\u0001",
        "\u0001auth=Bearer t\u0001\u0001",
        // the pairs not framed by 0x01
        "n,,auth=Bearer t",
        "n,,Xauth=Bearer t0kenYY",
        "n,,\u0001auth=Bearer t\u0001",
        // no token, or an empty one
        "n,,\u0001host=pop\u0001\u0001",
        "n,,\u0001auth=Bearer  \u0001\u0001",
      })
  void aBearerMessageBreakingTheSyntaxFails(String message) {
    assertInstanceOf(SaslMechanism.Failed.class, bearer(message), message);
  }

  @Test
  void aBearerTokenIsAReusableSecretOfferedOnlyToAnAuthenticatorThatChecksTokens() {
    OAuthBearerSasl mechanism = new OAuthBearerSasl();

    assertTrue(mechanism.sendsReusableSecret());
    assertTrue(
        mechanism.availableFor(FixedSaslContext.of(EnumSet.of(CredentialType.BEARER_TOKEN), null)));
    assertFalse(
        mechanism.availableFor(FixedSaslContext.of(EnumSet.of(CredentialType.PASSWORD), null)));
  }

  @Test
  void plainIsNotOfferedToAnAuthenticatorThatChecksNoPasswords() {
    assertFalse(
        new PlainSasl()
            .availableFor(FixedSaslContext.of(EnumSet.of(CredentialType.BEARER_TOKEN), null)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // not ended by 0x01 0x01
        "user=alice\u0001auth=Bearer t\u0001",
        "user=alice\u0001auth=Bearer t0kenYY",
        // no user, an empty user, no token, an empty token
        "auth=Bearer t\u0001\u0001",
        "user=\u0001auth=Bearer t\u0001\u0001",
        "user=alice\u0001\u0001",
        "user=alice\u0001auth=Bearer  \u0001\u0001",
      })
  void anXOAuth2MessageBreakingTheSyntaxFails(String message) {
    assertInstanceOf(SaslMechanism.Failed.class, xoauth2(message), message);
  }

  @Test
  void anXOAuth2TokenIsAReusableSecretAndAFailureGetsAnErrorChallenge() {
    XOAuth2Sasl mechanism = new XOAuth2Sasl();

    assertTrue(mechanism.sendsReusableSecret());
    // Google's form: the client must answer an error challenge with an empty line.
    assertTrue(mechanism.begin(null).failureChallenge().isPresent());
  }

  @Test
  void loginIsNotOfferedToAnAuthenticatorThatChecksNoPasswords() {
    assertFalse(
        new LoginSasl()
            .availableFor(FixedSaslContext.of(EnumSet.of(CredentialType.BEARER_TOKEN), null)));
  }

  @Test
  void cramMd5RefusesAnInitialResponseBecauseTheServerSpeaksFirst() {
    SaslMechanism.Exchange exchange =
        new CramMd5Sasl().begin(FixedSaslContext.of(EnumSet.of(CredentialType.CRAM_MD5), null));

    assertInstanceOf(
        SaslMechanism.Failed.class,
        exchange.step(
            "alice b913a602c7eda7a495b4e6e7334d3890".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void cramMd5RefusesAResponseWithAnEmptyUserName() {
    SaslMechanism.Exchange exchange =
        new CramMd5Sasl().begin(FixedSaslContext.of(EnumSet.of(CredentialType.CRAM_MD5), null));
    exchange.start();

    assertInstanceOf(
        SaslMechanism.Failed.class,
        exchange.step(" b913a602c7eda7a495b4e6e7334d3890".getBytes(StandardCharsets.US_ASCII)));
  }
}
