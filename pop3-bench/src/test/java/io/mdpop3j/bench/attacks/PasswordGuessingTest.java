package io.mdpop3j.bench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.junit.Pop3Extension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PasswordGuessingTest {

  @RegisterExtension
  static Pop3Extension pop3 =
      Pop3Extension.withUser("carol", "right").withAuthFailureDelay(Duration.ofMillis(100));

  @Test
  void guessesAreAnsweredNoFasterThanTheFailureDelayAllows() throws Exception {
    PasswordGuessing.Outcome o = PasswordGuessing.guess(pop3.port(), "carol", 4, 2, "127.9.0.1");
    int checked = o.checked().size();
    // Four connections, one answer each per 100 ms at most, for 2 s.
    assertTrue(checked > 0 && checked <= 4 * 20, "checked " + checked);
    assertTrue(o.connections() > 1, "the server hangs up after 3 failures; connected again");
  }

  @Test
  void aReplyIsKnownByItsStatusAndResponseCode() {
    assertEquals("-ERR [AUTH]", PasswordGuessing.kind("-ERR [AUTH] Authentication failed."));
    assertEquals("-ERR [SYS/TEMP]", PasswordGuessing.kind("-ERR [SYS/TEMP] Try again later."));
    assertEquals("-ERR no such user", PasswordGuessing.kind("-ERR no such user"));
  }
}
