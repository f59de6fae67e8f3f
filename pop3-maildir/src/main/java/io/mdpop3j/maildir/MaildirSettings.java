package io.mdpop3j.maildir;

import io.mdpop3j.core.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link MaildirStore} finds, reads and changes Maildirs. Every setting has a short key (the
 * provider's, written {@code maildir.<key>} outside) and a default; see docs/maildir.md.
 *
 * @param subdir the Maildir below the home directory when the account names none ({@code subdir},
 *     default {@code Maildir}; {@code .} is the home directory itself)
 * @param missing what a missing Maildir, or a missing {@code cur/}, {@code new/} or {@code tmp/} of
 *     one, means ({@code missing}, default {@link Missing#CREATE})
 * @param sizes how message sizes are found ({@code sizes}, default {@link Sizes#EXACT})
 * @param moveNew whether messages in {@code new/} move to {@code cur/} at QUIT ({@code move-new},
 *     default true)
 * @param markSeen whether retrieved messages get the {@code S} flag at QUIT ({@code mark-seen},
 *     default true)
 * @param lock whether one session at a time holds a Maildir ({@code lock}, default {@link
 *     LockMode#SESSION})
 * @param lockStaleAfter the age after which an unrefreshed lock file is taken over ({@code
 *     lock-stale-after}, default 10 minutes)
 * @param lockHost the name of this host in lock files, unique among the hosts that share the
 *     Maildirs ({@code lock-host}, default empty: the kernel's host name and the machine id, see
 *     docs/maildir.md); a lock of another host is taken over only once it is stale by age
 * @param tmpCleanup whether files in {@code tmp/} older than 36 hours are removed at open ({@code
 *     tmp-cleanup}, default true)
 * @param sizeCache whether computed sizes are kept in a cache file in the Maildir ({@code
 *     size-cache}, default true)
 * @param trustFolderStamps when an unchanged stamp of {@code new/} and {@code cur/} lets an open
 *     reuse the cached listing instead of listing the folders ({@code trust-folder-stamps}, default
 *     {@link StampTrust#AUTO}: on a local file system only)
 */
public record MaildirSettings(
    String subdir,
    Missing missing,
    Sizes sizes,
    boolean moveNew,
    boolean markSeen,
    LockMode lock,
    Duration lockStaleAfter,
    String lockHost,
    boolean tmpCleanup,
    boolean sizeCache,
    StampTrust trustFolderStamps) {

  /** The setting keys this store accepts. */
  public static final Set<String> KEYS =
      Set.of(
          "subdir",
          "missing",
          "sizes",
          "move-new",
          "mark-seen",
          "lock",
          "lock-stale-after",
          "lock-host",
          "tmp-cleanup",
          "size-cache",
          "trust-folder-stamps");

  /** The default of {@code lock-stale-after}. */
  public static final Duration DEFAULT_LOCK_STALE_AFTER = Duration.ofMinutes(10);

  /** The longest {@code lock-host}: it is written on one line of a lock file of at most 4 KB. */
  public static final int MAX_LOCK_HOST_LENGTH = 255;

  /**
   * What to do when the Maildir, or one of its {@code cur/}, {@code new/} and {@code tmp/}, does
   * not exist.
   */
  public enum Missing {
    /**
     * Create nothing: a missing Maildir is an empty mailbox, and of an incomplete one the mail of
     * the folders that exist is served.
     */
    EMPTY,
    /**
     * Create what is missing, mode 0700, owned by the account's uid and gid when it has them (else,
     * for a server running as root, by the owner of the folder it is created in), as Dovecot does
     * for a new account. The Maildir's parents are not created: what cannot be made (no home
     * directory, no permission) is logged and the rest served as with {@link #EMPTY}.
     */
    CREATE,
    /** Refuse the login with {@code -ERR [SYS/PERM]}, naming what is missing. */
    FAIL
  }

  /** How STAT, LIST and RETR sizes are found. */
  public enum Sizes {
    /** The exact RFC 1939 wire size (bare LF counted as CRLF). */
    EXACT,
    /** The file's size on disk, as qmail-pop3d and mdpop3d report it: a protocol violation. */
    STAT
  }

  /** Whether the Maildir is locked for the length of a session. */
  public enum LockMode {
    /**
     * One POP3 session per Maildir at a time, across threads, processes and hosts (a lock of
     * another host is taken over only after {@code lock-stale-after}).
     */
    SESSION,
    /** No lock: concurrent sessions may see and remove the same messages. */
    NONE
  }

  /**
   * Whether the times of {@code new/} and {@code cur/} may stand for their listing: while they are
   * what the size cache was stamped with, the cached listing is the snapshot and the folders are
   * not read. Only a kernel that makes every change of a folder itself knows its times for sure; a
   * network or FUSE file system's client may show times it cached before another host changed the
   * folder (issue 18).
   */
  public enum StampTrust {
    /**
     * Trust the stamp on a local file system (ext4, xfs, btrfs, tmpfs, overlayfs, zfs, f2fs …),
     * never on a network, cluster or FUSE file system or one this store does not know (see
     * docs/maildir.md).
     */
    AUTO,
    /**
     * Trust the stamp on any file system: for a Maildir on shared storage that one host alone
     * changes, or a network file system mounted without attribute caching.
     */
    ALWAYS,
    /** List the folders at every open. */
    NEVER
  }

  public MaildirSettings {
    Objects.requireNonNull(subdir, "subdir");
    Objects.requireNonNull(missing, "missing");
    Objects.requireNonNull(sizes, "sizes");
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(lockStaleAfter, "lockStaleAfter");
    Objects.requireNonNull(lockHost, "lockHost");
    Objects.requireNonNull(trustFolderStamps, "trustFolderStamps");
    if (subdir.isEmpty()) {
      throw new IllegalArgumentException("subdir must not be empty; use . for the home directory");
    }
    if (lockStaleAfter.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "lockStaleAfter must be at least 1s, was " + lockStaleAfter);
    }
    if (!validLockHost(lockHost)) {
      throw new IllegalArgumentException(
          "lockHost must be empty (automatic) or up to "
              + MAX_LOCK_HOST_LENGTH
              + " printable ASCII characters without spaces, was \""
              + lockHost
              + "\"");
    }
  }

  /** Whether {@code value} may be a {@code lock-host}: empty, or printable ASCII without spaces. */
  static boolean validLockHost(String value) {
    return value.length() <= MAX_LOCK_HOST_LENGTH
        && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /** Every setting at its default. */
  public static MaildirSettings defaults() {
    return builder().build();
  }

  /** A builder that starts from every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Reads provider settings; unknown keys and bad values fail naming the full key.
   *
   * @throws io.mdpop3j.core.spi.InvalidSettingException naming the setting and accepted values
   */
  public static MaildirSettings from(Settings settings) {
    settings.requireOnly(KEYS);
    MaildirSettings d = defaults();
    String subdir = settings.get("subdir", d.subdir());
    if (subdir.isEmpty()) {
      throw settings.invalid("subdir", subdir, "a directory name, or . for the home directory");
    }
    Duration stale = settings.getDuration("lock-stale-after", d.lockStaleAfter());
    if (stale.compareTo(Duration.ofSeconds(1)) < 0) {
      throw settings.invalid(
          "lock-stale-after", settings.get("lock-stale-after", ""), "a duration of at least 1s");
    }
    String lockHost = settings.get("lock-host", d.lockHost()).trim();
    if (!validLockHost(lockHost)) {
      throw settings.invalid(
          "lock-host",
          lockHost,
          "a name unique to this host, up to "
              + MAX_LOCK_HOST_LENGTH
              + " printable ASCII characters without spaces (empty: automatic)");
    }
    return builder()
        .subdir(subdir)
        .missing(choice(settings, "missing", Missing.class, d.missing()))
        .sizes(choice(settings, "sizes", Sizes.class, d.sizes()))
        .moveNew(settings.getBoolean("move-new", d.moveNew()))
        .markSeen(settings.getBoolean("mark-seen", d.markSeen()))
        .lock(choice(settings, "lock", LockMode.class, d.lock()))
        .lockStaleAfter(stale)
        .lockHost(lockHost)
        .tmpCleanup(settings.getBoolean("tmp-cleanup", d.tmpCleanup()))
        .sizeCache(settings.getBoolean("size-cache", d.sizeCache()))
        .trustFolderStamps(
            choice(settings, "trust-folder-stamps", StampTrust.class, d.trustFolderStamps()))
        .build();
  }

  private static <E extends Enum<E>> E choice(
      Settings settings, String key, Class<E> type, E fallback) {
    List<String> names =
        java.util.Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .toList();
    String picked = settings.getChoice(key, fallback.name().toLowerCase(Locale.ROOT), names);
    return Enum.valueOf(type, picked.toUpperCase(Locale.ROOT));
  }

  /** These settings with another {@code subdir}. */
  public MaildirSettings withSubdir(String value) {
    return toBuilder().subdir(value).build();
  }

  /** These settings with another {@code missing}. */
  public MaildirSettings withMissing(Missing value) {
    return toBuilder().missing(value).build();
  }

  /** These settings with another {@code sizes}. */
  public MaildirSettings withSizes(Sizes value) {
    return toBuilder().sizes(value).build();
  }

  /** These settings with another {@code move-new}. */
  public MaildirSettings withMoveNew(boolean value) {
    return toBuilder().moveNew(value).build();
  }

  /** These settings with another {@code mark-seen}. */
  public MaildirSettings withMarkSeen(boolean value) {
    return toBuilder().markSeen(value).build();
  }

  /** These settings with another {@code lock}. */
  public MaildirSettings withLock(LockMode value) {
    return toBuilder().lock(value).build();
  }

  /** These settings with another {@code lock-stale-after}. */
  public MaildirSettings withLockStaleAfter(Duration value) {
    return toBuilder().lockStaleAfter(value).build();
  }

  /** These settings with another {@code lock-host}. */
  public MaildirSettings withLockHost(String value) {
    return toBuilder().lockHost(value).build();
  }

  /** These settings with another {@code tmp-cleanup}. */
  public MaildirSettings withTmpCleanup(boolean value) {
    return toBuilder().tmpCleanup(value).build();
  }

  /** These settings with another {@code size-cache}. */
  public MaildirSettings withSizeCache(boolean value) {
    return toBuilder().sizeCache(value).build();
  }

  /** These settings with another {@code trust-folder-stamps}. */
  public MaildirSettings withTrustFolderStamps(StampTrust value) {
    return toBuilder().trustFolderStamps(value).build();
  }

  /**
   * Settings one at a time; each starts at its default (or at the settings it was made from), and
   * {@link #build} checks them as the record's constructor does.
   */
  public static final class Builder {
    private String subdir = "Maildir";
    private Missing missing = Missing.CREATE;
    private Sizes sizes = Sizes.EXACT;
    private boolean moveNew = true;
    private boolean markSeen = true;
    private LockMode lock = LockMode.SESSION;
    private Duration lockStaleAfter = DEFAULT_LOCK_STALE_AFTER;
    private String lockHost = "";
    private boolean tmpCleanup = true;
    private boolean sizeCache = true;
    private StampTrust trustFolderStamps = StampTrust.AUTO;

    private Builder() {}

    private Builder(MaildirSettings from) {
      subdir = from.subdir;
      missing = from.missing;
      sizes = from.sizes;
      moveNew = from.moveNew;
      markSeen = from.markSeen;
      lock = from.lock;
      lockStaleAfter = from.lockStaleAfter;
      lockHost = from.lockHost;
      tmpCleanup = from.tmpCleanup;
      sizeCache = from.sizeCache;
      trustFolderStamps = from.trustFolderStamps;
    }

    /** See {@link MaildirSettings#subdir()}. */
    public Builder subdir(String value) {
      subdir = value;
      return this;
    }

    /** See {@link MaildirSettings#missing()}. */
    public Builder missing(Missing value) {
      missing = value;
      return this;
    }

    /** See {@link MaildirSettings#sizes()}. */
    public Builder sizes(Sizes value) {
      sizes = value;
      return this;
    }

    /** See {@link MaildirSettings#moveNew()}. */
    public Builder moveNew(boolean value) {
      moveNew = value;
      return this;
    }

    /** See {@link MaildirSettings#markSeen()}. */
    public Builder markSeen(boolean value) {
      markSeen = value;
      return this;
    }

    /** See {@link MaildirSettings#lock()}. */
    public Builder lock(LockMode value) {
      lock = value;
      return this;
    }

    /** See {@link MaildirSettings#lockStaleAfter()}. */
    public Builder lockStaleAfter(Duration value) {
      lockStaleAfter = value;
      return this;
    }

    /** See {@link MaildirSettings#lockHost()}. */
    public Builder lockHost(String value) {
      lockHost = value;
      return this;
    }

    /** See {@link MaildirSettings#tmpCleanup()}. */
    public Builder tmpCleanup(boolean value) {
      tmpCleanup = value;
      return this;
    }

    /** See {@link MaildirSettings#sizeCache()}. */
    public Builder sizeCache(boolean value) {
      sizeCache = value;
      return this;
    }

    /** See {@link MaildirSettings#trustFolderStamps()}. */
    public Builder trustFolderStamps(StampTrust value) {
      trustFolderStamps = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws NullPointerException when a value is null
     * @throws IllegalArgumentException when {@code subdir} is empty, {@code lockStaleAfter} is
     *     under one second or {@code lockHost} is not a valid name
     */
    public MaildirSettings build() {
      return new MaildirSettings(
          subdir,
          missing,
          sizes,
          moveNew,
          markSeen,
          lock,
          lockStaleAfter,
          lockHost,
          tmpCleanup,
          sizeCache,
          trustFolderStamps);
    }
  }
}
