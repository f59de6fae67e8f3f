package io.mdpop3j.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticatorProvider;
import io.mdpop3j.core.memory.MemoryMailStoreProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Provider settings: short keys inside, full keys ({@code maildir.subdir}) in every error. */
class SettingsTest {

  private static Settings maildir(Map<String, String> values) {
    return Settings.of("maildir", values);
  }

  @Test
  void anUnknownKeyIsNamedInFullWithTheKeysAccepted() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> maildir(Map.of("xyz", "1")).requireOnly(Set.of("subdir", "move-new")));
    assertEquals("unknown setting maildir.xyz; maildir accepts move-new, subdir", e.getMessage());
  }

  @Test
  void aBadBooleanNamesTheKeyTheValueAndTheChoices() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> maildir(Map.of("move-new", "maybe")).getBoolean("move-new", false));
    assertEquals(
        "setting maildir.move-new has value 'maybe'; expected true or false", e.getMessage());
  }

  @Test
  void booleansAcceptTheUsualSpellings() {
    for (String yes : List.of("true", "YES", "on", "1")) {
      assertTrue(maildir(Map.of("k", yes)).getBoolean("k", false), yes);
    }
    for (String no : List.of("false", "No", "off", "0")) {
      assertFalse(maildir(Map.of("k", no)).getBoolean("k", true), no);
    }
    assertTrue(maildir(Map.of()).getBoolean("k", true));
  }

  @Test
  void integersAreRangeChecked() {
    assertEquals(7, maildir(Map.of("n", " 7 ")).getInt("n", 1, 1, 10));
    assertEquals(3, maildir(Map.of()).getInt("n", 3, 1, 10));
    InvalidSettingException high =
        assertThrows(
            InvalidSettingException.class, () -> maildir(Map.of("n", "11")).getInt("n", 1, 1, 10));
    assertEquals(
        "setting maildir.n has value '11'; expected a whole number from 1 to 10",
        high.getMessage());
    InvalidSettingException text =
        assertThrows(
            InvalidSettingException.class, () -> maildir(Map.of("n", "ten")).getInt("n", 1, 1, 10));
    assertTrue(text.getMessage().startsWith("setting maildir.n has value 'ten'"));
  }

  @Test
  void durationsTakeAUnitAndABareNumberIsSeconds() {
    Settings s =
        maildir(
            Map.of(
                "a", "30s", "b", "500ms", "c", "10m", "d", "36h", "e", "2d", "f", "15", "g",
                "5 min"));
    assertEquals(Duration.ofSeconds(30), s.getDuration("a", null));
    assertEquals(Duration.ofMillis(500), s.getDuration("b", null));
    assertEquals(Duration.ofMinutes(10), s.getDuration("c", null));
    assertEquals(Duration.ofHours(36), s.getDuration("d", null));
    assertEquals(Duration.ofDays(2), s.getDuration("e", null));
    assertEquals(Duration.ofSeconds(15), s.getDuration("f", null));
    assertEquals(Duration.ofMinutes(5), s.getDuration("g", null));
    assertEquals(Duration.ofSeconds(1), s.getDuration("unset", Duration.ofSeconds(1)));
  }

  @Test
  void aBadDurationNamesTheKeyAndAnExample() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> Settings.of("timeout", Map.of("idle", "ten minutes")).getDuration("idle", null));
    assertEquals(
        "setting timeout.idle has value 'ten minutes'; expected a duration such as 30s, 500ms,"
            + " 10m or 36h",
        e.getMessage());
    assertThrows(
        InvalidSettingException.class,
        () -> Settings.of("timeout", Map.of("idle", "10y")).getDuration("idle", null));
  }

  @Test
  void choicesAreCaseInsensitiveAndReturnedAsDeclared() {
    assertEquals(
        "Strict",
        maildir(Map.of("mode", " strict")).getChoice("mode", "x", List.of("Strict", "Lax")));
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () ->
                maildir(Map.of("mode", "loose")).getChoice("mode", "x", List.of("strict", "lax")));
    assertEquals(
        "setting maildir.mode has value 'loose'; expected one of lax, strict", e.getMessage());
  }

  @Test
  void aMissingRequiredSettingIsNamedInFull() {
    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> Settings.empty("pam").require("service"));
    assertEquals("setting pam.service is required", e.getMessage());
    assertThrows(
        InvalidSettingException.class,
        () -> Settings.of("pam", Map.of("service", "")).require("service"));
    assertEquals("pop3", Settings.of("pam", Map.of("service", "pop3")).require("service"));
  }

  @Test
  void fromPrefixedPicksOnlyTheProvidersKeys() {
    Settings s =
        Settings.fromPrefixed(
            "maildir",
            Map.of(
                "maildir.subdir",
                "Mail",
                "pam.service",
                "pop3",
                "maildirx.y",
                "z",
                "maildir",
                "v"));
    assertEquals(Map.of("subdir", "Mail"), s.asMap());
    assertEquals("maildir", s.provider());
    assertEquals("maildir.subdir", s.fullKey("subdir"));
  }

  @Test
  void withAddsASettingWithoutChangingTheOriginal() {
    Settings a = Settings.empty("memory");
    Settings b = a.with("users", "alice:pw");
    assertTrue(a.asMap().isEmpty());
    assertEquals("alice:pw", b.get("users", ""));
    assertThrows(UnsupportedOperationException.class, () -> b.asMap().put("x", "y"));
  }

  @Test
  void theMemoryProvidersReportBadSettingsByFullKey() {
    InvalidSettingException pairs =
        assertThrows(
            InvalidSettingException.class,
            () ->
                new MemoryAuthenticatorProvider()
                    .create(Settings.of("memory", Map.of("users", "alice"))));
    assertEquals(
        "setting memory.users has value 'alice'; expected comma-separated user:password pairs",
        pairs.getMessage());
    InvalidSettingException unknown =
        assertThrows(
            InvalidSettingException.class,
            () -> new MemoryMailStoreProvider().create(Settings.of("memory", Map.of("size", "1"))));
    assertTrue(
        unknown.getMessage().startsWith("unknown setting memory.size;"), unknown.getMessage());
  }

  @Test
  void toStringHidesTheValuesOfSecretsAndPasswords() {
    Settings s =
        Settings.of(
            "oauth",
            Map.of("client-secret", "s3cr3t", "keystore-password", "pw", "issuer", "https://id"));

    String text = s.toString();

    assertTrue(text.contains("issuer=https://id"), text);
    assertFalse(text.contains("s3cr3t"), text);
    assertFalse(text.contains("=pw"), text);
  }
}
