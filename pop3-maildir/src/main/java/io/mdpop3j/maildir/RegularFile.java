package io.mdpop3j.maildir;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A regular file opened for reading: never a symbolic link, FIFO, device, socket or directory,
 * since {@link MessageFile#open} refuses those.
 */
sealed interface RegularFile extends Closeable permits DescriptorFile, ChannelFile {

  /** Reads up to {@code len} bytes into {@code b} at {@code off}; -1 at the end of the file. */
  int read(byte[] b, int off, int len) throws IOException;

  /** The file's length when it was opened. */
  long size();

  /** The inode number of the opened file, or -1 where the file system has none. */
  long inode() throws IOException;

  /** This file as a stream; closing the stream closes the file. */
  default InputStream stream() {
    return new Stream(this);
  }

  /** The stream of {@link #stream()}. */
  final class Stream extends InputStream {
    private final RegularFile file;

    Stream(RegularFile file) {
      this.file = file;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n;
      while ((n = file.read(one, 0, 1)) == 0) {
        // a zero-length read of a regular file is not the end; ask again
      }
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      return len == 0 ? 0 : file.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
