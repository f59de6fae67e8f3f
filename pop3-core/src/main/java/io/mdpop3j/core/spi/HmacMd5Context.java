package io.mdpop3j.core.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-MD5 (RFC 2104) from a precomputed context: the MD5 state after the inner and after the outer
 * padded key block, as Dovecot's {@code {CRAM-MD5}} scheme stores it (outer state, then inner
 * state, each four little-endian words). The JDK's MD5 cannot start from a state, so the MD5
 * compression (RFC 1321 section 3.4) is done here.
 */
final class HmacMd5Context {

  private static final int[] SHIFTS = {
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
    14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21
  };
  private static final int[] K = new int[64];

  static {
    for (int i = 0; i < 64; i++) {
      K[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
    }
  }

  private HmacMd5Context() {}

  /** HMAC-MD5 of {@code message} with the key whose 32-octet {@code context} is given. */
  static byte[] hmac(byte[] context, byte[] message) {
    if (context.length != 32) {
      throw new IllegalArgumentException("a CRAM-MD5 context is 32 octets, not " + context.length);
    }
    int[] outer = words(context, 0);
    int[] inner = words(context, 16);
    byte[] innerDigest = finish(inner, message);
    return finish(outer, innerDigest);
  }

  /** The padded key blocks' states for {@code key}, as Dovecot stores them (for tests). */
  static byte[] contextOf(byte[] key) {
    try {
      byte[] k = key.length > 64 ? MessageDigest.getInstance("MD5").digest(key) : key;
      byte[] ipad = new byte[64];
      byte[] opad = new byte[64];
      for (int i = 0; i < 64; i++) {
        byte b = i < k.length ? k[i] : 0;
        ipad[i] = (byte) (b ^ 0x36);
        opad[i] = (byte) (b ^ 0x5c);
      }
      int[] inner = initial();
      compress(inner, ipad, 0);
      int[] outer = initial();
      compress(outer, opad, 0);
      byte[] out = new byte[32];
      put(outer, out, 0);
      put(inner, out, 16);
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    }
  }

  private static int[] initial() {
    return new int[] {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  }

  /** MD5 of one 64-octet block already hashed into {@code state}, then {@code message}. */
  private static byte[] finish(int[] state, byte[] message) {
    long bits = (64L + message.length) * 8;
    int padded = ((message.length + 8) / 64 + 1) * 64;
    byte[] data = new byte[padded];
    System.arraycopy(message, 0, data, 0, message.length);
    data[message.length] = (byte) 0x80;
    for (int i = 0; i < 8; i++) {
      data[padded - 8 + i] = (byte) (bits >>> (8 * i));
    }
    int[] s = state.clone();
    for (int at = 0; at < padded; at += 64) {
      compress(s, data, at);
    }
    byte[] digest = new byte[16];
    put(s, digest, 0);
    return digest;
  }

  private static void compress(int[] state, byte[] block, int at) {
    int[] m = new int[16];
    for (int i = 0; i < 16; i++) {
      int p = at + i * 4;
      m[i] =
          (block[p] & 0xff)
              | (block[p + 1] & 0xff) << 8
              | (block[p + 2] & 0xff) << 16
              | (block[p + 3] & 0xff) << 24;
    }
    int a = state[0];
    int b = state[1];
    int c = state[2];
    int d = state[3];
    for (int i = 0; i < 64; i++) {
      int f;
      int g;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      int t = d;
      d = c;
      c = b;
      b = b + Integer.rotateLeft(a + f + K[i] + m[g], SHIFTS[i]);
      a = t;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
  }

  private static int[] words(byte[] bytes, int at) {
    int[] w = new int[4];
    for (int i = 0; i < 4; i++) {
      int p = at + i * 4;
      w[i] =
          (bytes[p] & 0xff)
              | (bytes[p + 1] & 0xff) << 8
              | (bytes[p + 2] & 0xff) << 16
              | (bytes[p + 3] & 0xff) << 24;
    }
    return w;
  }

  private static void put(int[] state, byte[] out, int at) {
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 4; k++) {
        out[at + i * 4 + k] = (byte) (state[i] >>> (8 * k));
      }
    }
  }
}
