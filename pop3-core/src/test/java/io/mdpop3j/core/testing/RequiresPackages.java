package io.mdpop3j.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Debian packages (names from {@code tools/test-packages}) a test class or method runs. Before
 * it runs, each is looked for; a missing one fails it with one line naming the package to install,
 * instead of the load errors or empty output of a tool that is not there.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PackageCheck.class)
public @interface RequiresPackages {

  /** Package names, as {@code tools/test-packages} lists them. */
  String[] value();
}
