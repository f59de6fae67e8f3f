package io.mdpop3j.maildir;

import java.nio.file.Path;
import java.util.Map;

/**
 * Who owns the times of a folder: this kernel alone ({@link #LOCAL}), or a client that may show
 * times it cached while another host changed the folder ({@link #SHARED}). Told by the {@code
 * f_type} magic number {@code statfs(2)} reports (linux/magic.h, statfs(2)).
 */
enum FileSystemKind {
  /**
   * A file system whose every change goes through this kernel, which sets a folder's modification
   * and change times as it changes the folder: what {@code stat} shows is the truth.
   */
  LOCAL,
  /**
   * A network, cluster or FUSE file system: its client may answer {@code stat} from attributes it
   * cached for a while (NFS {@code actimeo}, FUSE {@code attribute-timeout}), so a folder's times
   * may be older than its entries.
   */
  SHARED,
  /** A magic number not in the table, or no {@code statfs(2)} to ask: treated as shared. */
  UNKNOWN;

  /**
   * The magic numbers known here. Local: the kernel's own disk and memory file systems, and
   * overlayfs (its upper layer must be one of them; a change of a lower layer under a mounted
   * overlay is not supported by the kernel). Shared: everything whose attributes come from
   * elsewhere; FUSE is shared whatever its daemon does (GlusterFS, sshfs, virtiofs, s3fs and
   * ntfs-3g all report the one FUSE magic), and so are cluster file systems on a shared disk (GFS2,
   * OCFS2), whose other nodes change folders without this kernel.
   */
  private static final Map<Long, FileSystemKind> BY_MAGIC =
      Map.ofEntries(
          Map.entry(0xEF53L, LOCAL), // ext2, ext3, ext4
          Map.entry(0x58465342L, LOCAL), // xfs
          Map.entry(0x9123683EL, LOCAL), // btrfs
          Map.entry(0x01021994L, LOCAL), // tmpfs
          Map.entry(0x858458F6L, LOCAL), // ramfs
          Map.entry(0x794C7630L, LOCAL), // overlayfs
          Map.entry(0x2FC12FC1L, LOCAL), // zfs (OpenZFS)
          Map.entry(0xF2F52010L, LOCAL), // f2fs
          Map.entry(0x52654973L, LOCAL), // reiserfs
          Map.entry(0x3153464AL, LOCAL), // jfs
          Map.entry(0xCA451A4EL, LOCAL), // bcachefs
          Map.entry(0x3434L, LOCAL), // nilfs2
          Map.entry(0x7366746EL, LOCAL), // ntfs3
          Map.entry(0x5346544EL, LOCAL), // ntfs (the older driver)
          Map.entry(0x2011BAB0L, LOCAL), // exfat
          Map.entry(0x4D44L, LOCAL), // vfat, msdos
          Map.entry(0x6969L, SHARED), // NFS (v2, v3, v4)
          Map.entry(0x65735546L, SHARED), // FUSE (GlusterFS, sshfs, virtiofs, CephFS-fuse …)
          Map.entry(0xFF534D42L, SHARED), // CIFS
          Map.entry(0xFE534D42L, SHARED), // SMB2
          Map.entry(0x517BL, SHARED), // SMB
          Map.entry(0x00C36400L, SHARED), // CephFS (kernel client)
          Map.entry(0x01161970L, SHARED), // GFS2
          Map.entry(0x7461636FL, SHARED), // OCFS2
          Map.entry(0x01021997L, SHARED), // 9P (v9fs)
          Map.entry(0x5346414FL, SHARED), // AFS (OpenAFS)
          Map.entry(0x6B414653L, SHARED), // kAFS
          Map.entry(0x73757245L, SHARED), // Coda
          Map.entry(0x564CL, SHARED), // NCP
          Map.entry(0x0BD00BD0L, SHARED), // Lustre
          Map.entry(0x47504653L, SHARED), // GPFS (IBM Storage Scale)
          Map.entry(0x19830326L, SHARED), // BeeGFS
          Map.entry(0x20030528L, SHARED)); // OrangeFS (PVFS2)

  /** The kind of the file system whose {@code statfs(2)} {@code f_type} is {@code magic}. */
  static FileSystemKind ofMagic(long magic) {
    return BY_MAGIC.getOrDefault(magic & 0xFFFF_FFFFL, UNKNOWN);
  }

  /**
   * The kind of the file systems of {@code maildir}'s {@code new/} and {@code cur/} (either may be
   * a mount of its own): {@link #LOCAL} only when both are.
   */
  static FileSystemKind ofMaildir(Path maildir) {
    FileSystemKind ofNew = of(maildir.resolve(MaildirScanner.FOLDERS[MaildirScanner.NEW]));
    if (ofNew != LOCAL) {
      return ofNew;
    }
    return of(maildir.resolve(MaildirScanner.FOLDERS[MaildirScanner.CUR]));
  }

  /**
   * The kind of the file system that holds {@code folder}; {@link #UNKNOWN} where {@code statfs(2)}
   * cannot be called ({@link LinuxFileCalls#AVAILABLE}) or fails.
   */
  static FileSystemKind of(Path folder) {
    long magic = LinuxFileCalls.fileSystemMagic(folder);
    return magic < 0 ? UNKNOWN : ofMagic(magic);
  }
}
