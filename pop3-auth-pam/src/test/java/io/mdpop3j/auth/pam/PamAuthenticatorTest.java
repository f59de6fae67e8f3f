package io.mdpop3j.auth.pam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Credentials;
import org.junit.jupiter.api.Test;

class PamAuthenticatorTest {

  private final PamAuthenticator pam = PamWrapper.authenticator("pop3-test");

  @Test
  void rightPasswordOfAMatrixUserLogsIn() {
    AuthResult result =
        pam.authenticate(
            TestSession.from("192.0.2.7"), Credentials.Password.of("alice", "alice-secret"));
    System.out.println(result);
    AuthResult.Success success = assertInstanceOf(AuthResult.Success.class, result);
    assertEquals("alice", success.account().user());
  }
}
