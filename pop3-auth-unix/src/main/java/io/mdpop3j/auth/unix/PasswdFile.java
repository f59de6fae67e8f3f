package io.mdpop3j.auth.unix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A passwd-file that is read again whenever it changes: each lookup compares the file's size,
 * modification time and identity (inode) with those of the version in memory, so an edit in place
 * and a replacement by rename are both seen without a restart.
 */
final class PasswdFile {

  private static final Logger log = LoggerFactory.getLogger(PasswdFile.class);

  private record Stamp(long size, FileTime modified, Object fileKey) {}

  private final Path path;
  private final PasswdFileParser parser;
  private Stamp stamp;
  private PasswdFileParser.Parsed current;

  PasswdFile(Path path, PasswdFileParser parser) {
    this.path = path;
    this.parser = parser;
  }

  /** The path of the file. */
  Path path() {
    return path;
  }

  /**
   * The users as the file says now, read again if it changed since the last call.
   *
   * @throws IOException when the file cannot be read; the old version is not used then, since the
   *     change may have removed a user
   */
  synchronized PasswdFileParser.Parsed current() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    Stamp now = new Stamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    if (current != null && Objects.equals(now, stamp)) {
      return current;
    }
    // Taken before reading: a change made while reading shows up at the next lookup.
    String content = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    PasswdFileParser.Parsed parsed = parser.parse(content);
    for (PasswdFileParser.Problem problem : parsed.problems()) {
      log.warn("passwd-file {}: skipped {}", path, problem);
    }
    log.info(
        "passwd-file {}: {} {} users",
        path,
        current == null ? "loaded" : "reloaded",
        parsed.users().size());
    current = parsed;
    stamp = now;
    return parsed;
  }
}
