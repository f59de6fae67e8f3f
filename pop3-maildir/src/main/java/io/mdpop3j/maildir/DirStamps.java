package io.mdpop3j.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The state of {@code new/} and {@code cur/} as their inode numbers, modification and change times
 * tell it. Adding, removing or renaming an entry changes a folder's times, so on a local disk a
 * folder with the same stamp holds the same names. A stamp is written only once it has settled:
 * times two seconds or more in the past, so that a change in the same clock tick as the listing
 * (file systems keep coarse times) cannot leave the times as they were.
 *
 * <p>What a stamp may prove depends on who keeps the times (issue 18). Where this kernel makes
 * every change of the folder itself ({@link FileSystemKind#LOCAL}), the change time moves with each
 * change and nothing in user space can put it back, so an unchanged stamp (inode, and both times to
 * the nanosecond) proves unchanged names and the cached listing is reused. On a shared file system
 * whose client caches attributes (GlusterFS over FUSE, NFS) host B may read a folder's old times
 * for a second or more after host A deleted or delivered a message; there a stamp never stands for
 * the listing, and only lets the scanner skip the {@code stat} of a file whose exact name the cache
 * holds: wrong, it can keep a cached size of a file rewritten in place, which no Maildir program
 * does, and which RETR notices.
 */
record DirStamps(String token, boolean settled) {

  /** How old both folders' times must be before a listing taken now may be reused. */
  static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** The stamps of {@code maildir}'s folders now, or null when a folder cannot be read. */
  static DirStamps read(Path maildir) {
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    StringBuilder token = new StringBuilder(96);
    boolean settled = true;
    for (String folder : MaildirScanner.FOLDERS) {
      Map<String, Object> a;
      try {
        a =
            Files.readAttributes(
                maildir.resolve(folder),
                "unix:ino,lastModifiedTime,ctime",
                LinkOption.NOFOLLOW_LINKS);
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        return null; // no such view or no folder: no stamp, so the folders are listed
      }
      long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
      long ctime = ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
      settled &= now - mtime >= SETTLE_NANOS && now - ctime >= SETTLE_NANOS;
      if (token.length() > 0) {
        token.append(',');
      }
      token.append(a.get("ino")).append(':').append(mtime).append(':').append(ctime);
    }
    return new DirStamps(token.toString(), settled);
  }
}
