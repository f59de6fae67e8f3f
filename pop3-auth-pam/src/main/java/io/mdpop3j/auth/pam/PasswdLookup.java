package io.mdpop3j.auth.pam;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Looks a user up in the passwd database through libc's {@code getpwnam_r(3)}, so that NSS (files,
 * LDAP, sssd) answers as it does for every other program on the host.
 *
 * <p>Its own minimal binding: this module must not depend on pop3-auth-unix. The structure layout
 * is the Linux one (glibc and musl).
 */
final class PasswdLookup {

  /** What the passwd database says about one user; {@code home} is absent when empty. */
  record Entry(String name, Optional<Path> home, int uid, int gid) {}

  /** libc, for getpwnam_r only. */
  interface LibC extends Library {
    int getpwnam_r(
        byte[] name, Passwd entry, Pointer buffer, NativeLong size, PointerByReference result);
  }

  /** {@code struct passwd} on Linux. */
  @Structure.FieldOrder({
    "pw_name",
    "pw_passwd",
    "pw_uid",
    "pw_gid",
    "pw_gecos",
    "pw_dir",
    "pw_shell"
  })
  public static final class Passwd extends Structure {
    public Pointer pw_name;
    public Pointer pw_passwd;
    public int pw_uid;
    public int pw_gid;
    public Pointer pw_gecos;
    public Pointer pw_dir;
    public Pointer pw_shell;
  }

  // Linux errno values.
  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int ESRCH = 3;
  private static final int EINTR = 4;
  private static final int EBADF = 9;
  private static final int ERANGE = 34;
  private static final int INITIAL_BUFFER = 4096;
  private static final int MAX_BUFFER = 1 << 20;

  private final LibC libc;

  PasswdLookup() {
    this.libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
  }

  /**
   * The entry for {@code user}, or empty when the database has none.
   *
   * @throws IOException when the database could not be asked (an NSS backend down, no memory)
   */
  Optional<Entry> find(String user) throws IOException {
    byte[] utf8 = user.getBytes(StandardCharsets.UTF_8);
    byte[] name = Arrays.copyOf(utf8, utf8.length + 1);
    int size = INITIAL_BUFFER;
    while (true) {
      Memory buffer = new Memory(size);
      Passwd entry = new Passwd();
      PointerByReference result = new PointerByReference();
      int rc = libc.getpwnam_r(name, entry, buffer, new NativeLong(size), result);
      if (rc == ERANGE && size < MAX_BUFFER) {
        size *= 2;
        continue;
      }
      if (rc == EINTR) {
        continue;
      }
      if (rc == 0 && result.getValue() == null) {
        return Optional.empty();
      }
      if (rc != 0) {
        // glibc also reports "not found" through ENOENT, ESRCH, EBADF or EPERM from some backends.
        if (rc == EPERM || rc == ENOENT || rc == ESRCH || rc == EBADF) {
          return Optional.empty();
        }
        throw new IOException("getpwnam_r failed with errno " + rc);
      }
      entry.read();
      String dir = entry.pw_dir == null ? "" : entry.pw_dir.getString(0, "UTF-8");
      Entry found =
          new Entry(
              entry.pw_name.getString(0, "UTF-8"),
              dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir)),
              entry.pw_uid,
              entry.pw_gid);
      // The strings live in buffer; it must not be freed before they are copied.
      Reference.reachabilityFence(buffer);
      return Optional.of(found);
    }
  }
}
