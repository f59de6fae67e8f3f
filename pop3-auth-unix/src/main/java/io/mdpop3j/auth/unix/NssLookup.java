package io.mdpop3j.auth.unix;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Looks up system accounts through the C library's thread-safe {@code getpwnam_r(3)} and {@code
 * getspnam_r(3)}, so every NSS source configured in {@code /etc/nsswitch.conf} answers.
 */
final class NssLookup {

  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int ESRCH = 3;
  private static final int EBADF = 9;
  private static final int ERANGE = 34;

  private static final int FIRST_BUFFER = 4096;
  private static final int MAX_BUFFER = 1 << 20;

  /** The result of one lookup: an entry, no such entry, or an error number from the C library. */
  record Lookup<T>(T entry, int error) {
    static <T> Lookup<T> found(T entry) {
      return new Lookup<>(Objects.requireNonNull(entry), 0);
    }

    static <T> Lookup<T> notFound() {
      return new Lookup<>(null, 0);
    }

    static <T> Lookup<T> failed(int error) {
      return new Lookup<>(null, error);
    }

    boolean isFound() {
      return entry != null;
    }

    boolean isFailed() {
      return error != 0;
    }
  }

  /** The fields of {@code struct passwd} this module uses. */
  record PasswdEntry(String name, String passwd, int uid, int gid, String home) {}

  /**
   * The fields of {@code struct spwd} this module uses; day counts are days since 1970-01-01, -1
   * when the field is empty.
   */
  record ShadowEntry(
      String name, String hash, long lastChange, long max, long inactive, long expire) {

    /**
     * Whether the account may no longer be used on {@code today}, by the rules of pam_unix: the
     * account expiry date has come, or the password expired more than {@code inactive} days ago.
     */
    boolean accountExpired(long today) {
      if (expire != -1 && today >= expire) {
        return true;
      }
      return lastChange > 0 && max != -1 && inactive != -1 && today - lastChange > max + inactive;
    }
  }

  /** {@code struct passwd} of glibc and musl. */
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

  /** {@code struct spwd} of glibc and musl. */
  @Structure.FieldOrder({
    "sp_namp",
    "sp_pwdp",
    "sp_lstchg",
    "sp_min",
    "sp_max",
    "sp_warn",
    "sp_inact",
    "sp_expire",
    "sp_flag"
  })
  public static final class Spwd extends Structure {
    public Pointer sp_namp;
    public Pointer sp_pwdp;
    public NativeLong sp_lstchg;
    public NativeLong sp_min;
    public NativeLong sp_max;
    public NativeLong sp_warn;
    public NativeLong sp_inact;
    public NativeLong sp_expire;
    public NativeLong sp_flag;
  }

  private final Function getpwnamR;
  private final Function getspnamR;
  private final Charset pathCharset;

  private NssLookup(Function getpwnamR, Function getspnamR) {
    this.getpwnamR = getpwnamR;
    this.getspnamR = getspnamR;
    // Home directories are bytes; decode them the way the JDK decodes file names.
    String jnu = System.getProperty("sun.jnu.encoding");
    this.pathCharset = jnu != null && Charset.isSupported(jnu) ? Charset.forName(jnu) : UTF8;
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  /**
   * Binds {@code getpwnam_r} from {@code passwdLibrary} and {@code getspnam_r} from {@code
   * shadowLibrary} (usually both {@code libc.so.6}).
   *
   * @throws UnsatisfiedLinkError when a library or function is missing
   */
  static NssLookup load(String passwdLibrary, String shadowLibrary) {
    return new NssLookup(
        NativeLibrary.getInstance(passwdLibrary).getFunction("getpwnam_r"),
        NativeLibrary.getInstance(shadowLibrary).getFunction("getspnam_r"));
  }

  /** Looks {@code user} up in the passwd database. The name must not contain NUL. */
  Lookup<PasswdEntry> passwd(String user) {
    Passwd pwd = new Passwd();
    return call(
        getpwnamR,
        user,
        pwd,
        () ->
            new PasswdEntry(
                string(pwd.pw_name),
                string(pwd.pw_passwd),
                pwd.pw_uid,
                pwd.pw_gid,
                pwd.pw_dir == null ? "" : new String(bytes(pwd.pw_dir), pathCharset)));
  }

  /** Looks {@code user} up in the shadow database. The name must not contain NUL. */
  Lookup<ShadowEntry> shadow(String user) {
    Spwd spwd = new Spwd();
    return call(
        getspnamR,
        user,
        spwd,
        () ->
            new ShadowEntry(
                string(spwd.sp_namp),
                string(spwd.sp_pwdp),
                spwd.sp_lstchg.longValue(),
                spwd.sp_max.longValue(),
                spwd.sp_inact.longValue(),
                spwd.sp_expire.longValue()));
  }

  private interface Reader<T> {
    T read();
  }

  private <T> Lookup<T> call(Function function, String user, Structure struct, Reader<T> reader) {
    byte[] nameBytes = user.getBytes(UTF8);
    try (Memory name = new Memory(nameBytes.length + 1L)) {
      name.write(0, nameBytes, 0, nameBytes.length);
      name.setByte(nameBytes.length, (byte) 0);
      for (int size = FIRST_BUFFER; ; size *= 2) {
        try (Memory buffer = new Memory(size)) {
          try {
            PointerByReference result = new PointerByReference();
            int rc =
                function.invokeInt(
                    new Object[] {name, struct.getPointer(), buffer, new NativeLong(size), result});
            if (rc == ERANGE && size < MAX_BUFFER) {
              continue;
            }
            if (rc != 0) {
              // getpwnam(3): these mean "not found" on some systems rather than a failure.
              return rc == ENOENT || rc == ESRCH || rc == EBADF || rc == EPERM
                  ? Lookup.notFound()
                  : Lookup.failed(rc);
            }
            if (result.getValue() == null) {
              return Lookup.notFound();
            }
            struct.read();
            return Lookup.found(reader.read());
          } finally {
            // The buffer holds the hash for getspnam_r; leave nothing behind.
            buffer.clear();
            struct.getPointer().clear(struct.size());
          }
        }
      }
    }
  }

  private static String string(Pointer p) {
    return p == null ? "" : new String(bytes(p), UTF8);
  }

  private static byte[] bytes(Pointer p) {
    return LibCrypt.bytesUntilNul(p);
  }
}
