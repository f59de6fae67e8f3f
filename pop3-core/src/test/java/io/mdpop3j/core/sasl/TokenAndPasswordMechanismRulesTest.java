package io.mdpop3j.core.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.ChannelBinding;
import io.mdpop3j.core.spi.CredentialType;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslContext;
import io.mdpop3j.core.spi.SaslMechanism;
import io.mdpop3j.core.spi.ScramKeys;
import io.mdpop3j.core.spi.Session;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  /** An authenticator that checks only {@code accepted}. */
  private static SaslContext accepting(Set<CredentialType> accepted) {
    return new SaslContext() {
      @Override
      public Session session() {
        return null;
      }

      @Override
      public Set<CredentialType> accepted() {
        return accepted;
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
        return Optional.empty();
      }

      @Override
      public byte[] serverSecret() {
        return new byte[16];
      }

      @Override
      public String hostName() {
        return "pop.example";
      }

      @Override
      public SecureRandom random() {
        return new SecureRandom();
      }
    };
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
    assertTrue(mechanism.availableFor(accepting(EnumSet.of(CredentialType.BEARER_TOKEN))));
    assertFalse(mechanism.availableFor(accepting(EnumSet.of(CredentialType.PASSWORD))));
  }

  @Test
  void plainIsNotOfferedToAnAuthenticatorThatChecksNoPasswords() {
    assertFalse(new PlainSasl().availableFor(accepting(EnumSet.of(CredentialType.BEARER_TOKEN))));
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
    assertFalse(new LoginSasl().availableFor(accepting(EnumSet.of(CredentialType.BEARER_TOKEN))));
  }

  @Test
  void cramMd5RefusesAnInitialResponseBecauseTheServerSpeaksFirst() {
    SaslMechanism.Exchange exchange =
        new CramMd5Sasl().begin(accepting(EnumSet.of(CredentialType.CRAM_MD5)));

    assertInstanceOf(
        SaslMechanism.Failed.class,
        exchange.step(
            "alice b913a602c7eda7a495b4e6e7334d3890".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void cramMd5RefusesAResponseWithAnEmptyUserName() {
    SaslMechanism.Exchange exchange =
        new CramMd5Sasl().begin(accepting(EnumSet.of(CredentialType.CRAM_MD5)));
    exchange.start();

    assertInstanceOf(
        SaslMechanism.Failed.class,
        exchange.step(" b913a602c7eda7a495b4e6e7334d3890".getBytes(StandardCharsets.US_ASCII)));
  }
}
