package io.mdpop3j.libc;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Calls one of the C library's reentrant by-name lookups, which share one shape: {@code int f(const
 * char *name, struct *entry, char *buffer, size_t size, struct **result)} ({@code getpwnam_r(3)},
 * {@code getspnam_r(3)}). The buffer grows while the library answers {@code ERANGE}; the call is
 * repeated on {@code EINTR}; the buffer and the structure are wiped before they are freed, since
 * they may hold a password hash.
 */
public final class ReentrantLookup {

  // Linux errno values.
  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int ESRCH = 3;
  private static final int EINTR = 4;
  private static final int EBADF = 9;
  private static final int ERANGE = 34;

  private static final int FIRST_BUFFER = 4096;
  private static final int MAX_BUFFER = 1 << 20;

  private ReentrantLookup() {}

  /**
   * Looks {@code name} up with {@code function}, which fills {@code entry}; {@code reader} copies
   * what the caller needs out of it while the buffer its strings point into still exists.
   *
   * @param name the key, sent as UTF-8; it must not contain NUL
   */
  public static <T> Lookup<T> byName(
      Function function, String name, Structure entry, Supplier<T> reader) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    try (Memory cName = CStrings.of(nameBytes)) {
      int size = FIRST_BUFFER;
      while (true) {
        try (Memory buffer = new Memory(size)) {
          try {
            PointerByReference result = new PointerByReference();
            int rc =
                function.invokeInt(
                    new Object[] {cName, entry.getPointer(), buffer, new NativeLong(size), result});
            if (rc == ERANGE && size < MAX_BUFFER) {
              size *= 2;
              continue;
            }
            if (rc == EINTR) {
              continue;
            }
            if (rc != 0) {
              // getpwnam(3): these mean "not found" from some NSS sources rather than a failure.
              return rc == ENOENT || rc == ESRCH || rc == EBADF || rc == EPERM
                  ? Lookup.notFound()
                  : Lookup.failed(rc);
            }
            if (result.getValue() == null) {
              return Lookup.notFound();
            }
            entry.read();
            return Lookup.found(reader.get());
          } finally {
            buffer.clear();
            entry.getPointer().clear(entry.size());
          }
        }
      }
    }
  }
}
