/** A real POP3 server in a JUnit 5 test: {@code @RegisterExtension Pop3Extension}. */
module io.mdpop3j.junit {
  requires transitive io.mdpop3j.core;
  requires transitive org.junit.jupiter.api;
  requires org.slf4j;
  // Only the Jakarta Mail corner (MimeMessage helpers, JakartaMailDelivery) needs it.
  requires static transitive jakarta.mail;

  exports io.mdpop3j.junit;
}
