package io.mdpop3j.maildir;

/**
 * The parts of a Maildir file name: {@code <base>[:<info>]}, where the base name may carry {@code
 * ,S=<file size>} and {@code ,W=<wire size>} fields (Courier, Dovecot) and the info {@code
 * 2,<flags>} holds the flags in ASCII order (cr.yp.to/proto/maildir.html). A name may also carry
 * its delivery time: {@code <seconds>.<delivery id>.<host>}, where the delivery id may hold {@code
 * M<microseconds>} (qmail, Dovecot, Courier).
 */
final class MaildirName {

  private MaildirName() {}

  /** The name up to the first {@code :}; never changes when flags do. */
  static String baseName(String fileName) {
    int colon = fileName.indexOf(':');
    return colon < 0 ? fileName : fileName.substring(0, colon);
  }

  /** Whether {@code fileName}'s base name is {@code base}. */
  static boolean hasBaseName(String fileName, String base) {
    return fileName.startsWith(base)
        && (fileName.length() == base.length() || fileName.charAt(base.length()) == ':');
  }

  /** The {@code ,W=} wire size in the base name, or -1 when there is none. */
  static long wireSize(String fileName) {
    return field(fileName, 'W');
  }

  /** The {@code ,S=} file size in the base name, or -1 when there is none. */
  static long fileSize(String fileName) {
    return field(fileName, 'S');
  }

  /**
   * A {@code ,<key>=<digits>} field of the base name, ended by {@code ,} or the end of the base; -1
   * when absent or malformed.
   */
  static long field(String fileName, char key) {
    int end = fileName.indexOf(':');
    if (end < 0) {
      end = fileName.length();
    }
    int from = 0;
    while (true) {
      int comma = fileName.indexOf(',', from);
      if (comma < 0 || comma + 2 >= end) {
        return -1;
      }
      from = comma + 1;
      if (fileName.charAt(comma + 1) != key || fileName.charAt(comma + 2) != '=') {
        continue;
      }
      long value = 0;
      int i = comma + 3;
      int digits = 0;
      while (i < end && fileName.charAt(i) != ',') {
        char c = fileName.charAt(i);
        if (c < '0' || c > '9' || ++digits > 18) {
          value = -1;
          break;
        }
        value = value * 10 + (c - '0');
        i++;
      }
      if (value >= 0 && digits > 0) {
        return value;
      }
    }
  }

  /** What {@link #deliveryMicros} gives for a name that carries no delivery time. */
  static final long NO_TIME = Long.MIN_VALUE;

  /** Seconds with more digits than this are not a time: in microseconds they would overflow. */
  private static final int MAX_SECONDS_DIGITS = 12;

  /** {@code M} followed by more digits than this is not a count of microseconds. */
  private static final int MAX_MICROS_DIGITS = 6;

  /**
   * The delivery time {@code fileName} carries, in microseconds since the epoch, or {@link
   * #NO_TIME}. A name carries one when it starts with 1 to 12 ASCII digits and a {@code .} (the
   * seconds since the epoch that qmail, Dovecot, Courier, Postfix, getmail and procmail put first,
   * cr.yp.to/proto/maildir.html); the first {@code M} of the part that follows, up to the next
   * {@code .}, {@code :} or {@code ,}, adds the microseconds of its 1 to 6 digits ({@code
   * 1700000000.M123456P7890.host}, {@code 1700000000.V803I2a3b4cM123456.host}), as Dovecot's {@code
   * maildir_filename_sort_cmp} reads them. A name without them ({@code 1700000000.12345.host},
   * {@code …_0.host}, {@code …R9a1b….host}) is at microsecond 0 of its second. Reads the name only:
   * no file is looked at.
   */
  static long deliveryMicros(String fileName) {
    int n = fileName.length();
    long seconds = 0;
    int i = 0;
    for (; i < n; i++) {
      char c = fileName.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      seconds = seconds * 10 + (c - '0');
      if (i == MAX_SECONDS_DIGITS) {
        return NO_TIME;
      }
    }
    if (i == 0 || i == n || fileName.charAt(i) != '.') {
      return NO_TIME;
    }
    return seconds * 1_000_000L + micros(fileName, i + 1);
  }

  /** The microseconds of the delivery id starting at {@code from}; 0 when it holds none. */
  private static long micros(String fileName, int from) {
    int n = fileName.length();
    for (int i = from; i < n; i++) {
      char c = fileName.charAt(i);
      if (c == '.' || c == ':' || c == ',') {
        return 0;
      }
      if (c == 'M') {
        long micros = 0;
        int digits = 0;
        for (int j = i + 1; j < n; j++) {
          char d = fileName.charAt(j);
          if (d < '0' || d > '9') {
            break;
          }
          micros = micros * 10 + (d - '0');
          if (++digits > MAX_MICROS_DIGITS) {
            return 0;
          }
        }
        return micros;
      }
    }
    return 0;
  }

  /** Whether the {@code 2,} info of {@code fileName} holds {@code flag}. */
  static boolean hasFlag(String fileName, char flag) {
    int colon = fileName.indexOf(':');
    return colon >= 0
        && fileName.startsWith("2,", colon + 1)
        && fileName.indexOf(flag, colon + 3) >= 0;
  }

  /**
   * The name a message gets in {@code cur/}: a {@code :2,} info added when there is none, and
   * {@code flag} added in ASCII order when {@code flag != 0}. An info of another version (such as
   * the experimental {@code 1,}) is left as it is, since its meaning is not ours to change.
   */
  static String inCur(String fileName, char flag) {
    int colon = fileName.indexOf(':');
    if (colon < 0) {
      return fileName + ":2," + (flag == 0 ? "" : String.valueOf(flag));
    }
    if (flag == 0 || !fileName.startsWith("2,", colon + 1)) {
      return fileName;
    }
    String flags = fileName.substring(colon + 3);
    if (flags.indexOf(flag) >= 0) {
      return fileName;
    }
    int at = 0;
    while (at < flags.length() && flags.charAt(at) < flag) {
      at++;
    }
    return fileName.substring(0, colon + 3) + flags.substring(0, at) + flag + flags.substring(at);
  }
}
