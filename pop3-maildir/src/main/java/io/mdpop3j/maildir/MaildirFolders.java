package io.mdpop3j.maildir;

import io.mdpop3j.core.spi.Account;
import io.mdpop3j.core.spi.MailStoreException;
import io.mdpop3j.core.spi.MailStoreException.Kind;
import io.mdpop3j.core.spi.Session;
import io.mdpop3j.maildir.MaildirSettings.Missing;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a Maildir and its {@code cur/}, {@code new/} and {@code tmp/} are there before a
 * session opens it, and what {@code maildir.missing} makes of a part that is not: created (as the
 * mailbox's owner), served as empty, or refused. Every refusal names what is wrong without the path
 * (the log has it), and a folder the server may not enter is "permission denied", never "missing".
 */
final class MaildirFolders {
  static final String[] SUBFOLDERS = {"cur", "new", "tmp"};

  private static final Logger log = LoggerFactory.getLogger(MaildirFolders.class);

  private MaildirFolders() {}

  /**
   * Makes {@code maildir} ready as {@code missing} says; returns false when there is no Maildir and
   * it is served as empty.
   *
   * @throws MailStoreException naming what is wrong
   */
  static boolean prepare(Session session, Path maildir, Account account, Missing missing)
      throws MailStoreException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(maildir, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return switch (missing) {
        case EMPTY -> {
          log.debug("session {}: no Maildir at {}; serving it empty", session.id(), maildir);
          yield false;
        }
        case FAIL -> {
          log.warn("session {}: no Maildir at {}", session.id(), maildir);
          throw new MailStoreException(Kind.PERMANENT, "Maildir does not exist.");
        }
        default -> createMaildir(session, maildir, account);
      };
    } catch (IOException e) {
      throw unreadable(session, maildir, e);
    }
    if (!a.isDirectory()) {
      log.warn("session {}: {} is not a directory", session.id(), maildir);
      throw new MailStoreException(Kind.PERMANENT, "Maildir is not a directory.");
    }
    List<String> absent = absentFolders(session, maildir);
    if (absent.isEmpty()) {
      return true;
    }
    return switch (missing) {
      case FAIL -> {
        log.warn("session {}: Maildir {} lacks {}/", session.id(), maildir, absent);
        throw new MailStoreException(
            Kind.PERMANENT, "Maildir is incomplete: " + absent.get(0) + "/ is missing.");
      }
      case EMPTY -> {
        log.warn(
            "session {}: Maildir {} lacks {}/; serving the mail of the other folders",
            session.id(),
            maildir,
            absent);
        yield true;
      }
      default -> {
        createFolders(session, maildir, account, absent);
        yield true;
      }
    };
  }

  /** The sub-folders that do not exist; refuses a Maildir whose folders cannot be checked. */
  private static List<String> absentFolders(Session session, Path maildir)
      throws MailStoreException {
    List<String> absent = new ArrayList<>(0);
    for (String sub : SUBFOLDERS) {
      Path dir = maildir.resolve(sub);
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        absent.add(sub);
        continue;
      } catch (IOException e) {
        throw unreadable(session, dir, e); // EACCES here: the Maildir cannot be entered
      }
      if (!a.isDirectory()) {
        log.warn("session {}: {} is not a directory", session.id(), dir);
        throw new MailStoreException(
            Kind.PERMANENT, "Maildir is damaged: " + sub + "/ is not a directory.");
      }
      if (!Files.isReadable(dir)) {
        throw unreadable(session, dir, new AccessDeniedException(dir.toString()));
      }
    }
    return absent;
  }

  /** Permission denied is permanent; any other failure to read may pass. */
  static MailStoreException unreadable(Session session, Path path, IOException e) {
    log.warn("session {}: cannot read Maildir {}: {}", session.id(), path, e.toString());
    if (e instanceof AccessDeniedException) {
      return new MailStoreException(
          Kind.PERMANENT, "Maildir cannot be read: permission denied.", e);
    }
    return new MailStoreException(Kind.TEMPORARY, "Maildir cannot be read now.", e);
  }

  /**
   * Creates the Maildir, not its parents (a home directory is the system's to make); returns false
   * when it cannot, and the mailbox is then served empty, as {@code missing=empty} would: there is
   * no mail in a Maildir that does not exist, and a login must not fail for want of a convenience.
   */
  private static boolean createMaildir(Session session, Path maildir, Account account) {
    try {
      createPrivateDirectory(maildir, account, maildir.toAbsolutePath().getParent());
      for (String sub : SUBFOLDERS) {
        createPrivateDirectory(maildir.resolve(sub), account, maildir);
      }
      log.info("session {}: created Maildir {}", session.id(), maildir);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "session {}: no Maildir at {} and it cannot be created ({}); serving what is there",
          session.id(),
          maildir,
          e.toString());
      return Files.isDirectory(maildir); // made in part: its folders are served as they are
    }
  }

  /** Creates what is absent; what cannot be made is logged, and the rest served as it is. */
  private static void createFolders(
      Session session, Path maildir, Account account, List<String> absent) {
    for (String sub : absent) {
      try {
        createPrivateDirectory(maildir.resolve(sub), account, maildir);
        log.info("session {}: created {}/ in Maildir {}", session.id(), sub, maildir);
      } catch (IOException | UnsupportedOperationException e) {
        log.warn(
            "session {}: cannot create {}/ in Maildir {} ({}); serving the other folders",
            session.id(),
            sub,
            maildir,
            e.toString());
      }
    }
  }

  /**
   * Creates {@code dir} with mode 0700, owned by the account's uid and gid when it has them, else,
   * when the server runs as root, by the owner of {@code parent} (a root server must not leave
   * folders in a user's Maildir that the user's delivery agent cannot write).
   */
  private static void createPrivateDirectory(Path dir, Account account, Path parent)
      throws IOException {
    try {
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
        return;
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
      return; // made meanwhile by another session or a delivery agent
    }
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    int uid;
    int gid;
    if (account.uid().isPresent() && account.gid().isPresent()) {
      uid = account.uid().getAsInt();
      gid = account.gid().getAsInt();
    } else if ((int) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) == 0
        && parent != null) {
      uid = (int) Files.getAttribute(parent, "unix:uid");
      gid = (int) Files.getAttribute(parent, "unix:gid");
    } else {
      return;
    }
    Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(dir, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }
}
