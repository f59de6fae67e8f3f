package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** perClass() on an instance field of a PER_CLASS test: one server for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassInstanceFieldTest {

  @RegisterExtension Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret").perClass();

  private int firstPort;

  @Test
  @Order(1)
  void firstTestDelivers() {
    firstPort = pop3.port();
    pop3.deliver("alice", TestMessages.text("kept", "x"));
  }

  @Test
  @Order(2)
  void secondTestSeesTheSameServerAndMail() {
    assertEquals(firstPort, pop3.port());
    assertEquals(1, pop3.mailbox("alice").size());
  }
}
