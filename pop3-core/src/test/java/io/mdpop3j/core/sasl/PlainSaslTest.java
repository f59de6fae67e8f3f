package io.mdpop3j.core.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.SaslMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SASL PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd}. */
class PlainSaslTest {

  private static SaslMechanism.Step step(String message) {
    return new PlainSasl().begin(null).step(message.getBytes(StandardCharsets.UTF_8));
  }

  private static Credentials.Password password(SaslMechanism.Step step) {
    SaslMechanism.Complete complete = assertInstanceOf(SaslMechanism.Complete.class, step);
    return assertInstanceOf(Credentials.Password.class, complete.credentials());
  }

  @Test
  void isAPlaintextMechanismCalledPlain() {
    assertEquals("PLAIN", new PlainSasl().name());
    assertTrue(new PlainSasl().sendsReusableSecret());
  }

  @Test
  void decodesUserAndPasswordWithoutAuthorizationId() {
    Credentials.Password p = password(step("\0alice\0se cret"));
    assertEquals("alice", p.user());
    assertArrayEquals("se cret".getBytes(StandardCharsets.UTF_8), p.password());
    assertEquals(Optional.empty(), p.authorizationId());
  }

  @Test
  void anAuthorizationIdEqualToTheUserIsDropped() {
    assertEquals(Optional.empty(), password(step("alice\0alice\0pw")).authorizationId());
  }

  @Test
  void aDifferentAuthorizationIdIsKept() {
    assertEquals(Optional.of("bob"), password(step("bob\0alice\0pw")).authorizationId());
  }

  @Test
  void keepsUtf8Passwords() {
    assertArrayEquals(
        "p\u00e4ss".getBytes(StandardCharsets.UTF_8), password(step("\0u\0p\u00e4ss")).password());
  }

  @Test
  void failsWithTooFewOrTooManyNuls() {
    assertInstanceOf(SaslMechanism.Failed.class, step("alice"));
    assertInstanceOf(SaslMechanism.Failed.class, step("alice\0pw"));
    assertInstanceOf(SaslMechanism.Failed.class, step("\0alice\0pw\0x"));
    assertInstanceOf(SaslMechanism.Failed.class, step(""));
  }

  @Test
  void wipesTheClientMessageAfterDecoding() {
    byte[] message = "\0alice\0pw".getBytes(StandardCharsets.UTF_8);
    new PlainSasl().begin(null).step(message);
    assertArrayEquals(new byte[message.length], message);
  }
}
