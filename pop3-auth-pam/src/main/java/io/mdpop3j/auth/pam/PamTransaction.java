package io.mdpop3j.auth.pam;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.mdpop3j.core.spi.AuthResult;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One PAM transaction, {@code pam_start} to {@code pam_end}, run entirely on the calling thread
 * (libpam allows one thread per handle at a time).
 *
 * <p>The order is the one pam(3) prescribes for a login: authenticate, account, establish
 * credentials, optionally open a session, then read {@code PAM_USER} and the PAM environment
 * (pam_env sets it only in {@code pam_setcred} or {@code pam_open_session}).
 */
final class PamTransaction {
  /** What PAM decided: who logged in and the PAM environment, or why not. */
  sealed interface Outcome permits Outcome.Accepted, Outcome.Refused {
    /** PAM accepted the login; {@code user} is the final {@code PAM_USER}. */
    record Accepted(String user, Map<String, String> environment) implements Outcome {}

    /** PAM refused, or could not decide. */
    record Refused(AuthResult.Reason reason, String logMessage) implements Outcome {}
  }

  private static final int FLAGS = LibPam.PAM_SILENT | LibPam.PAM_DISALLOW_NULL_AUTHTOK;

  private final LibPam pam;
  private final PamSettings options;

  PamTransaction(LibPam pam, PamSettings options) {
    this.pam = pam;
    this.options = options;
  }

  /**
   * Runs the transaction for {@code user}, answering password prompts with {@code secret}. Does not
   * keep or change {@code secret}.
   */
  Outcome run(String sessionId, String user, byte[] secret, Optional<String> remoteHost) {
    PamConversation conversation =
        new PamConversation(user.getBytes(StandardCharsets.UTF_8), secret, sessionId);
    LibPam.PamConv conv = new LibPam.PamConv(conversation);
    try {
      PointerByReference handleRef = new PointerByReference();
      int rc = pam.pam_start(cString(options.service()), cString(user), conv, handleRef);
      Pointer handle = handleRef.getValue();
      if (rc != LibPam.PAM_SUCCESS || handle == null) {
        // Linux-PAM frees the handle itself when pam_start fails.
        return refused("pam_start", rc, null, user);
      }
      return runStarted(handle, user, remoteHost);
    } finally {
      conversation.wipe();
      // libpam holds only the native function pointer; the Java objects must outlive pam_end.
      Reference.reachabilityFence(conv);
      Reference.reachabilityFence(conversation);
    }
  }

  private Outcome runStarted(Pointer handle, String user, Optional<String> remoteHost) {
    int last = LibPam.PAM_SUCCESS;
    boolean credentials = false;
    boolean session = false;
    try {
      if (remoteHost.isPresent()) {
        last = pam.pam_set_item(handle, LibPam.PAM_RHOST, cString(remoteHost.get()));
        if (last != LibPam.PAM_SUCCESS) {
          return refused("pam_set_item(PAM_RHOST)", last, handle, user);
        }
      }
      if (!options.tty().isEmpty()) {
        last = pam.pam_set_item(handle, LibPam.PAM_TTY, cString(options.tty()));
        if (last != LibPam.PAM_SUCCESS) {
          return refused("pam_set_item(PAM_TTY)", last, handle, user);
        }
      }
      last = pam.pam_authenticate(handle, FLAGS);
      if (last != LibPam.PAM_SUCCESS) {
        return refused("pam_authenticate", last, handle, user);
      }
      last = pam.pam_acct_mgmt(handle, FLAGS);
      if (last != LibPam.PAM_SUCCESS) {
        return refused("pam_acct_mgmt", last, handle, user);
      }
      last = pam.pam_setcred(handle, LibPam.PAM_SILENT | LibPam.PAM_ESTABLISH_CRED);
      if (last != LibPam.PAM_SUCCESS) {
        return refused("pam_setcred", last, handle, user);
      }
      credentials = true;
      if (options.openSession()) {
        last = pam.pam_open_session(handle, LibPam.PAM_SILENT);
        if (last != LibPam.PAM_SUCCESS) {
          return refused("pam_open_session", last, handle, user);
        }
        session = true;
      }
      return new Outcome.Accepted(finalUser(handle, user), environment(handle));
    } finally {
      // The SPI has no end-of-session hook, so the PAM session spans the login only.
      if (session) {
        pam.pam_close_session(handle, LibPam.PAM_SILENT);
      }
      if (credentials) {
        pam.pam_setcred(handle, LibPam.PAM_SILENT | LibPam.PAM_DELETE_CRED);
      }
      pam.pam_end(handle, last);
    }
  }

  /** {@code PAM_USER} as the modules left it: a module may map the login to another account. */
  private String finalUser(Pointer handle, String user) {
    PointerByReference item = new PointerByReference();
    int rc = pam.pam_get_item(handle, LibPam.PAM_USER, item);
    if (rc != LibPam.PAM_SUCCESS || item.getValue() == null) {
      return user;
    }
    String mapped = item.getValue().getString(0, "UTF-8");
    return mapped.isEmpty() ? user : mapped;
  }

  /** The PAM environment; the list and each string are malloc'd copies that we free. */
  private Map<String, String> environment(Pointer handle) {
    Map<String, String> env = new LinkedHashMap<>();
    Pointer list = pam.pam_getenvlist(handle);
    if (list == null) {
      return env;
    }
    for (int i = 0; ; i++) {
      Pointer entry = list.getPointer((long) i * Native.POINTER_SIZE);
      if (entry == null) {
        break;
      }
      String pair = entry.getString(0, "UTF-8");
      int eq = pair.indexOf('=');
      if (eq > 0) {
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
      Native.free(Pointer.nativeValue(entry));
    }
    Native.free(Pointer.nativeValue(list));
    return env;
  }

  private Outcome refused(String step, int rc, Pointer handle, String user) {
    String text = pam.pam_strerror(handle, rc);
    return new Outcome.Refused(
        reasonFor(rc),
        step
            + " for user '"
            + user
            + "' (PAM service "
            + options.service()
            + ") returned "
            + rc
            + ": "
            + text);
  }

  /**
   * TEMPORARY when retrying later may help (a backend unreachable, the stack broken, no memory);
   * every other refusal is BAD_CREDENTIALS, so the client cannot tell why (RFC 3206 [AUTH]).
   */
  static AuthResult.Reason reasonFor(int rc) {
    return switch (rc) {
      case LibPam.PAM_AUTHINFO_UNAVAIL,
          LibPam.PAM_CRED_UNAVAIL,
          LibPam.PAM_SYSTEM_ERR,
          LibPam.PAM_BUF_ERR,
          LibPam.PAM_OPEN_ERR,
          LibPam.PAM_SYMBOL_ERR,
          LibPam.PAM_SERVICE_ERR,
          LibPam.PAM_MODULE_UNKNOWN,
          LibPam.PAM_BAD_ITEM,
          LibPam.PAM_NO_MODULE_DATA,
          LibPam.PAM_SESSION_ERR,
          LibPam.PAM_CONV_ERR,
          LibPam.PAM_CONV_AGAIN,
          LibPam.PAM_INCOMPLETE,
          LibPam.PAM_TRY_AGAIN,
          LibPam.PAM_ABORT ->
          AuthResult.Reason.TEMPORARY;
      default -> AuthResult.Reason.BAD_CREDENTIALS;
    };
  }

  static byte[] cString(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(utf8, utf8.length + 1);
  }
}
