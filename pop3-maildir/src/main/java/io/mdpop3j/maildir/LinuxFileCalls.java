package io.mdpop3j.maildir;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The C library calls Java lacks for opening a file that may have been swapped for a FIFO: {@code
 * open(2)} with {@code O_NONBLOCK} (a FIFO then opens at once instead of waiting for a writer) and
 * {@code O_NOFOLLOW}, {@code statx(2)} on the descriptor (so the type checked is the type of what
 * was opened, with no window), {@code read(2)} and {@code close(2)}; and {@code statfs(2)}, whose
 * file system type says whether a folder's times can be trusted ({@link FileSystemKind}). Bound by
 * JNA direct mapping on 64-bit Linux; {@link #AVAILABLE} is false elsewhere, or where the binding
 * failed ({@link #UNAVAILABLE_BECAUSE} says why).
 */
final class LinuxFileCalls {
  /** O_NOFOLLOW is the one flag here whose value differs between these architectures. */
  private static final Map<String, Integer> O_NOFOLLOW_BY_ARCH =
      Map.of(
          "amd64", 0x20000, "x86_64", 0x20000, "riscv64", 0x20000, "s390x", 0x20000, "aarch64",
          0x8000, "ppc64le", 0x8000);

  private static final int O_NONBLOCK = 0x800;
  private static final int O_NOCTTY = 0x100;
  private static final int O_CLOEXEC = 0x80000;

  /** Flags of {@link #openForReading}: read only, never block, never follow a final link. */
  private static final int OPEN_FLAGS;

  private static final int AT_FDCWD = -100;
  private static final int AT_EMPTY_PATH = 0x1000;
  private static final int STATX_TYPE_MODE_INO_SIZE = 0x1 | 0x2 | 0x100 | 0x200;
  private static final int STATX_SIZE = 256;
  private static final int STX_MODE = 28;
  private static final int STX_INO = 32;
  private static final int STX_SIZE = 40;
  private static final int S_IFMT = 0170000;

  /** A file type of {@code st_mode}. */
  static final int S_IFREG = 0100000;

  private static final byte[] EMPTY_PATH = {0};

  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int ENXIO = 6;
  private static final int EINTR = 4;
  private static final int EACCES = 13;
  private static final int ENOTDIR = 20;
  private static final int ELOOP = 40;

  /** Whether the calls are bound. */
  static final boolean AVAILABLE;

  /** Why they are not, or null. */
  static final String UNAVAILABLE_BECAUSE;

  static {
    String why = null;
    Integer noFollow =
        O_NOFOLLOW_BY_ARCH.get(System.getProperty("os.arch", "").toLowerCase(Locale.ROOT));
    if (!System.getProperty("os.name", "").equals("Linux")) {
      why = "not Linux";
    } else if (noFollow == null) {
      why = "O_NOFOLLOW of architecture " + System.getProperty("os.arch") + " is not known here";
    } else {
      try {
        if (Native.LONG_SIZE != 8) {
          why = "not a 64-bit C library";
        } else {
          Native.register(LinuxFileCalls.class, Platform.C_LIBRARY_NAME);
          // A first call proves the binding, and that the kernel has statx (Linux 4.11).
          statx(AT_FDCWD, new byte[] {'/', 0}, 0, STATX_TYPE_MODE_INO_SIZE, Buffers.get().stat);
        }
      } catch (LinkageError | RuntimeException e) {
        why = "JNA could not bind open/statx/read/close: " + e;
      }
    }
    OPEN_FLAGS = noFollow == null ? 0 : O_NONBLOCK | O_NOCTTY | O_CLOEXEC | noFollow;
    AVAILABLE = why == null;
    UNAVAILABLE_BECAUSE = why;
  }

  private LinuxFileCalls() {}

  private static native int open(byte[] path, int flags) throws LastErrorException;

  private static native int statx(int dirfd, byte[] path, int flags, int mask, ByteBuffer buffer)
      throws LastErrorException;

  private static native long read(int fd, ByteBuffer buffer, long count) throws LastErrorException;

  private static native int close(int fd) throws LastErrorException;

  private static native int statfs(byte[] path, ByteBuffer buffer) throws LastErrorException;

  /**
   * Room for {@code struct statfs} (120 bytes on the 64-bit architectures above). Its first field
   * is {@code f_type}: a {@code long} on all of them but s390x, where it is an {@code unsigned
   * int}; a magic number fits in 32 bits, so the four bytes at offset 0 in native order are it on
   * each.
   */
  private static final int STATFS_SIZE = 256;

  /** Per thread: the statx result, and a direct buffer that read(2) fills. */
  static final class Buffers {
    private static final ThreadLocal<Buffers> OF_THREAD = ThreadLocal.withInitial(Buffers::new);
    static final int DATA_SIZE = 128 * 1024;

    final ByteBuffer stat = ByteBuffer.allocateDirect(STATX_SIZE).order(ByteOrder.nativeOrder());
    final ByteBuffer data = ByteBuffer.allocateDirect(DATA_SIZE);
    final ByteBuffer fileSystem =
        ByteBuffer.allocateDirect(STATFS_SIZE).order(ByteOrder.nativeOrder());

    static Buffers get() {
      return OF_THREAD.get();
    }
  }

  /** What statx told of an open file. */
  record Status(int type, long inode, long size) {}

  /**
   * Opens {@code path} (its bytes, NUL-terminated) read-only without blocking and without following
   * a final symbolic link; returns the descriptor.
   */
  static int openForReading(byte[] path, Path forMessages) throws IOException {
    try {
      return open(path, OPEN_FLAGS);
    } catch (LastErrorException e) {
      throw failure(forMessages, e);
    }
  }

  /** The type, inode and size of the file open as {@code fd}. */
  static Status status(int fd, Path forMessages) throws IOException {
    ByteBuffer b = Buffers.get().stat;
    try {
      statx(fd, EMPTY_PATH, AT_EMPTY_PATH, STATX_TYPE_MODE_INO_SIZE, b);
    } catch (LastErrorException e) {
      throw failure(forMessages, e);
    }
    return new Status(
        (b.getShort(STX_MODE) & 0xffff) & S_IFMT, b.getLong(STX_INO), b.getLong(STX_SIZE));
  }

  /**
   * The {@code f_type} magic number of the file system that holds {@code path} (linux/magic.h), or
   * -1 when the calls are not bound or {@code statfs(2)} fails.
   */
  static long fileSystemMagic(Path path) {
    if (!AVAILABLE) {
      return -1;
    }
    ByteBuffer b = Buffers.get().fileSystem;
    try {
      statfs(RawFileNames.cPath(path), b);
    } catch (LastErrorException | IllegalArgumentException e) {
      return -1;
    }
    return b.getInt(0) & 0xFFFF_FFFFL;
  }

  /** Reads up to {@code len} bytes into {@code b}; -1 at the end of the file. */
  static int read(int fd, byte[] b, int off, int len, Path forMessages) throws IOException {
    ByteBuffer data = Buffers.get().data;
    int want = Math.min(len, Buffers.DATA_SIZE);
    while (true) {
      long n;
      try {
        n = read(fd, data, want); // the buffer's start, whatever its position
      } catch (LastErrorException e) {
        if (e.getErrorCode() == EINTR) {
          continue;
        }
        throw failure(forMessages, e);
      }
      if (n <= 0) {
        return n == 0 && want > 0 ? -1 : 0;
      }
      data.get(0, b, off, (int) n);
      return (int) n;
    }
  }

  /** Closes {@code fd}; a failure to close a read-only descriptor loses nothing. */
  static void close(int fd, Path forMessages) {
    try {
      close(fd);
    } catch (LastErrorException e) {
      // The descriptor is released whatever close(2) answers (Linux); only the log is left.
      org.slf4j.LoggerFactory.getLogger(LinuxFileCalls.class)
          .debug("close of {} failed: {}", forMessages, e.getMessage());
    }
  }

  /** The exception Java's own file calls would throw for {@code errno}. */
  private static IOException failure(Path file, LastErrorException e) {
    String name = file.toString();
    return switch (e.getErrorCode()) {
      case ENOENT, ENOTDIR -> new NoSuchFileException(name);
      case ELOOP -> new NoSuchFileException(name, null, "a symbolic link, not followed");
      case ENXIO -> new NoSuchFileException(name, null, "not a regular file");
      case EACCES, EPERM -> new AccessDeniedException(name);
      default -> new FileSystemException(name, null, e.getMessage());
    };
  }
}
