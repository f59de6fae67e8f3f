package io.mdpop3j.bench.attacks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.junit.Pop3Extension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MaildirProbeTest {

  @RegisterExtension static Pop3Extension pop3 = Pop3Extension.withUser("bob", "secret");

  @Test
  void everyListedMessageIsRetrievedAndItsBytesHashed() throws Exception {
    byte[] first = "Subject: one\r\n\r\n.leading dot\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] second = "Subject: two\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    pop3.deliver("bob", first);
    pop3.deliver("bob", second);
    String report = probe("secret");
    assertTrue(report.contains("LISTED 2\n"), report);
    assertTrue(
        report.contains("RETR 1 ok " + first.length + " " + MaildirProbe.sha256(first)), report);
    assertTrue(
        report.contains("RETR 2 ok " + second.length + " " + MaildirProbe.sha256(second)), report);
    assertTrue(report.contains("QUIT +OK"), report);
  }

  @Test
  void aFailedLoginEndsTheProbeAfterReportingIt() throws Exception {
    String report = probe("wrong");
    assertTrue(report.contains("PASS -ERR"), report);
    assertTrue(!report.contains("LISTED"), report);
  }

  private String probe(String password) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] argv = {"--port", "" + pop3.port(), "--user", "bob", "--password", password};
    MaildirProbe.run(Arguments.parse(argv, 0), new PrintStream(bytes, true, "UTF-8"));
    return bytes.toString(StandardCharsets.UTF_8).replace("\r", "");
  }
}
