package io.mdpop3j.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryAuthenticatorProvider;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.memory.MemoryMailStoreProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding plug-ins by name: explicit registrations, then ServiceLoader. */
class ProviderRegistryTest {

  private static final ClassLoader LOADER = ProviderRegistryTest.class.getClassLoader();

  /** A second provider that claims the name {@code memory}. */
  public static final class RivalMemoryProvider implements MailStoreProvider {
    @Override
    public String name() {
      return "memory";
    }

    @Override
    public MailStore create(Settings settings) {
      return new MemoryMailStore();
    }
  }

  /** A provider whose constructor fails, as one with a missing native library would. */
  public static final class BrokenProvider implements MailStoreProvider {
    public BrokenProvider() {
      throw new IllegalStateException("cannot load libfoo");
    }

    @Override
    public String name() {
      return "broken";
    }

    @Override
    public MailStore create(Settings settings) {
      throw new AssertionError();
    }
  }

  /** A well-behaved provider listed after the broken ones. */
  public static final class FineProvider implements MailStoreProvider {
    @Override
    public String name() {
      return "fine";
    }

    @Override
    public MailStore create(Settings settings) {
      return new MemoryMailStore();
    }
  }

  /** A class loader that also sees a services file listing {@code classes}. */
  private static ClassLoader withServices(Path dir, String... classes) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(MailStoreProvider.class.getName()), String.join("\n", classes) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER);
  }

  @Test
  void findsTheMemoryProvidersByNameThroughServiceLoader() {
    assertInstanceOf(
        MemoryMailStoreProvider.class, ProviderRegistry.mailStores(LOADER).find("memory"));
    assertInstanceOf(
        MemoryAuthenticatorProvider.class, ProviderRegistry.authenticators(LOADER).find("memory"));
    assertTrue(ProviderRegistry.mailStores(LOADER).names().contains("memory"));
  }

  @Test
  void theMemoryProvidersMakeWorkingPlugIns() {
    MailStore store =
        ProviderRegistry.mailStores(LOADER).find("memory").create(Settings.empty("memory"));
    assertInstanceOf(MemoryMailStore.class, store);
    Authenticator auth =
        ProviderRegistry.authenticators(LOADER)
            .find("memory")
            .create(Settings.of("memory", Map.of("users", "alice:se:cret, bob:pw")));
    assertInstanceOf(MemoryAuthenticator.class, auth);
    assertInstanceOf(
        AuthResult.Success.class,
        auth.authenticate(null, Credentials.Password.of("alice", "se:cret")));
    assertInstanceOf(
        AuthResult.Success.class, auth.authenticate(null, Credentials.Password.of("bob", "pw")));
  }

  @Test
  void anUnknownNameIsAnErrorListingTheNamesAvailable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProviderRegistry.mailStores(LOADER).find("nosuch"));
    assertEquals("unknown mail store provider 'nosuch'; available: memory", e.getMessage());
    IllegalArgumentException a =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProviderRegistry.authenticators(LOADER).find("pam"));
    assertTrue(a.getMessage().contains("authenticator provider 'pam'"), a.getMessage());
    assertTrue(a.getMessage().contains("available: memory"), a.getMessage());
  }

  @Test
  void anExplicitRegistrationWinsOverServiceLoader() {
    RivalMemoryProvider mine = new RivalMemoryProvider();
    ProviderRegistry<MailStoreProvider> registry =
        ProviderRegistry.mailStores(LOADER).register(mine);
    assertSame(mine, registry.find("memory"));
  }

  @Test
  void explicitRegistrationsAreListedAmongTheNames() {
    ProviderRegistry<MailStoreProvider> registry =
        ProviderRegistry.mailStores(LOADER).register(new FineProvider());
    assertEquals(Set.of("fine", "memory"), registry.names());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> registry.find("x"));
    assertTrue(e.getMessage().endsWith("available: fine, memory"), e.getMessage());
  }

  @Test
  void twoDiscoveredProvidersForOneNameAreAnErrorNamingBoth(@TempDir Path dir) throws Exception {
    ClassLoader loader = withServices(dir, RivalMemoryProvider.class.getName());
    ProviderRegistry<MailStoreProvider> registry = ProviderRegistry.mailStores(loader);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> registry.find("memory"));
    assertTrue(e.getMessage().contains("'memory'"), e.getMessage());
    assertTrue(e.getMessage().contains(MemoryMailStoreProvider.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(RivalMemoryProvider.class.getName()), e.getMessage());
    // The host resolves it by choosing one explicitly.
    MemoryMailStoreProvider chosen = new MemoryMailStoreProvider();
    assertSame(chosen, registry.register(chosen).find("memory"));
  }

  @Test
  void brokenProvidersAreSkippedAndTheRestStillFound(@TempDir Path dir) throws Exception {
    ClassLoader loader =
        withServices(
            dir,
            "io.mdpop3j.nowhere.MissingProvider",
            BrokenProvider.class.getName(),
            FineProvider.class.getName());
    ProviderRegistry<MailStoreProvider> registry = ProviderRegistry.mailStores(loader);
    assertInstanceOf(FineProvider.class, registry.find("fine"));
    assertInstanceOf(MemoryMailStoreProvider.class, registry.find("memory"));
    assertEquals(Set.of("fine", "memory"), registry.names());
  }
}
