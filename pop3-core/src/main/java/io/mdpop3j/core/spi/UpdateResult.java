package io.mdpop3j.core.spi;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link Mailbox#update} managed to do.
 *
 * @param notRemoved indexes (0-based) of messages marked deleted that are still there
 * @param temporary whether retrying later could remove them ({@code [SYS/TEMP]} rather than {@code
 *     [SYS/PERM]})
 */
public record UpdateResult(Set<Integer> notRemoved, boolean temporary) {
  public UpdateResult {
    notRemoved = Set.copyOf(Objects.requireNonNull(notRemoved, "notRemoved"));
  }

  /** Every marked message was removed. */
  public static UpdateResult allRemoved() {
    return new UpdateResult(Set.of(), false);
  }

  /** Whether every marked message was removed. */
  public boolean complete() {
    return notRemoved.isEmpty();
  }
}
