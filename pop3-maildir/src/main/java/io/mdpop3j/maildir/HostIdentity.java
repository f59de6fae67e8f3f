package io.mdpop3j.maildir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who this process is, as a lock file says it to the other hosts that share the Maildirs.
 *
 * @param lockHost the host's name in lock files ({@code lock-host}): configured, or by default the
 *     kernel's host name and the machine id ({@code /etc/machine-id}; the boot id where there is
 *     none), since namespaces, containers and cloned machines often share a host name
 * @param nodeName the kernel's host name, as {@code hostname} prints it; what versions before issue
 *     18 compared, so that their lock files still mean what they meant
 * @param pidSpace where a process id means this process: the kernel's boot id and the PID
 *     namespace, {@code <boot id>/<pid namespace>}; empty when unknown (not Linux)
 * @param pid this process's id
 */
record HostIdentity(String lockHost, String nodeName, String pidSpace, long pid) {

  private static final Path MACHINE_ID = Path.of("/etc/machine-id");
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
  private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");

  /** This process, with {@code configured} as its lock host, or the default when empty. */
  static HostIdentity local(String configured) {
    String node = kernelHostName();
    String boot = firstLine(BOOT_ID);
    String lockHost = configured.isEmpty() ? defaultLockHost(node, boot) : configured;
    String pidSpace = "";
    if (!boot.isEmpty()) {
      pidSpace = boot + "/" + pidNamespace();
    }
    return new HostIdentity(lockHost, node, pidSpace, ProcessHandle.current().pid());
  }

  /** {@code <node name>:<machine id>}, or the boot id in its place, or the node name alone. */
  static String defaultLockHost(String node, String boot) {
    String machine = firstLine(MACHINE_ID);
    String id = machine.isEmpty() ? boot : machine;
    String name = id.isEmpty() ? node : node + ":" + id;
    // Only printable ASCII goes on the line (MaildirSettings.validLockHost); cut to the limit.
    StringBuilder b = new StringBuilder(name.length());
    name.codePoints().forEach(c -> b.append(c > 0x20 && c < 0x7f ? (char) c : '_'));
    return b.length() > MaildirSettings.MAX_LOCK_HOST_LENGTH
        ? b.substring(0, MaildirSettings.MAX_LOCK_HOST_LENGTH)
        : b.toString();
  }

  /** The boot id of {@link #pidSpace}, or empty. */
  String boot() {
    return bootOf(pidSpace);
  }

  static String bootOf(String pidSpace) {
    int slash = pidSpace.indexOf('/');
    return slash < 0 ? pidSpace : pidSpace.substring(0, slash);
  }

  /** The kernel's node name, as {@code hostname} prints it. */
  static String kernelHostName() {
    String name = firstLine(Path.of("/proc/sys/kernel/hostname"));
    if (!name.isEmpty()) {
      return name;
    }
    try {
      return InetAddress.getLocalHost().getHostName(); // not Linux: ask the resolver instead
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** The PID namespace as {@code pid:[inode]}, or empty when there is no such link. */
  private static String pidNamespace() {
    try {
      return Files.readSymbolicLink(PID_NAMESPACE).toString();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * The first line of a small system file, trimmed, or empty. readAllLines reads to the end: one
   * read of a /proc file may come back short (gVisor).
   */
  private static String firstLine(Path file) {
    try {
      return Files.readAllLines(file).stream().findFirst().orElse("").trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
