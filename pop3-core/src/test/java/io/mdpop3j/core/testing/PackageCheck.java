package io.mdpop3j.core.testing;

import java.lang.reflect.AnnotatedElement;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks {@link RequiresPackages}: a class's packages once before its tests (one failure for the
 * class, not one per test), a method's before that method.
 */
final class PackageCheck implements BeforeAllCallback, BeforeEachCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    check(context.getRequiredTestClass());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    check(context.getRequiredTestMethod());
  }

  private static void check(AnnotatedElement element) {
    RequiresPackages required = element.getAnnotation(RequiresPackages.class);
    if (required != null) {
      TestPackages.require(required.value());
    }
  }
}
