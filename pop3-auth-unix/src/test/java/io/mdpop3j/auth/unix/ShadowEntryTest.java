package io.mdpop3j.auth.unix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.auth.unix.NssLookup.ShadowEntry;
import org.junit.jupiter.api.Test;

/** The expiry rules of pam_unix, as shadow(5) fields give them. */
class ShadowEntryTest {

  private static ShadowEntry entry(long lastChange, long max, long inactive, long expire) {
    return new ShadowEntry("u", "$6$x$y", lastChange, max, inactive, expire);
  }

  @Test
  void accountExpiresOnItsExpiryDay() {
    assertFalse(entry(100, -1, -1, 200).accountExpired(199));
    assertTrue(entry(100, -1, -1, 200).accountExpired(200));
    assertFalse(entry(100, -1, -1, -1).accountExpired(1_000_000));
  }

  @Test
  void accountExpiresWhenThePasswordExpiredLongerThanTheInactivePeriod() {
    assertFalse(entry(100, 10, 5, -1).accountExpired(115));
    assertTrue(entry(100, 10, 5, -1).accountExpired(116));
  }

  @Test
  void passwordAgeingAloneDoesNotExpireTheAccount() {
    assertFalse(entry(100, 10, -1, -1).accountExpired(10_000));
    // lastChange 0 means "change at next login", not an expired account.
    assertFalse(entry(0, 10, 5, -1).accountExpired(10_000));
  }
}
