package io.mdpop3j.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * A message file opened with Java's own calls, where {@link LinuxFileCalls} are not available: a
 * no-follow check that it is a regular file, then an open with {@code O_NOFOLLOW}. A link swapped
 * in after the check fails to open; a FIFO swapped in between the check and the open is opened, and
 * that blocks until a writer comes (Java cannot open with {@code O_NONBLOCK}).
 */
final class ChannelFile implements RegularFile {

  private final Path path;
  private final SeekableByteChannel channel;
  private final long size;

  private ChannelFile(Path path, SeekableByteChannel channel, long size) {
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  /**
   * Opens {@code path} if it is a regular file.
   *
   * @throws NoSuchFileException when it is gone, a symbolic link, or not a regular file
   */
  static ChannelFile open(Path path) throws IOException {
    if (!MessageFile.stat(path).isRegularFile()) {
      throw new NoSuchFileException(path.toString(), null, "not a regular file");
    }
    SeekableByteChannel channel =
        Files.newByteChannel(path, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    try {
      return new ChannelFile(path, channel, channel.size());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return channel.read(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long inode() throws IOException {
    return MessageFile.inode(path);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
