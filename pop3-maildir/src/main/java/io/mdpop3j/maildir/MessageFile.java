package io.mdpop3j.maildir;

import io.mdpop3j.core.protocol.WireSize;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Set;

/**
 * Opens message files without following symbolic links, so that a link in {@code cur/} pointing at
 * another user's file can never be served, whatever user the server runs as.
 */
final class MessageFile {

  private MessageFile() {}

  /** The attributes of {@code file} itself (a link is not followed). */
  static BasicFileAttributes stat(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Opens {@code file} for reading if it is a regular file.
   *
   * @throws NoSuchFileException when it is gone or is not a regular file (a link, a FIFO, a
   *     directory), since then it is not a message
   */
  static SeekableByteChannel open(Path file) throws IOException {
    BasicFileAttributes before = stat(file);
    if (!before.isRegularFile()) {
      throw new NoSuchFileException(file.toString(), null, "not a regular file");
    }
    // O_NOFOLLOW: a link swapped in after the check fails to open instead of being followed.
    return Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
  }

  /** The RFC 1939 wire size of {@code file}, read through {@code buffer}. */
  static long wireSize(Path file, ByteBuffer buffer) throws IOException {
    WireSize size = new WireSize();
    try (SeekableByteChannel in = open(file)) {
      while (true) {
        buffer.clear();
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        size.update(buffer.array(), 0, n);
      }
    }
    return size.size();
  }

  /**
   * At most {@code max} bytes from the start of {@code file}, read as {@link #open} does: a link,
   * FIFO or directory planted under a name this store owns is never followed nor blocked on.
   */
  static byte[] readHead(Path file, int max) throws IOException {
    try (SeekableByteChannel in = open(file)) {
      ByteBuffer buffer = ByteBuffer.allocate(max);
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // keep reading until full or at the end
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /** The whole of {@code file}, read as {@link #open} does. */
  static byte[] readAll(Path file) throws IOException {
    try (SeekableByteChannel in = open(file)) {
      long size = in.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new IOException(file + " is too large to read whole: " + size + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // a file that shrank meanwhile gives what is there
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }
}
