package io.mdpop3j.maildir;

import io.mdpop3j.core.wire.WireSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens message files so that nothing planted under a message's name can hurt the server: a
 * symbolic link is never followed (a link in {@code cur/} pointing at another user's file is never
 * served, whatever user the server runs as), and a FIFO, device, socket or directory is refused
 * without being waited on. On 64-bit Linux this holds without any window ({@link DescriptorFile});
 * elsewhere the check comes just before the open ({@link ChannelFile}) and the server logs once
 * that it is so.
 */
final class MessageFile {
  private static final Logger log = LoggerFactory.getLogger(MessageFile.class);
  private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

  private MessageFile() {}

  /** The attributes of {@code file} itself (a link is not followed). */
  static BasicFileAttributes stat(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  /** The inode number of {@code file} itself, or -1 where the file system has none. */
  static long inode(Path file) throws IOException {
    try {
      return ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }

  /**
   * Opens {@code file} for reading if it is a regular file; never blocks on a FIFO (see the class
   * comment for where that holds).
   *
   * @throws NoSuchFileException when it is gone or is not a regular file (a link, a FIFO, a
   *     directory), since then it is not a message
   */
  static RegularFile open(Path file) throws IOException {
    if (Binding.AVAILABLE) {
      return DescriptorFile.open(file);
    }
    if (FALLBACK_LOGGED.compareAndSet(false, true)) {
      log.warn(
          "message files are opened without O_NONBLOCK ({}): a FIFO put in a message's place"
              + " between the check and the open would block that session",
          Binding.WHY);
    }
    return ChannelFile.open(file);
  }

  /** Whether {@link LinuxFileCalls} could be bound; loading JNA may fail, and must not fail us. */
  private static final class Binding {
    static final boolean AVAILABLE;
    static final String WHY;

    static {
      boolean available = false;
      String why;
      try {
        available = LinuxFileCalls.AVAILABLE;
        why = LinuxFileCalls.UNAVAILABLE_BECAUSE;
      } catch (LinkageError e) {
        why = "JNA is not usable: " + e;
      }
      AVAILABLE = available;
      WHY = why;
    }
  }

  /** The RFC 1939 wire size of {@code file}, read through {@code buffer}. */
  static long wireSize(Path file, ByteBuffer buffer) throws IOException {
    WireSize size = new WireSize();
    // The caller's buffer is ByteBuffer.allocate'd: its array starts at offset 0.
    @SuppressWarnings("ByteBufferBackingArray")
    byte[] b = buffer.array();
    try (RegularFile in = open(file)) {
      int n;
      while ((n = in.read(b, 0, b.length)) >= 0) {
        size.update(b, 0, n);
      }
    }
    return size.size();
  }

  /**
   * At most {@code max} bytes from the start of {@code file}, read as {@link #open} does: a link,
   * FIFO or directory planted under a name this store owns is never followed nor blocked on.
   */
  static byte[] readHead(Path file, int max) throws IOException {
    try (RegularFile in = open(file)) {
      return readUpTo(in, max);
    }
  }

  /** The whole of {@code file}, read as {@link #open} does. */
  static byte[] readAll(Path file) throws IOException {
    try (RegularFile in = open(file)) {
      long size = in.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new IOException(file + " is too large to read whole: " + size + " bytes");
      }
      return readUpTo(in, (int) size); // a file that shrank meanwhile gives what is there
    }
  }

  private static byte[] readUpTo(RegularFile in, int max) throws IOException {
    byte[] b = new byte[max];
    int at = 0;
    int n;
    while (at < max && (n = in.read(b, at, max - at)) >= 0) {
      at += n;
    }
    return at == max ? b : Arrays.copyOf(b, at);
  }
}
