package io.mdpop3j.libc;

import java.util.Objects;

/**
 * The result of one lookup in a C library database: an entry, no such entry, or the error number
 * the library returned.
 *
 * @param <T> the entry
 * @param entry the entry when found, else {@code null}
 * @param error the library's error number when it failed, else 0
 */
public record Lookup<T>(T entry, int error) {

  /** Found {@code entry}. */
  public static <T> Lookup<T> found(T entry) {
    return new Lookup<>(Objects.requireNonNull(entry), 0);
  }

  /** The database has no such entry. */
  public static <T> Lookup<T> notFound() {
    return new Lookup<>(null, 0);
  }

  /** The database could not be asked; {@code error} is the library's error number. */
  public static <T> Lookup<T> failed(int error) {
    return new Lookup<>(null, error);
  }

  /** Whether an entry was found. */
  public boolean isFound() {
    return entry != null;
  }

  /** Whether the lookup failed, as opposed to finding no entry. */
  public boolean isFailed() {
    return error != 0;
  }
}
