package io.mdpop3j.examples.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One virtual user {@code vera} in a passwd-file, with a Maildir of {@link MailFixture#samples()}.
 * When the tests run as root the account is uid/gid 65534 and owns its home, so inetd mode drops
 * privileges as it would in production.
 */
final class SessionFixture {

  static final String USER = "vera";
  static final int NOBODY = 65534;

  final Path root;
  final Path home;
  final Path maildir;
  final Path passwd;
  final Path log;
  final Map<String, byte[]> messages = MailFixture.samples();

  SessionFixture(Path root) throws IOException {
    this.root = root;
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    this.home = Files.createDirectories(root.resolve("home").resolve(USER));
    this.maildir = MailFixture.maildir(home.resolve("Maildir"), messages);
    int id = isRoot() ? NOBODY : uid();
    this.passwd = MailFixture.passwdFile(root.resolve("passwd"), USER, id, id, home);
    this.log = root.resolve("mdpop3d.log");
    if (isRoot()) {
      chownTree(home, NOBODY);
    }
  }

  /** The options every session of these tests shares: the passwd-file and a log file. */
  String[] args(String... more) {
    String[] base = {
      "--auth", "passwd-file:" + passwd, "--log", log.toString(), "--auth-failure-delay=0"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /** The passwd-file options alone, for runs that log somewhere else. */
  String[] argsWithoutLog(String... more) {
    String[] base = {"--auth", "passwd-file:" + passwd, "--auth-failure-delay=0"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  String login() {
    return "USER " + USER + "\r\nPASS " + MailFixture.PASSWORD + "\r\n";
  }

  String logText() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  static boolean isRoot() {
    return uid() == 0;
  }

  static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      return -1;
    }
  }

  static void chownTree(Path top, int id) throws IOException {
    try (Stream<Path> paths = Files.walk(top)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:uid", id, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", id, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }
}
