/** Authentication against system accounts (NSS and libcrypt) and Dovecot-style passwd-files. */
module io.mdpop3j.auth.unix {
  requires transitive io.mdpop3j.core;
  requires io.mdpop3j.libc;
  requires com.sun.jna;
  requires org.slf4j;
  requires static com.google.auto.service;

  exports io.mdpop3j.auth.unix;

  // JNA implements this package's Library interfaces and fills its Structures by reflection.
  opens io.mdpop3j.auth.unix to
      com.sun.jna;

  provides io.mdpop3j.core.spi.AuthenticatorProvider with
      io.mdpop3j.auth.unix.PasswdFileAuthenticatorProvider,
      io.mdpop3j.auth.unix.UnixAuthenticatorProvider;
}
