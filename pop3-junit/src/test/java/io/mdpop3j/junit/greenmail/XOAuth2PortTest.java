package io.mdpop3j.junit.greenmail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdpop3j.junit.Pop3Extension;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GreenMail's POP3 XOAUTH2 login, as a migrating team ports it: Angus Mail with XOAUTH2 enabled
 * logs in with a bearer token as its password. GreenMail has no token issuer; here the extension
 * issues the token ({@code withOAuth()}, {@code issueToken}), the only lines that change.
 */
class XOAuth2PortTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("test", "pwd").withOAuth();

  @Test
  void angusMailLogsInWithXoauth2AndReadsTheMailbox() throws Exception {
    pop3.deliver("test", "Subject: xoauth2\r\n\r\nbody\r\n");
    Properties props = pop3.mailProperties();
    props.put("mail.pop3.auth.mechanisms", "XOAUTH2");
    props.put("mail.pop3.auth.xoauth2.disable", "false");

    Store store = Session.getInstance(props).getStore("pop3");
    store.connect("test", pop3.issueToken("test"));
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    try {
      assertEquals("xoauth2", inbox.getMessage(1).getSubject());
    } finally {
      inbox.close(false);
      store.close();
    }
  }
}
