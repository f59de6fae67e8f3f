package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mdpop3j.core.testing.RawClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Maildir the server's user may not enter (root's, mode 0700) is unreadable, not incomplete: the
 * client is told "permission denied". Root reads everything, so the daemon runs in a child JVM as
 * uid and gid 65534 (setpriv), from a copy of the class path that user can read (the project may be
 * cloned into a 0700 home directory).
 */
@Timeout(60)
class UnreadableMaildirTest {
  static final int NOBODY = 65534;

  Path base;

  @BeforeEach
  void worldReadableBase() throws Exception {
    assumeTrue(
        Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
        "needs root, to start the daemon as another user");
    assumeTrue(
        Stream.of(System.getenv("PATH").split(File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, "setpriv"))),
        "needs setpriv (util-linux)");
    base = Files.createTempDirectory("mdpop3j-unreadable");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void removeBase() throws IOException {
    if (base != null) {
      try (Stream<Path> all = Files.walk(base)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** This test's class path, copied where any user can read it. */
  String readableClassPath() throws IOException {
    List<String> copies = new ArrayList<>();
    int n = 0;
    for (String entry :
        System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator), 0)) {
      Path from = Path.of(entry);
      if (!Files.exists(from)) {
        continue;
      }
      Path to = base.resolve("cp").resolve(Integer.toString(n++)).resolve(from.getFileName());
      Files.createDirectories(to.getParent());
      try (Stream<Path> tree = Files.walk(from)) {
        for (Path p : tree.toList()) {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        }
      }
      copies.add(to.toString());
    }
    try (Stream<Path> all = Files.walk(base.resolve("cp"))) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return String.join(File.pathSeparator, copies);
  }

  @Test
  void aMaildirTheServerUserCannotEnterIsPermissionDeniedNotIncomplete() throws Exception {
    Path home = Files.createDirectory(base.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    TestMaildir maildir = TestMaildir.create(home);
    maildir.put("new", "1700000001.M1P1.host", "one\n", 1);
    Files.setPosixFilePermissions(maildir.dir, PosixFilePermissions.fromString("rwx------"));
    List<String> asNobody =
        List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups");
    try (ChildJvm child =
        ChildJvm.start(
            asNobody, readableClassPath(), null, ServeMaildirMain.class, home.toString())) {
      child.readLine(); // jnu=
      String line = child.readLine();
      assertTrue(line != null && line.startsWith("PORT "), line + "\n" + child.stderr());
      try (RawClient c = RawClient.connect(Integer.parseInt(line.substring(5)))) {
        c.expectOk(c.readLine());
        c.expectOk(c.command("USER alice"));
        assertEquals(
            "-ERR [SYS/PERM] Maildir cannot be read: permission denied.", c.command("PASS secret"));
      }
    }
    assertEquals(List.of("1700000001.M1P1.host"), maildir.names("new"), "nothing changed");
  }
}
