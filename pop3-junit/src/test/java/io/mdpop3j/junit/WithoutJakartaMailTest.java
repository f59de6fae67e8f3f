package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Mail is optional: with the module's test class path less the Jakarta Mail and Angus jars,
 * the extension still loads, reflects, starts and serves mail.
 */
class WithoutJakartaMailTest {
  private static URLClassLoader loaderWithoutJakartaMail() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry :
        System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator), 0)) {
      String name = new File(entry).getName();
      if (!name.startsWith("jakarta.mail") && !name.startsWith("angus-")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void extensionServesMailWithoutJakartaMailOnTheClassPath() throws Exception {
    try (URLClassLoader loader = loaderWithoutJakartaMail()) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("jakarta.mail.Message"));
      assertTrue(
          System.getProperty("java.class.path").contains("jakarta.mail"),
          "the test class path itself should have Jakarta Mail, or this proves nothing");

      @SuppressWarnings("unchecked")
      Supplier<String> probe =
          (Supplier<String>)
              loader
                  .loadClass(WithoutJakartaMailProbe.class.getName())
                  .getConstructor()
                  .newInstance();
      String stat = probe.get();

      assertTrue(stat.startsWith("+OK 1 "), stat);
    }
  }

  @Test
  void onlyTheJakartaMailClassesNeedJakartaMail() throws Exception {
    try (URLClassLoader loader = loaderWithoutJakartaMail()) {
      for (Class<?> jakartaOnly : List.of(JakartaMailDelivery.class, MimeMessages.class)) {
        Class<?> c = Class.forName(jakartaOnly.getName(), false, loader);
        assertThrows(NoClassDefFoundError.class, c::getDeclaredMethods);
      }
      assertEquals(
          loader, Class.forName(Pop3Extension.class.getName(), true, loader).getClassLoader());
    }
  }
}
