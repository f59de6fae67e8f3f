package io.mdpop3j.junit;

import io.mdpop3j.core.server.EndReason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished POP3 session, as the extension saw it.
 *
 * @param id the server's session id
 * @param user the user the client named, if it got that far
 * @param secure whether the session ran over TLS (implicit or after STLS) when it ended
 * @param commands the client's lines in order, passwords replaced by {@code <hidden>}
 * @param endReason how the session ended ({@link EndReason#QUIT} for a clean logout)
 * @param retrieved unique-ids of the messages the client fetched with RETR, in order
 * @param deleted unique-ids of the messages the store removed at QUIT
 * @param notRemoved unique-ids the client deleted but the store could not remove
 * @param loginFailures why each failed login of the session failed, as the extension saw it (for
 *     example {@code unknown user 'alice@localhost'}); the client only ever gets {@code -ERR}
 */
public record RecordedSession(
    String id,
    Optional<String> user,
    boolean secure,
    List<String> commands,
    EndReason endReason,
    List<String> retrieved,
    List<String> deleted,
    List<String> notRemoved,
    List<String> loginFailures) {

  public RecordedSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(endReason, "endReason");
    commands = List.copyOf(commands);
    retrieved = List.copyOf(retrieved);
    deleted = List.copyOf(deleted);
    notRemoved = List.copyOf(notRemoved);
    loginFailures = List.copyOf(loginFailures);
  }
}
