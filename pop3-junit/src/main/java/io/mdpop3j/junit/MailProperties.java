package io.mdpop3j.junit;

import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/** The Jakarta Mail session properties that point a client at one running server. */
final class MailProperties {

  private MailProperties() {}

  /**
   * Properties for {@code host}:{@code port}; with a non-null {@code trusting} context also for
   * POP3S on {@code tlsPort} and for STLS.
   */
  static Properties of(String host, int port, boolean apop, SSLContext trusting, int tlsPort) {
    Properties p = new Properties();
    p.setProperty("mail.store.protocol", "pop3");
    p.setProperty("mail.pop3.host", host);
    p.setProperty("mail.pop3.port", Integer.toString(port));
    List<String> protocols = trusting != null ? List.of("pop3", "pop3s") : List.of("pop3");
    for (String protocol : protocols) {
      String prefix = "mail." + protocol + ".";
      p.setProperty(prefix + "connectiontimeout", "10000");
      p.setProperty(prefix + "timeout", "10000");
      if (apop) {
        p.setProperty(prefix + "apop.enable", "true");
      }
      if (trusting != null) {
        // An object, not a string: Jakarta Mail reads this key with Properties.get.
        p.put(prefix + "ssl.socketFactory", trusting.getSocketFactory());
        p.setProperty(prefix + "ssl.checkserveridentity", "true");
      }
    }
    if (trusting != null) {
      p.setProperty("mail.pop3.starttls.enable", "true");
      p.setProperty("mail.pop3s.host", host);
      p.setProperty("mail.pop3s.port", Integer.toString(tlsPort));
    }
    return p;
  }
}
