package io.mdpop3j.auth.unix;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import io.mdpop3j.libc.CStrings;
import io.mdpop3j.libc.Lookup;
import io.mdpop3j.libc.PasswdDatabase;
import io.mdpop3j.libc.PasswdEntry;
import io.mdpop3j.libc.ReentrantLookup;
import java.nio.charset.StandardCharsets;

/**
 * Looks up system accounts through the C library's thread-safe {@code getpwnam_r(3)} (pop3-libc's
 * {@link PasswdDatabase}) and {@code getspnam_r(3)}, so every NSS source configured in {@code
 * /etc/nsswitch.conf} answers.
 */
final class NssLookup {

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

  private final PasswdDatabase passwd;
  private final Function getspnamR;

  private NssLookup(PasswdDatabase passwd, Function getspnamR) {
    this.passwd = passwd;
    this.getspnamR = getspnamR;
  }

  /**
   * Binds {@code getpwnam_r} from {@code passwdLibrary} and {@code getspnam_r} from {@code
   * shadowLibrary} (usually both {@code libc.so.6}).
   *
   * @throws UnsatisfiedLinkError when a library or function is missing
   */
  static NssLookup load(String passwdLibrary, String shadowLibrary) {
    return new NssLookup(
        PasswdDatabase.load(passwdLibrary),
        NativeLibrary.getInstance(shadowLibrary).getFunction("getspnam_r"));
  }

  /** Looks {@code user} up in the passwd database. The name must not contain NUL. */
  Lookup<PasswdEntry> passwd(String user) {
    return passwd.find(user);
  }

  /** Looks {@code user} up in the shadow database. The name must not contain NUL. */
  Lookup<ShadowEntry> shadow(String user) {
    Spwd spwd = new Spwd();
    return ReentrantLookup.byName(
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

  private static String string(Pointer p) {
    return p == null ? "" : new String(CStrings.bytesUntilNul(p), StandardCharsets.UTF_8);
  }
}
