package io.mdpop3j.core.server;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The scratch arrays that stored message bytes are read into, shared by all sessions. A message
 * step needs one only while it streams, so a few serve many sessions; reusing them spares each RETR
 * a fresh array that must be zeroed and whose pages fault in.
 */
final class MessageChunks {

  /** More arrays than cores would only sit idle: a session holds one only while it streams. */
  private static final ArrayBlockingQueue<byte[]> FREE =
      new ArrayBlockingQueue<>(4 * Runtime.getRuntime().availableProcessors());

  private MessageChunks() {}

  /** An array of exactly {@code size} bytes, contents undefined. */
  static byte[] take(int size) {
    byte[] chunk = FREE.poll();
    if (chunk == null || chunk.length != size) {
      return new byte[size];
    }
    return chunk;
  }

  /** Hands {@code chunk} back for another session; dropped when enough are kept already. */
  static void give(byte[] chunk) {
    FREE.offer(chunk);
  }
}
