package io.mdpop3j.libc;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of one passwd entry ({@code struct passwd}) that the authenticators use.
 *
 * @param name {@code pw_name}
 * @param passwd {@code pw_passwd}: a hash, or {@code x} when the hash is in shadow
 * @param uid {@code pw_uid}
 * @param gid {@code pw_gid}
 * @param home {@code pw_dir}, decoded as the JDK decodes file names; empty when unset
 */
public record PasswdEntry(String name, String passwd, int uid, int gid, String home) {

  /** The home directory as a path; empty when unset or not a path this platform can use. */
  public Optional<Path> homePath() {
    if (home.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(home));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
