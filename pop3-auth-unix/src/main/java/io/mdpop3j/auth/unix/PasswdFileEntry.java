package io.mdpop3j.auth.unix;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One user of a passwd-file: {@code user:{SCHEME}secret:uid:gid:gecos:home:shell:extra_fields}.
 *
 * @param secret the password field without its {@code {SCHEME}} prefix; empty means no password
 * @param maildir the {@code maildir=} extra field, if given
 * @param extraFields every extra field, {@code maildir} included; a key without {@code =} maps to
 *     the empty string
 * @param line the line number in the file, for messages
 */
record PasswdFileEntry(
    String user,
    PasswordScheme scheme,
    String secret,
    OptionalInt uid,
    OptionalInt gid,
    Optional<String> home,
    Optional<String> maildir,
    Map<String, String> extraFields,
    int line) {

  /** A kind of work that costs about the same for every secret of it, for dummy checks. */
  String costClass() {
    if (!scheme.isCrypt()) {
      return scheme.name();
    }
    if (secret.startsWith("$")) {
      int end = secret.indexOf('$', 1);
      return "crypt " + (end > 0 ? secret.substring(0, end + 1) : secret);
    }
    return "crypt DES";
  }
}
