package io.mdpop3j.auth.pam;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the prompts of one PAM transaction: the secret for {@code PAM_PROMPT_ECHO_OFF}, the user
 * name for {@code PAM_PROMPT_ECHO_ON}. Messages from modules go to the debug log only, never to the
 * client.
 *
 * <p>Holds its own copies of the user name and secret; {@link #wipe()} zeroes them once {@code
 * pam_end} has run. The caller keeps this object (and its {@link LibPam.PamConv}) strongly
 * reachable until then, since libpam only holds the native function pointer.
 */
final class PamConversation implements LibPam.ConversationFunction {
  private static final Logger log = LoggerFactory.getLogger(PamConversation.class);

  /** {@code sizeof(struct pam_response)}: a pointer and an int, padded to pointer alignment. */
  private static final long RESPONSE_SIZE = 2L * Native.POINTER_SIZE;

  private final byte[] user;
  private final byte[] secret;
  private final String sessionId;

  PamConversation(byte[] user, byte[] secret, String sessionId) {
    this.user = user.clone();
    this.secret = secret.clone();
    this.sessionId = sessionId;
  }

  @Override
  public int callback(int count, Pointer messages, Pointer responses, Pointer appdata) {
    try {
      return converse(count, messages, responses);
    } catch (Throwable t) {
      // An exception escaping a JNA callback is returned to libpam as 0, PAM_SUCCESS.
      log.warn("[{}] PAM conversation failed: {}", sessionId, t.toString());
      return LibPam.PAM_CONV_ERR;
    }
  }

  /** Zeroes the copies of the user name and secret. */
  void wipe() {
    Arrays.fill(secret, (byte) 0);
    Arrays.fill(user, (byte) 0);
  }

  private int converse(int count, Pointer messages, Pointer responses) {
    if (count <= 0 || count > LibPam.PAM_MAX_NUM_MSG || messages == null) {
      return LibPam.PAM_CONV_ERR;
    }
    int[] styles = new int[count];
    boolean promptsForAnswer = false;
    for (int i = 0; i < count; i++) {
      // Linux-PAM passes an array of pointers to struct pam_message { int msg_style; char *msg; }.
      Pointer message = messages.getPointer((long) i * Native.POINTER_SIZE);
      if (message == null) {
        return LibPam.PAM_CONV_ERR;
      }
      styles[i] = message.getInt(0);
      switch (styles[i]) {
        case LibPam.PAM_PROMPT_ECHO_OFF, LibPam.PAM_PROMPT_ECHO_ON -> promptsForAnswer = true;
        case LibPam.PAM_ERROR_MSG, LibPam.PAM_TEXT_INFO ->
            logModuleMessage(message.getPointer(Native.POINTER_SIZE));
        default -> {
          // Binary and radio prompts have no meaning over POP3.
          log.debug("[{}] PAM asked an unsupported prompt style {}", sessionId, styles[i]);
          return LibPam.PAM_CONV_ERR;
        }
      }
    }
    if (responses == null) {
      // Some modules pass no response pointer for info and error messages.
      return promptsForAnswer ? LibPam.PAM_CONV_ERR : LibPam.PAM_SUCCESS;
    }
    Pointer array = allocateResponses(styles);
    if (array == null) {
      return LibPam.PAM_BUF_ERR;
    }
    responses.setPointer(0, array);
    return LibPam.PAM_SUCCESS;
  }

  /**
   * Builds the response array with libc malloc, since libpam (or the module) frees it and every
   * answer in it; JNA's own {@code Memory} would be freed twice.
   */
  private Pointer allocateResponses(int[] styles) {
    long arraySize = styles.length * RESPONSE_SIZE;
    long array = Native.malloc(arraySize);
    if (array == 0) {
      return null;
    }
    Pointer responses = new Pointer(array);
    responses.setMemory(0, arraySize, (byte) 0);
    try {
      for (int i = 0; i < styles.length; i++) {
        if (styles[i] != LibPam.PAM_PROMPT_ECHO_OFF && styles[i] != LibPam.PAM_PROMPT_ECHO_ON) {
          continue;
        }
        byte[] answer = styles[i] == LibPam.PAM_PROMPT_ECHO_OFF ? secret : user;
        long text = Native.malloc(answer.length + 1L);
        if (text == 0) {
          freeResponses(responses, styles.length);
          return null;
        }
        Pointer copy = new Pointer(text);
        copy.write(0, answer, 0, answer.length);
        copy.setByte(answer.length, (byte) 0);
        responses.setPointer(i * RESPONSE_SIZE, copy);
      }
    } catch (RuntimeException | Error e) {
      freeResponses(responses, styles.length);
      throw e;
    }
    return responses;
  }

  private static void freeResponses(Pointer responses, int count) {
    for (int i = 0; i < count; i++) {
      Pointer text = responses.getPointer(i * RESPONSE_SIZE);
      if (text != null) {
        long length = text.indexOf(0, (byte) 0);
        text.setMemory(0, length, (byte) 0);
        Native.free(Pointer.nativeValue(text));
      }
    }
    Native.free(Pointer.nativeValue(responses));
  }

  private void logModuleMessage(Pointer text) {
    if (text != null && log.isDebugEnabled()) {
      log.debug("[{}] PAM module says: {}", sessionId, text.getString(0, "UTF-8"));
    }
  }
}
