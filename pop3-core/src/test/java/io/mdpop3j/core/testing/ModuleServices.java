package io.mdpop3j.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that a module's {@code provides} clauses (used on the module path) name exactly the
 * providers that {@code @AutoService} registered in {@code META-INF/services} (used on the class
 * path), so the two ways of running the library find the same plug-ins.
 */
public final class ModuleServices {

  private ModuleServices() {}

  /** Fails unless the module that holds {@code anyClass} provides what its service files list. */
  public static void assertProvidesMatchServiceFiles(Class<?> anyClass)
      throws IOException, URISyntaxException {
    Path classes = Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    Map<String, Set<String>> provided = new TreeMap<>();
    for (ModuleDescriptor.Provides p : descriptor.provides()) {
      provided.put(p.service(), new TreeSet<>(p.providers()));
    }
    assertEquals(
        serviceFiles(classes.resolve("META-INF/services")),
        provided,
        "module-info.java of "
            + descriptor.name()
            + " must provide exactly what @AutoService registered");
  }

  private static Map<String, Set<String>> serviceFiles(Path dir) throws IOException {
    Map<String, Set<String>> registered = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return registered;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.collect(Collectors.toList())) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Set<String> providers =
            lines.stream()
                .map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        registered.put(file.getFileName().toString(), providers);
      }
    }
    return registered;
  }
}
