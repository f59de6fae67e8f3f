/** Authentication through PAM (libpam), with APOP passed to the stack as a digest. */
module io.mdpop3j.auth.pam {
  requires transitive io.mdpop3j.core;
  requires io.mdpop3j.libc;
  requires com.sun.jna;
  requires org.slf4j;
  requires static com.google.auto.service;

  exports io.mdpop3j.auth.pam;

  // JNA implements this package's Library interfaces and callbacks by reflection.
  opens io.mdpop3j.auth.pam to
      com.sun.jna;

  provides io.mdpop3j.core.spi.AuthenticatorProvider with
      io.mdpop3j.auth.pam.PamAuthenticatorProvider;
}
