/** Maildir storage for the POP3 server: qmail-style {@code new/} and {@code cur/} folders. */
module io.mdpop3j.maildir {
  requires transitive io.mdpop3j.core;
  requires com.sun.jna;
  requires org.slf4j;
  requires static com.google.auto.service;

  exports io.mdpop3j.maildir;

  // JNA reads native results into this package's classes by reflection.
  opens io.mdpop3j.maildir to
      com.sun.jna;

  provides io.mdpop3j.core.spi.MailStoreProvider with
      io.mdpop3j.maildir.MaildirStoreProvider;
}
