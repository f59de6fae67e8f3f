package io.mdpop3j.libc;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * C strings as bytes. Never through a Java {@code String}: JNA would encode it in the platform
 * charset (US-ASCII under {@code LANG=C}), and its temporary copies are freed without being wiped.
 */
public final class CStrings {

  private CStrings() {}

  /** Native memory holding {@code bytes} and a final NUL; the caller wipes and closes it. */
  public static Memory of(byte[] bytes) {
    Memory memory = new Memory(bytes.length + 1L);
    memory.write(0, bytes, 0, bytes.length);
    memory.setByte(bytes.length, (byte) 0);
    return memory;
  }

  /** The bytes of the C string at {@code p}, without its NUL. */
  public static byte[] bytesUntilNul(Pointer p) {
    long length = p.indexOf(0, (byte) 0);
    return p.getByteArray(0, (int) length);
  }
}
