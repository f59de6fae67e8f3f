package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.protocol.LoginThrottle.Admission;
import io.mdpop3j.core.protocol.SessionInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-address login penalty, on a clock the test moves. */
class LoginPenaltyTest {

  private long now = 1_000_000_000L;
  private final LoginPenalty penalty = new LoginPenalty(() -> now);

  private static SessionInfo from(String ip) {
    return new SessionInfo(
        "t", Optional.of(new InetSocketAddress(ip, 40000)), Optional.empty(), false, Map.of());
  }

  private void fail(String ip, int times) {
    for (int i = 0; i < times; i++) {
      penalty.failed(from(ip));
    }
  }

  private void advance(Duration d) {
    now += d.toNanos();
  }

  @Test
  void theFirstThreeFailuresCostNothing() {
    fail("192.0.2.1", 3 - 1);
    assertEquals(Admission.NOW, penalty.admit(from("192.0.2.1")));
  }

  @Test
  void afterTheFreeFailuresAttemptsAreAnsweredOneAtATime() {
    fail("192.0.2.1", 3);

    Admission first = penalty.admit(from("192.0.2.1"));
    Admission second = penalty.admit(from("192.0.2.1"));
    Admission third = penalty.admit(from("192.0.2.1"));

    assertEquals(Duration.ZERO, first.delay());
    assertEquals(LoginPenalty.FIRST_SPACING, second.delay());
    assertEquals(LoginPenalty.FIRST_SPACING.multipliedBy(2), third.delay());
  }

  @Test
  void theSpacingDoublesWithEachFailureUpToItsMaximum() {
    assertEquals(Duration.ofMillis(250), LoginPenalty.spacing(3));
    assertEquals(Duration.ofMillis(500), LoginPenalty.spacing(4));
    assertEquals(Duration.ofSeconds(1), LoginPenalty.spacing(5));
    assertEquals(LoginPenalty.MAX_SPACING, LoginPenalty.spacing(8));
    assertEquals(LoginPenalty.MAX_SPACING, LoginPenalty.spacing(1_000));
  }

  @Test
  void anotherAddressIsNeverSlowed() {
    fail("192.0.2.1", 10);

    assertEquals(Admission.NOW, penalty.admit(from("192.0.2.2")));
  }

  @Test
  void anIpv6ClientCountsByItsSlash64() {
    fail("2001:db8:1:2::1", 2);
    fail("2001:db8:1:2:ffff::9", 2);

    assertTrue(penalty.admit(from("2001:db8:1:2::77")).delay().isZero());
    assertTrue(penalty.admit(from("2001:db8:1:2::78")).delay().compareTo(Duration.ZERO) > 0);
    assertEquals(Admission.NOW, penalty.admit(from("2001:db8:1:3::1")));
  }

  @Test
  void anAttemptThatWouldWaitBeyondTheCapIsRefused() {
    fail("192.0.2.1", 20);
    Admission last = Admission.NOW;
    for (int i = 0; i < 10 && !last.refused(); i++) {
      last = penalty.admit(from("192.0.2.1"));
    }

    assertTrue(last.refused());
    assertEquals(LoginPenalty.MAX_WAIT, last.delay());
  }

  @Test
  void anAddressIsForgottenAQuarterHourAfterItsLastFailure() {
    fail("192.0.2.1", 10);
    advance(LoginPenalty.FORGET_AFTER.plusSeconds(1));

    assertEquals(Admission.NOW, penalty.admit(from("192.0.2.1")));
    assertEquals(0, penalty.addresses());
  }

  @Test
  void aSessionWithoutAKnownAddressIsNeitherSlowedNorRecorded() {
    SessionInfo pipes = new SessionInfo("t", Optional.empty(), Optional.empty(), false, Map.of());
    for (int i = 0; i < 10; i++) {
      penalty.failed(pipes);
    }

    assertEquals(Admission.NOW, penalty.admit(pipes));
    assertEquals(0, penalty.addresses());
  }

  @Test
  void theRecordKeepsAtMostItsBoundOfAddresses() {
    for (int i = 0; i < LoginPenalty.MAX_ADDRESSES + 50; i++) {
      penalty.failed(from("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff)));
    }

    assertEquals(LoginPenalty.MAX_ADDRESSES, penalty.addresses());
  }
}
