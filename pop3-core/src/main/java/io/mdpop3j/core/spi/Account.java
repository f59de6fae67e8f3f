package io.mdpop3j.core.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An authenticated identity, as storage needs it.
 *
 * @param user the user name the mailbox belongs to (may differ from the name the client typed, when
 *     an authenticator maps it)
 * @param home the home directory, if the account has one
 * @param maildir a mailbox location that overrides the store's default (for example the {@code
 *     MAILDIR} a PAM module sets); a relative path is relative to {@code home}
 * @param uid the numeric user id a one-session process should switch to, if known
 * @param gid the numeric group id a one-session process should switch to, if known
 * @param attributes further facts from the authenticator (for example passwd-file extra fields)
 */
public record Account(
    String user,
    Optional<Path> home,
    Optional<String> maildir,
    OptionalInt uid,
    OptionalInt gid,
    Map<String, String> attributes) {

  public Account {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(maildir, "maildir");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(gid, "gid");
    attributes = Map.copyOf(attributes);
  }

  /** An account with only a name: no home, no maildir override, no ids. */
  public static Account named(String user) {
    return new Account(
        user,
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        Map.of());
  }

  /** This account with the given home directory. */
  public Account withHome(Path newHome) {
    return new Account(user, Optional.of(newHome), maildir, uid, gid, attributes);
  }

  /** This account with the given maildir override. */
  public Account withMaildir(String newMaildir) {
    return new Account(user, home, Optional.of(newMaildir), uid, gid, attributes);
  }

  /** This account with the given numeric user and group ids. */
  public Account withIds(int newUid, int newGid) {
    return new Account(
        user, home, maildir, OptionalInt.of(newUid), OptionalInt.of(newGid), attributes);
  }

  /** This account with the given attributes, replacing the old ones. */
  public Account withAttributes(Map<String, String> newAttributes) {
    return new Account(user, home, maildir, uid, gid, newAttributes);
  }
}
