package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.spi.InvalidSettingException;
import io.mdpop3j.core.spi.MailStoreProvider;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.maildir.MaildirSettings.LockMode;
import io.mdpop3j.maildir.MaildirSettings.Missing;
import io.mdpop3j.maildir.MaildirSettings.Sizes;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProviderTest {

  @Test
  void serviceLoaderFindsTheMaildirProvider() {
    boolean found = false;
    for (MailStoreProvider p : ServiceLoader.load(MailStoreProvider.class)) {
      if (p.name().equals("maildir")) {
        assertInstanceOf(MaildirStore.class, p.create(Settings.empty("maildir")));
        found = true;
      }
    }
    assertTrue(found);
  }

  @Test
  void noSettingsMeansTheDocumentedDefaults() {
    MaildirSettings s = MaildirSettings.from(Settings.empty("maildir"));
    assertEquals(MaildirSettings.defaults(), s);
    assertEquals("Maildir", s.subdir());
    assertEquals(Missing.CREATE, s.missing());
    assertEquals(Sizes.EXACT, s.sizes());
    assertTrue(s.moveNew() && s.markSeen() && s.tmpCleanup() && s.sizeCache());
    assertEquals(MaildirSettings.StampTrust.AUTO, s.trustFolderStamps());
    assertEquals(LockMode.SESSION, s.lock());
    assertEquals(Duration.ofMinutes(10), s.lockStaleAfter());
  }

  @Test
  void everySettingIsRead() {
    MaildirSettings s =
        MaildirSettings.from(
            Settings.of(
                "maildir",
                Map.ofEntries(
                    Map.entry("subdir", "."),
                    Map.entry("missing", "EMPTY"),
                    Map.entry("sizes", "stat"),
                    Map.entry("move-new", "no"),
                    Map.entry("mark-seen", "false"),
                    Map.entry("lock", "none"),
                    Map.entry("lock-stale-after", "90s"),
                    Map.entry("lock-host", "pop1.example.org"),
                    Map.entry("tmp-cleanup", "off"),
                    Map.entry("size-cache", "0"),
                    Map.entry("trust-folder-stamps", "Never"))));
    assertEquals(
        new MaildirSettings(
            ".",
            Missing.EMPTY,
            Sizes.STAT,
            false,
            false,
            LockMode.NONE,
            Duration.ofSeconds(90),
            "pop1.example.org",
            false,
            false,
            MaildirSettings.StampTrust.NEVER),
        s);
  }

  @Test
  void unknownSettingIsRefusedNamingTheFullKey() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> new MaildirStoreProvider().create(Settings.of("maildir", Map.of("subdri", "x"))));
    assertTrue(e.getMessage().contains("maildir.subdri"), e.getMessage());
    assertTrue(e.getMessage().contains("subdir"), e.getMessage());
  }

  @Test
  void badValuesNameTheKeyAndTheAcceptedValues() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> MaildirSettings.from(Settings.of("maildir", Map.of("missing", "maybe"))));
    assertTrue(e.getMessage().contains("maildir.missing"), e.getMessage());
    assertTrue(e.getMessage().contains("create, empty, fail"), e.getMessage());
    e =
        assertThrows(
            InvalidSettingException.class,
            () -> MaildirSettings.from(Settings.of("maildir", Map.of("lock-stale-after", "0s"))));
    assertTrue(e.getMessage().contains("maildir.lock-stale-after"), e.getMessage());
    e =
        assertThrows(
            InvalidSettingException.class,
            () -> MaildirSettings.from(Settings.of("maildir", Map.of("lock-host", "pop 1"))));
    assertTrue(e.getMessage().contains("maildir.lock-host"), e.getMessage());
    assertTrue(e.getMessage().contains("without spaces"), e.getMessage());
    assertThrows(
        InvalidSettingException.class,
        () -> MaildirSettings.from(Settings.of("maildir", Map.of("subdir", ""))));
    e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                MaildirSettings.from(
                    Settings.of("maildir", Map.of("trust-folder-stamps", "sometimes"))));
    assertTrue(e.getMessage().contains("maildir.trust-folder-stamps"), e.getMessage());
    assertTrue(e.getMessage().contains("always, auto, never"), e.getMessage());
  }
}
