package io.mdpop3j.libc;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The passwd database through the C library's thread-safe {@code getpwnam_r(3)}, so that every NSS
 * source configured in {@code /etc/nsswitch.conf} (files, LDAP, sssd) answers as it does for every
 * other program on the host.
 */
public final class PasswdDatabase {

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

  private final Function getpwnamR;
  private final Charset pathCharset;

  private PasswdDatabase(Function getpwnamR) {
    this.getpwnamR = getpwnamR;
    // Home directories are bytes; decode them the way the JDK decodes file names.
    String jnu = System.getProperty("sun.jnu.encoding");
    this.pathCharset =
        jnu != null && Charset.isSupported(jnu) ? Charset.forName(jnu) : StandardCharsets.UTF_8;
  }

  /**
   * Binds {@code getpwnam_r} from {@code library}: usually the C library ({@code libc.so.6}, or
   * JNA's {@code c}); a test may name nss_wrapper's.
   *
   * @throws UnsatisfiedLinkError when the library or the function is missing
   */
  public static PasswdDatabase load(String library) {
    return new PasswdDatabase(NativeLibrary.getInstance(library).getFunction("getpwnam_r"));
  }

  /** Looks {@code user} up. The name must not contain NUL. */
  public Lookup<PasswdEntry> find(String user) {
    Passwd pwd = new Passwd();
    return ReentrantLookup.byName(
        getpwnamR,
        user,
        pwd,
        () ->
            new PasswdEntry(
                utf8(pwd.pw_name),
                utf8(pwd.pw_passwd),
                pwd.pw_uid,
                pwd.pw_gid,
                pwd.pw_dir == null
                    ? ""
                    : new String(CStrings.bytesUntilNul(pwd.pw_dir), pathCharset)));
  }

  private static String utf8(Pointer p) {
    return p == null ? "" : new String(CStrings.bytesUntilNul(p), StandardCharsets.UTF_8);
  }
}
