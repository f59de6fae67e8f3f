package io.mdpop3j.examples.launcher;

import com.sun.jna.Native;
import io.mdpop3j.core.spi.Account;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Switches a one-session process from root to an account's user for good: initgroups, setgid,
 * setuid, in that order, then checks that the switch holds and cannot be undone.
 */
final class PrivilegeDrop {

  private final Supplier<UnixProcess> loader;
  private UnixProcess libc;

  /** Binds libc through {@code loader} at the first use, after the greeting. */
  PrivilegeDrop(Supplier<UnixProcess> loader) {
    this.loader = loader;
  }

  /** Whether this process runs as root and so must switch before it touches a mailbox. */
  boolean runningAsRoot() {
    return libc().geteuid() == 0;
  }

  private synchronized UnixProcess libc() {
    if (libc == null) {
      libc = loader.get();
    }
    return libc;
  }

  /**
   * Becomes {@code user} with {@code uid} and {@code gid} and changes into {@code home}.
   *
   * @throws SecurityException naming the step that failed; the process must not go on serving
   */
  void become(String user, int uid, int gid, Optional<Path> home) {
    UnixProcess libc = libc();
    if (uid == 0) {
      throw new SecurityException("refusing to serve " + user + ": uid 0");
    }
    check(libc.initgroups(user, gid), "initgroups(" + user + ", " + gid + ")");
    check(libc.setgid(gid), "setgid(" + gid + ")");
    check(libc.setuid(uid), "setuid(" + uid + ")");
    if (libc.getuid() != uid || libc.geteuid() != uid) {
      throw new SecurityException("user id is not " + uid + " after setuid");
    }
    if (libc.getgid() != gid || libc.getegid() != gid) {
      throw new SecurityException("group id is not " + gid + " after setgid");
    }
    if (libc.setuid(0) == 0) {
      throw new SecurityException("setuid(0) still works after dropping to " + uid);
    }
    home.ifPresent(h -> libc.chdir(h.toString()));
  }

  /** The account's ids, or an exception saying which is missing. */
  static int[] idsOf(Account account) {
    if (account.uid().isEmpty() || account.gid().isEmpty()) {
      throw new SecurityException(
          "account " + account.user() + " has no uid/gid to switch to; refusing to serve as root");
    }
    return new int[] {account.uid().getAsInt(), account.gid().getAsInt()};
  }

  private static void check(int result, String call) {
    if (result != 0) {
      throw new SecurityException(call + " failed: errno " + Native.getLastError());
    }
  }
}
