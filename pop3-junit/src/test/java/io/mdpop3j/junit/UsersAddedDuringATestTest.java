package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** A per-method server is fresh: a user one test adds is not there in the next. */
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsersAddedDuringATestTest {

  @RegisterExtension static Pop3Extension pop3 = Pop3Extension.withUser("alice", "secret");

  @Test
  @Order(1)
  void aTestAddsAUser() {
    pop3.andUser("carol", "pw");
    assertTrue(pop3.hasUser("carol"));
  }

  @Test
  @Order(2)
  void theNextTestHasOnlyTheConfiguredUsers() {
    assertFalse(pop3.hasUser("carol"));
    assertTrue(pop3.hasUser("alice"));
  }
}
