package io.mdpop3j.auth.pam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The conversation function called as libpam calls it: with native {@code pam_message} arrays, and
 * its malloc'd answers freed with libc {@code free} as libpam does.
 */
class PamConversationTest {

  private static final byte[] USER = "alice".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SECRET = "s3cret ü".getBytes(StandardCharsets.UTF_8);
  private static final long RESPONSE_SIZE = 2L * Native.POINTER_SIZE;

  private final PamConversation conversation = new PamConversation(USER, SECRET, "test");

  @Test
  void passwordPromptGetsTheSecretAndUserPromptTheUserNameInMallocdMemory() {
    Messages messages =
        new Messages(LibPam.PAM_PROMPT_ECHO_OFF, LibPam.PAM_TEXT_INFO, LibPam.PAM_PROMPT_ECHO_ON);
    Memory responsesOut = new Memory(Native.POINTER_SIZE);
    responsesOut.setPointer(0, null);

    int rc = conversation.callback(3, messages.array, responsesOut, null);

    assertEquals(LibPam.PAM_SUCCESS, rc);
    Pointer responses = responsesOut.getPointer(0);
    assertArrayEquals(SECRET, answer(responses, 0));
    assertNull(responses.getPointer(RESPONSE_SIZE), "no answer to an info message");
    assertArrayEquals(USER, answer(responses, 2));
    // libpam frees the answers and the array with free(3); this must not corrupt the heap.
    Native.free(Pointer.nativeValue(responses.getPointer(0)));
    Native.free(Pointer.nativeValue(responses.getPointer(2 * RESPONSE_SIZE)));
    Native.free(Pointer.nativeValue(responses));
  }

  @Test
  void infoAndErrorMessagesWithoutAResponsePointerSucceed() {
    Messages messages = new Messages(LibPam.PAM_TEXT_INFO, LibPam.PAM_ERROR_MSG);

    assertEquals(LibPam.PAM_SUCCESS, conversation.callback(2, messages.array, null, null));
  }

  @Test
  void promptWithoutAResponsePointerIsAConversationError() {
    Messages messages = new Messages(LibPam.PAM_PROMPT_ECHO_OFF);

    assertEquals(LibPam.PAM_CONV_ERR, conversation.callback(1, messages.array, null, null));
  }

  @Test
  void binaryPromptIsAConversationErrorAndNothingIsAllocated() {
    Messages messages = new Messages(LibPam.PAM_PROMPT_ECHO_OFF, 7);
    Memory responsesOut = new Memory(Native.POINTER_SIZE);
    responsesOut.setPointer(0, null);

    assertEquals(LibPam.PAM_CONV_ERR, conversation.callback(2, messages.array, responsesOut, null));
    assertNull(responsesOut.getPointer(0));
  }

  @Test
  void messageCountsOutsideOneTo32AreConversationErrors() {
    Messages messages = new Messages(LibPam.PAM_TEXT_INFO);

    assertEquals(LibPam.PAM_CONV_ERR, conversation.callback(0, messages.array, null, null));
    assertEquals(LibPam.PAM_CONV_ERR, conversation.callback(33, messages.array, null, null));
    assertEquals(LibPam.PAM_CONV_ERR, conversation.callback(1, null, null, null));
  }

  @Test
  void wipedConversationAnswersWithZeros() {
    conversation.wipe();
    Messages messages = new Messages(LibPam.PAM_PROMPT_ECHO_OFF);
    Memory responsesOut = new Memory(Native.POINTER_SIZE);

    conversation.callback(1, messages.array, responsesOut, null);

    Pointer responses = responsesOut.getPointer(0);
    assertArrayEquals(
        new byte[SECRET.length], responses.getPointer(0).getByteArray(0, SECRET.length));
    Native.free(Pointer.nativeValue(responses.getPointer(0)));
    Native.free(Pointer.nativeValue(responses));
  }

  private static byte[] answer(Pointer responses, int index) {
    Pointer text = responses.getPointer(index * RESPONSE_SIZE);
    long length = text.indexOf(0, (byte) 0);
    return text.getByteArray(0, (int) length);
  }

  /** A native {@code const struct pam_message *msg[]}, Linux-PAM style. */
  private static final class Messages {
    final Memory array;
    private final Memory[] structs;
    private final Memory text = new Memory(8);

    Messages(int... styles) {
      text.setString(0, "hello");
      array = new Memory((long) styles.length * Native.POINTER_SIZE);
      structs = new Memory[styles.length];
      for (int i = 0; i < styles.length; i++) {
        structs[i] = new Memory(2L * Native.POINTER_SIZE);
        structs[i].setInt(0, styles[i]);
        structs[i].setPointer(Native.POINTER_SIZE, text);
        array.setPointer((long) i * Native.POINTER_SIZE, structs[i]);
      }
    }
  }
}
