package io.mdpop3j.examples.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library modules resolve as real JPMS modules from their built jars, export only the supported
 * packages, and find each other's plug-ins through {@code provides}/{@code uses} as they do through
 * {@code META-INF/services} on the class path.
 */
class ModuleGraphIT {
  /**
   * nimbus-jose-jwt's module requires {@code jdk.crypto.ec}, which Java 24 and later no longer have
   * (its classes moved into java.base): there pop3-auth-oauth works on the class path only.
   */
  private static final boolean OAUTH_ON_MODULE_PATH =
      ModuleFinder.ofSystem().find("jdk.crypto.ec").isPresent();

  private static final Set<String> LIBRARY = library();

  private static Set<String> library() {
    Set<String> names =
        new TreeSet<>(
            Set.of(
                "io.mdpop3j.core",
                "io.mdpop3j.maildir",
                "io.mdpop3j.libc",
                "io.mdpop3j.auth.unix",
                "io.mdpop3j.auth.pam"));
    if (OAUTH_ON_MODULE_PATH) {
      names.add("io.mdpop3j.auth.oauth");
    }
    return Set.copyOf(names);
  }

  private static ModuleLayer layer;

  @BeforeAll
  static void loadTheModulesFromTheirJars() throws IOException {
    ModuleFinder finder = ModuleFinder.of(modulePath().toArray(Path[]::new));
    Configuration config =
        ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.ofSystem(), LIBRARY);
    layer =
        ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
  }

  /** The class path entries that are modules (named or automatic), less test classes. */
  private static List<Path> modulePath() throws IOException {
    List<Path> paths = new ArrayList<>();
    for (String entry :
        System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator), 0)) {
      Path path = Path.of(entry);
      if (path.toString().contains("test-classes") || path.toString().endsWith("-tests.jar")) {
        continue;
      }
      if (!OAUTH_ON_MODULE_PATH
          && ModuleFinder.of(path).findAll().stream()
              .map(r -> r.descriptor().name())
              .anyMatch(n -> n.equals("io.mdpop3j.auth.oauth") || n.startsWith("com.nimbusds"))) {
        continue;
      }
      if (Files.isDirectory(path) && Files.exists(path.resolve("module-info.class"))) {
        paths.add(path);
      } else if (entry.endsWith(".jar") && Files.isRegularFile(path) && isModule(path)) {
        paths.add(path);
      }
    }
    return paths;
  }

  private static boolean isModule(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile(), false, JarFile.OPEN_READ, Runtime.version())) {
      if (file.getEntry("module-info.class") != null
          || file.getEntry("META-INF/versions/9/module-info.class") != null) {
        return true;
      }
      var manifest = file.getManifest();
      return manifest != null
          && manifest.getMainAttributes().getValue("Automatic-Module-Name") != null;
    }
  }

  @Test
  void everyLibraryModuleIsAnExplicitModule() {
    for (String name : LIBRARY) {
      ModuleDescriptor descriptor = layer.findModule(name).orElseThrow().getDescriptor();
      assertFalse(descriptor.isAutomatic(), name + " has no module-info.class in its jar");
    }
  }

  @Test
  void coreExportsOnlyTheSupportedPackages() {
    ModuleDescriptor core = layer.findModule("io.mdpop3j.core").orElseThrow().getDescriptor();
    Set<String> exported =
        core.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(
            Set.of(
                "io.mdpop3j.core.spi",
                "io.mdpop3j.core.server",
                "io.mdpop3j.core.memory",
                "io.mdpop3j.core.wire")),
        exported);
    assertTrue(core.packages().contains("io.mdpop3j.core.protocol"));
  }

  @Test
  void libcIsExportedOnlyToTheAccountModules() {
    ModuleDescriptor libc = layer.findModule("io.mdpop3j.libc").orElseThrow().getDescriptor();
    for (ModuleDescriptor.Exports e : libc.exports()) {
      assertEquals(Set.of("io.mdpop3j.auth.unix", "io.mdpop3j.auth.pam"), e.targets());
    }
  }

  @Test
  void pluginsAreFoundThroughTheModuleGraph() throws Exception {
    assertEquals(
        Set.of(
            "io.mdpop3j.core.memory.MemoryMailStoreProvider",
            "io.mdpop3j.maildir.MaildirStoreProvider"),
        providers("io.mdpop3j.core.spi.MailStoreProvider"));
    assertEquals(
        Set.of(
            "io.mdpop3j.core.memory.MemoryAuthenticatorProvider",
            "io.mdpop3j.auth.unix.PasswdFileAuthenticatorProvider",
            "io.mdpop3j.auth.unix.UnixAuthenticatorProvider",
            "io.mdpop3j.auth.pam.PamAuthenticatorProvider"),
        providers("io.mdpop3j.core.spi.AuthenticatorProvider"));
    assertEquals(
        OAUTH_ON_MODULE_PATH
            ? Set.of(
                "io.mdpop3j.auth.oauth.JwtTokenValidatorProvider",
                "io.mdpop3j.auth.oauth.IntrospectionTokenValidatorProvider")
            : Set.of(),
        providers("io.mdpop3j.core.spi.BearerTokenValidatorProvider"));
  }

  @Test
  void theServerBuilderIsReachableAndTheEngineIsNot() throws Exception {
    Module core = layer.findModule("io.mdpop3j.core").orElseThrow();
    Module outsider = getClass().getModule();
    assertTrue(core.isExported("io.mdpop3j.core.server", outsider));
    assertFalse(core.isExported("io.mdpop3j.core.protocol", outsider));
    assertFalse(core.isExported("io.mdpop3j.core.sasl", outsider));
    Class<?> server =
        layer.findLoader("io.mdpop3j.core").loadClass("io.mdpop3j.core.server.Pop3Server");
    Object builder = server.getMethod("builder").invoke(null);
    assertEquals("io.mdpop3j.core.server.Pop3ServerBuilder", builder.getClass().getName());
  }

  private static Set<String> providers(String service) throws ClassNotFoundException {
    Class<?> type = layer.findLoader("io.mdpop3j.core").loadClass(service);
    return ServiceLoader.load(layer, type).stream()
        .map(p -> p.type().getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
