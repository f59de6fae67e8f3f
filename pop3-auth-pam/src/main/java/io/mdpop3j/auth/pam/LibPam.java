package io.mdpop3j.auth.pam;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The Linux-PAM application interface (pam_start(3) and friends), bound through JNA to a library
 * whose name is a setting, so that tests can bind pam_wrapper's {@code libpam_wrapper.so} directly.
 *
 * <p>Strings are passed as NUL-terminated UTF-8 {@code byte[]}, never as Java {@code String}, so
 * the platform charset plays no part.
 */
interface LibPam extends Library {

  // Return codes, from Linux-PAM's <security/_pam_types.h>.
  int PAM_SUCCESS = 0;
  int PAM_OPEN_ERR = 1;
  int PAM_SYMBOL_ERR = 2;
  int PAM_SERVICE_ERR = 3;
  int PAM_SYSTEM_ERR = 4;
  int PAM_BUF_ERR = 5;
  int PAM_PERM_DENIED = 6;
  int PAM_AUTH_ERR = 7;
  int PAM_CRED_INSUFFICIENT = 8;
  int PAM_AUTHINFO_UNAVAIL = 9;
  int PAM_USER_UNKNOWN = 10;
  int PAM_MAXTRIES = 11;
  int PAM_NEW_AUTHTOK_REQD = 12;
  int PAM_ACCT_EXPIRED = 13;
  int PAM_SESSION_ERR = 14;
  int PAM_CRED_UNAVAIL = 15;
  int PAM_CRED_EXPIRED = 16;
  int PAM_CRED_ERR = 17;
  int PAM_NO_MODULE_DATA = 18;
  int PAM_CONV_ERR = 19;
  int PAM_AUTHTOK_ERR = 20;
  int PAM_TRY_AGAIN = 24;
  int PAM_IGNORE = 25;
  int PAM_ABORT = 26;
  int PAM_MODULE_UNKNOWN = 28;
  int PAM_BAD_ITEM = 29;
  int PAM_CONV_AGAIN = 30;
  int PAM_INCOMPLETE = 31;

  // Flags.
  int PAM_SILENT = 0x8000;
  int PAM_DISALLOW_NULL_AUTHTOK = 0x0001;
  int PAM_ESTABLISH_CRED = 0x0002;
  int PAM_DELETE_CRED = 0x0004;

  // Items.
  int PAM_USER = 2;
  int PAM_TTY = 3;
  int PAM_RHOST = 4;

  // Message styles of the conversation.
  int PAM_PROMPT_ECHO_OFF = 1;
  int PAM_PROMPT_ECHO_ON = 2;
  int PAM_ERROR_MSG = 3;
  int PAM_TEXT_INFO = 4;

  /** Linux-PAM never sends more messages than this in one call. */
  int PAM_MAX_NUM_MSG = 32;

  /**
   * The conversation function: {@code int (*conv)(int num_msg, const struct pam_message **msg,
   * struct pam_response **resp, void *appdata_ptr)}.
   */
  interface ConversationFunction extends Callback {
    int callback(int count, Pointer messages, Pointer responses, Pointer appdata);
  }

  /** {@code struct pam_conv}. */
  @Structure.FieldOrder({"conv", "appdata_ptr"})
  class PamConv extends Structure {
    public ConversationFunction conv;
    public Pointer appdata_ptr;

    PamConv(ConversationFunction conv) {
      this.conv = conv;
      this.appdata_ptr = null;
      write();
    }
  }

  int pam_start(byte[] service, byte[] user, PamConv conversation, PointerByReference handle);

  int pam_end(Pointer handle, int lastStatus);

  int pam_set_item(Pointer handle, int item, byte[] value);

  int pam_get_item(Pointer handle, int item, PointerByReference value);

  int pam_authenticate(Pointer handle, int flags);

  int pam_acct_mgmt(Pointer handle, int flags);

  int pam_setcred(Pointer handle, int flags);

  int pam_open_session(Pointer handle, int flags);

  int pam_close_session(Pointer handle, int flags);

  /** Returns a malloc'd, NULL-terminated array of malloc'd "NAME=value" strings; caller frees. */
  Pointer pam_getenvlist(Pointer handle);

  /** Returns a static string; never freed. */
  String pam_strerror(Pointer handle, int errnum);
}
