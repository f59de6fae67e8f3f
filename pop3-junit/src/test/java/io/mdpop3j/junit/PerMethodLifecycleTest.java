package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The default lifecycle on a static field: a fresh server and store for every test. */
@Execution(ExecutionMode.SAME_THREAD)
class PerMethodLifecycleTest {

  @RegisterExtension static Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

  @RepeatedTest(3)
  void everyTestStartsWithAnEmptyMailboxAndLog() {
    assertEquals(0, pop3.mailbox("alice").size());
    assertEquals(0, pop3.sessionLog().size());
    pop3.deliver("alice", TestMessages.text("mine", "x"));
    assertEquals(1, pop3.mailbox("alice").size());
  }

  @AfterAll
  static void serverIsStoppedAfterTheLastTest() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, pop3::port);
  }
}
