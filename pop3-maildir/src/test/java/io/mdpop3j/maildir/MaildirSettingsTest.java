package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.maildir.MaildirSettings.LockMode;
import io.mdpop3j.maildir.MaildirSettings.Missing;
import io.mdpop3j.maildir.MaildirSettings.Sizes;
import io.mdpop3j.maildir.MaildirSettings.StampTrust;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MaildirSettingsTest {

  /** Nothing at its default, so that a copy that falls back to a default shows. */
  private static final MaildirSettings BASE =
      new MaildirSettings(
          "Mail",
          Missing.FAIL,
          Sizes.STAT,
          false,
          false,
          LockMode.NONE,
          Duration.ofMinutes(3),
          "pop9",
          false,
          false,
          StampTrust.NEVER);

  @Test
  void eachWithChangesItsOwnSettingAndKeepsTheOthers() throws Exception {
    assertEquals(Set.of("subdir"), changed(BASE, BASE.withSubdir(".")));
    assertEquals(Set.of("missing"), changed(BASE, BASE.withMissing(Missing.EMPTY)));
    assertEquals(Set.of("sizes"), changed(BASE, BASE.withSizes(Sizes.EXACT)));
    assertEquals(Set.of("moveNew"), changed(BASE, BASE.withMoveNew(true)));
    assertEquals(Set.of("markSeen"), changed(BASE, BASE.withMarkSeen(true)));
    assertEquals(Set.of("lock"), changed(BASE, BASE.withLock(LockMode.SESSION)));
    assertEquals(
        Set.of("lockStaleAfter"), changed(BASE, BASE.withLockStaleAfter(Duration.ofSeconds(5))));
    assertEquals(Set.of("lockHost"), changed(BASE, BASE.withLockHost("")));
    assertEquals(Set.of("tmpCleanup"), changed(BASE, BASE.withTmpCleanup(true)));
    assertEquals(Set.of("sizeCache"), changed(BASE, BASE.withSizeCache(true)));
    assertEquals(
        Set.of("trustFolderStamps"), changed(BASE, BASE.withTrustFolderStamps(StampTrust.AUTO)));
  }

  @Test
  void builderStartsFromTheDefaults() {
    assertEquals(
        new MaildirSettings(
            "Maildir",
            Missing.CREATE,
            Sizes.EXACT,
            true,
            true,
            LockMode.SESSION,
            MaildirSettings.DEFAULT_LOCK_STALE_AFTER,
            "",
            true,
            true,
            StampTrust.AUTO),
        MaildirSettings.builder().build());
  }

  @Test
  void toBuilderKeepsEverySetting() {
    assertEquals(BASE, BASE.toBuilder().build());
  }

  @Test
  void builderChecksAsTheConstructorDoes() {
    assertThrows(IllegalArgumentException.class, () -> BASE.toBuilder().subdir("").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> BASE.toBuilder().lockStaleAfter(Duration.ofMillis(10)).build());
    assertThrows(NullPointerException.class, () -> BASE.toBuilder().lock(null).build());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BASE.toBuilder().lockHost("pop\n1").build());
    assertTrue(e.getMessage().contains("printable ASCII"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> BASE.toBuilder().lockHost("x".repeat(256)).build());
  }

  /** The names of the components in which {@code a} and {@code b} differ. */
  private static Set<String> changed(MaildirSettings a, MaildirSettings b) throws Exception {
    Set<String> names = new TreeSet<>();
    for (RecordComponent c : MaildirSettings.class.getRecordComponents()) {
      if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
        names.add(c.getName());
      }
    }
    return names;
  }
}
