package io.mdpop3j.maildir;

import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The owner of a lock file as its lines name it, and the judgement whether its lock is stale.
 *
 * <p>A lock is a lease: its holder refreshes the file's modification time, and a lock not refreshed
 * for {@code lock-stale-after} is stale whoever holds it. Before that, a process id says something
 * only where it means the same process, on the same host in the same PID space (boot and PID
 * namespace); there a lock of a process that is gone is stale at once. A lock of another host
 * counts until its lease lapses: that host may be alive and merely slow, or cut off from us but not
 * from the storage.
 *
 * @param lockHost the {@code lock-host=} line, or null in a lock file of a version before issue 18
 * @param nodeName the {@code host=} line: the kernel's host name of the holder, or null
 * @param pidSpace the {@code pid-space=} line, or null
 * @param pid the {@code pid=} line, or -1 when missing or not a number
 */
record LockOwner(String lockHost, String nodeName, String pidSpace, long pid) {

  /** The owner a lock file's fields name. */
  static LockOwner of(Map<String, String> fields) {
    long pid;
    try {
      pid = Long.parseLong(fields.getOrDefault("pid", ""));
    } catch (NumberFormatException e) {
      pid = -1;
    }
    return new LockOwner(fields.get("lock-host"), fields.get("host"), fields.get("pid-space"), pid);
  }

  /** The lines that name {@code self} in a lock file, each ending in a line feed. */
  static String lines(HostIdentity self) {
    StringBuilder b = new StringBuilder(160);
    b.append("pid=").append(self.pid()).append('\n');
    b.append("host=").append(self.nodeName()).append('\n');
    b.append("lock-host=").append(self.lockHost()).append('\n');
    if (!self.pidSpace().isEmpty()) {
      b.append("pid-space=").append(self.pidSpace()).append('\n');
    }
    return b.toString();
  }

  /**
   * Why this owner's lock, last refreshed at {@code modified}, is stale for {@code self} now, or
   * null when it still counts.
   */
  String staleness(HostIdentity self, FileTime modified, Duration staleAfter) {
    Duration age = Duration.between(modified.toInstant(), Instant.now());
    if (age.compareTo(staleAfter) > 0) {
      return "not refreshed for " + age.toSeconds() + "s";
    }
    if (!sameHost(self)) {
      return null;
    }
    if (pidSpace != null && !pidSpace.equals(self.pidSpace())) {
      // Same host, but the pid is of another boot or PID namespace. A lock of an earlier boot of
      // this very machine (same kernel host name too) cannot have a living owner; one of another
      // namespace (a container sharing the lock host) can, and counts until its lease lapses.
      String boot = HostIdentity.bootOf(pidSpace);
      boolean rebooted =
          !boot.isEmpty()
              && !self.boot().isEmpty()
              && !boot.equals(self.boot())
              && self.nodeName().equals(nodeName);
      return rebooted ? "this host has booted since (boot id " + boot + ")" : null;
    }
    if (pid < 0) {
      return null;
    }
    if (pid == self.pid()) {
      // Our own process: a session of this JVM would be in HELD, which was checked first.
      return "left by this process";
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        ? null
        : "owner process " + pid + " is gone";
  }

  /**
   * Whether the lock is of this host: by {@code lock-host} when the file has one; a file of a
   * version before issue 18 has only the kernel's host name, and is judged as that version judged
   * it, so that both may run on one host while it is upgraded.
   */
  boolean sameHost(HostIdentity self) {
    return lockHost != null
        ? lockHost.equals(self.lockHost())
        : nodeName != null && nodeName.equals(self.nodeName());
  }
}
