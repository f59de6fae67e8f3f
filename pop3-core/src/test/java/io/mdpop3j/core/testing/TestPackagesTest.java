package io.mdpop3j.core.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared check behind {@link RequiresPackages}. */
class TestPackagesTest {

  private static final Map<String, String> TABLE =
      Map.of(
          "sh-package", "command sh",
          "absent-tool", "command mdpop3j-no-such-tool",
          "absent-library", "file /usr/lib/*/libmdpop3j-no-such-library.so.9");

  @Test
  void aMissingPackageFailsWithOneLineThatNamesItAndHowToInstallIt() {
    TestPackages.Missing e =
        assertThrows(
            TestPackages.Missing.class,
            () -> TestPackages.require(TABLE, "sh-package", "absent-tool"));
    assertEquals(
        "missing Debian package absent-tool (command mdpop3j-no-such-tool not found): run"
            + " tools/run-tests as root, or apt-get install absent-tool",
        e.getMessage());
    assertEquals(0, e.getStackTrace().length, "one line, no stack");
  }

  @Test
  void everyMissingPackageIsNamedInTheSameLine() {
    TestPackages.Missing e =
        assertThrows(
            TestPackages.Missing.class,
            () -> TestPackages.require(TABLE, "absent-tool", "absent-library"));
    assertTrue(
        e.getMessage().endsWith("apt-get install absent-tool absent-library"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aPackageMissingFromTheTableIsAFailureThatSaysWhereToAddIt() {
    TestPackages.Missing e =
        assertThrows(TestPackages.Missing.class, () -> TestPackages.require(TABLE, "unlisted"));
    assertTrue(e.getMessage().contains("tools/test-packages"), e.getMessage());
  }

  @Test
  void installedPackagesPass() {
    assertDoesNotThrow(() -> TestPackages.require(TABLE, "sh-package"));
  }

  @Test
  void aFileProbeMayNameTheMultiarchDirectoryWithAStar() {
    assertTrue(TestPackages.present("file /usr/lib/*/../../bin/sh"));
    assertFalse(TestPackages.present("file /usr/lib/*/libmdpop3j-no-such-library.so.9"));
  }

  @Test
  void theProjectTableHasAProbeOfAKnownKindForEveryPackage() {
    Map<String, String> table = TestPackages.table();
    assertTrue(table.containsKey("libpam-wrapper"), table.toString());
    table.values().forEach(probe -> assertDoesNotThrow(() -> TestPackages.present(probe), probe));
  }
}
