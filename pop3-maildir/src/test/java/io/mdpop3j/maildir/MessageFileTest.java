package io.mdpop3j.maildir;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Message files are opened without following links and without ever waiting on a FIFO. */
class MessageFileTest {

  @TempDir Path dir;
  Path fifo;

  @BeforeEach
  void fifo() throws Exception {
    fifo = dir.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
  }

  @Test
  void onLinuxTheOpenThatCannotBlockIsBound() {
    assertTrue(
        !System.getProperty("os.name").equals("Linux") || LinuxFileCalls.AVAILABLE,
        "JNA binding failed: " + LinuxFileCalls.UNAVAILABLE_BECAUSE);
  }

  @Test
  @Timeout(10)
  void aFifoOpenedWithoutAnyCheckBeforeIsRefusedAtOnce() {
    // What is opened is what is checked, so there is no window between a check and the open.
    if (LinuxFileCalls.AVAILABLE) {
      assertThrows(NoSuchFileException.class, () -> DescriptorFile.open(fifo));
    }
    assertThrows(NoSuchFileException.class, () -> MessageFile.open(fifo));
    assertThrows(NoSuchFileException.class, () -> ChannelFile.open(fifo));
  }

  @Test
  void aSymbolicLinkOrADirectoryIsNeitherFollowedNorOpened() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x\n");
    Path link = Files.createSymbolicLink(dir.resolve("link"), file);
    Path folder = Files.createDirectory(dir.resolve("folder"));
    for (Path p : new Path[] {link, folder}) {
      assertThrows(NoSuchFileException.class, () -> MessageFile.open(p), p.toString());
      assertThrows(NoSuchFileException.class, () -> ChannelFile.open(p), p.toString());
    }
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> MessageFile.open(dir.resolve("gone")));
  }

  @Test
  void aLargeFileReadsBackByteForByteWithItsSizeAndInode() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    Path file = Files.write(dir.resolve("large"), content);
    long inode = (Long) Files.getAttribute(file, "unix:ino");
    for (RegularFile f : new RegularFile[] {MessageFile.open(file), ChannelFile.open(file)}) {
      try (InputStream in = f.stream()) {
        assertEquals(content.length, f.size());
        assertEquals(inode, f.inode());
        assertEquals(content[0] & 0xff, in.read());
        byte[] rest = in.readAllBytes();
        assertEquals(content.length - 1, rest.length);
        assertTrue(java.util.Arrays.equals(content, 1, content.length, rest, 0, rest.length));
        assertEquals(-1, in.read());
      }
    }
  }

  @Test
  void aFileWithARawByteNameOpens() throws Exception {
    Path file = TestMaildir.rawPath(dir, new byte[] {'x', (byte) 0xff, (byte) 0xc3});
    Files.writeString(file, "raw\n");
    assertEquals("raw\n", new String(MessageFile.readAll(file), US_ASCII));
  }

  @Test
  void aMessageReadsAsItWasWhenOpenedThoughTheFileGrowsAfter() throws Exception {
    // Its end is told from the size at open, without asking the file again.
    if (!LinuxFileCalls.AVAILABLE) {
      return;
    }
    Path file = Files.writeString(dir.resolve("growing"), "first\n");
    try (InputStream in = DescriptorFile.open(file).stream()) {
      Files.writeString(file, "second\n", java.nio.file.StandardOpenOption.APPEND);
      assertEquals("first\n", new String(in.readAllBytes(), US_ASCII));
      assertEquals(-1, in.read());
    }
  }
}
