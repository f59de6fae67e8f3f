package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which file systems keep a folder's times in this kernel (issue 18's stale stamps). */
class FileSystemKindTest {

  /** Mount-table names of file systems the table calls local. */
  private static final Set<String> LOCAL_TYPES =
      Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "f2fs");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} is {2}")
  @CsvSource({
    "ext4, EF53, LOCAL",
    "xfs, 58465342, LOCAL",
    "btrfs, 9123683E, LOCAL",
    "tmpfs, 01021994, LOCAL",
    "overlayfs, 794C7630, LOCAL",
    "zfs, 2FC12FC1, LOCAL",
    "f2fs, F2F52010, LOCAL",
    "NFS, 6969, SHARED",
    "FUSE (GlusterFS), 65735546, SHARED",
    "CIFS, FF534D42, SHARED",
    "SMB2, FE534D42, SHARED",
    "CephFS, 00C36400, SHARED",
    "GFS2, 01161970, SHARED",
    "OCFS2, 7461636F, SHARED",
    "9P, 01021997, SHARED",
    "AFS, 5346414F, SHARED",
    "procfs (not a table entry), 9FA0, UNKNOWN",
    "a made-up magic, 12345678, UNKNOWN"
  })
  void theMagicNumberTellsTheKind(String name, String hex, FileSystemKind expected) {
    assertEquals(expected, FileSystemKind.ofMagic(Long.parseLong(hex, 16)), name);
  }

  @Test
  void aMagicReadAsASignedIntIsTheSameFileSystem() {
    // CIFS's magic has its top bit set: f_type read as a C int is negative.
    assertEquals(FileSystemKind.SHARED, FileSystemKind.ofMagic((int) 0xFF534D42L));
    assertEquals(FileSystemKind.LOCAL, FileSystemKind.ofMagic((int) 0xF2F52010L));
  }

  @Test
  void statfsOfTheTemporaryFolderAgreesWithTheMountTable() throws IOException {
    assumeTrue(LinuxFileCalls.AVAILABLE, "statfs(2) is bound on 64-bit Linux only");
    String type = Files.getFileStore(dir).type();
    assumeTrue(LOCAL_TYPES.contains(type), "the temporary folder is on " + type);
    assertEquals(
        FileSystemKind.LOCAL,
        FileSystemKind.of(dir),
        "magic 0x" + Long.toHexString(LinuxFileCalls.fileSystemMagic(dir)) + " for " + type);
  }

  @Test
  void aMaildirOnTheTemporaryFolderIsLocalWhenBothFoldersAre() throws IOException {
    assumeTrue(LinuxFileCalls.AVAILABLE, "statfs(2) is bound on 64-bit Linux only");
    assumeTrue(LOCAL_TYPES.contains(Files.getFileStore(dir).type()));
    TestMaildir maildir = TestMaildir.create(dir);
    assertEquals(FileSystemKind.LOCAL, FileSystemKind.ofMaildir(maildir.dir));
  }

  @Test
  void procIsNotLocalSinceItsMagicIsNotInTheTable() {
    assumeTrue(LinuxFileCalls.AVAILABLE && Files.isDirectory(Path.of("/proc/self")));
    assertEquals(0x9FA0L, LinuxFileCalls.fileSystemMagic(Path.of("/proc/self")));
    assertEquals(FileSystemKind.UNKNOWN, FileSystemKind.of(Path.of("/proc/self")));
  }

  @Test
  void aFolderThatDoesNotExistIsUnknown() {
    assertEquals(FileSystemKind.UNKNOWN, FileSystemKind.of(dir.resolve("no-such-folder")));
  }
}
