package io.mdpop3j.maildir;

/**
 * The parts of a Maildir file name: {@code <base>[:<info>]}, where the base name may carry {@code
 * ,S=<file size>} and {@code ,W=<wire size>} fields (Courier, Dovecot) and the info {@code
 * 2,<flags>} holds the flags in ASCII order (cr.yp.to/proto/maildir.html).
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
