package io.mdpop3j.maildir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A message file opened through {@link LinuxFileCalls}: {@code open(2)} with {@code O_NONBLOCK} and
 * {@code O_NOFOLLOW}, then {@code statx(2)} on the descriptor, so that a FIFO put in a message's
 * place is refused at once instead of blocking the session, and what is checked is what was opened
 * (no window between a check and the open). Reads go to {@code read(2)} through a per-thread direct
 * buffer, as the JDK's own file channels do.
 */
final class DescriptorFile implements RegularFile {

  private final Path path;
  private final long size;
  private final long inode;
  private int fd;
  // Octets read so far: at the size the file had when opened, the end is told without a read(2).
  private long position;

  private DescriptorFile(Path path, int fd, long size, long inode) {
    this.path = path;
    this.fd = fd;
    this.size = size;
    this.inode = inode;
  }

  /**
   * Opens {@code path} if it is a regular file.
   *
   * @throws NoSuchFileException when it is gone, a symbolic link, or not a regular file
   */
  static DescriptorFile open(Path path) throws IOException {
    int fd = LinuxFileCalls.openForReading(RawFileNames.cPath(path), path);
    boolean done = false;
    try {
      LinuxFileCalls.Status status = LinuxFileCalls.status(fd, path);
      if (status.type() != LinuxFileCalls.S_IFREG) {
        throw new NoSuchFileException(path.toString(), null, "not a regular file");
      }
      DescriptorFile file = new DescriptorFile(path, fd, status.size(), status.inode());
      done = true;
      return file;
    } finally {
      if (!done) {
        LinuxFileCalls.close(fd, path);
      }
    }
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    if (fd < 0) {
      throw new IOException(path + " is closed");
    }
    if (len == 0) {
      return 0;
    }
    // A message file is not written once delivered: what it held when opened is the message, and
    // its end is told without one more read(2).
    if (position >= size) {
      return -1;
    }
    int n = LinuxFileCalls.read(fd, b, off, (int) Math.min(len, size - position), path);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long inode() {
    return inode;
  }

  @Override
  public synchronized void close() {
    if (fd >= 0) {
      LinuxFileCalls.close(fd, path);
      fd = -1;
    }
  }
}
