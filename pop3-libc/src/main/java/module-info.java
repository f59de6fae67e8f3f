/** The C library calls the account modules share: the passwd database. Internal to mdpop3j. */
module io.mdpop3j.libc {
  requires transitive com.sun.jna;

  exports io.mdpop3j.libc to
      io.mdpop3j.auth.unix,
      io.mdpop3j.auth.pam;

  // JNA fills struct passwd into this package's Structure classes by reflection.
  opens io.mdpop3j.libc to
      com.sun.jna;
}
