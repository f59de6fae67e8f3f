package io.mdpop3j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Per-class lifecycle on a static field, shared by two {@code @Nested} classes, next to a nested
 * class with its own extension.
 */
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleTest {

  @RegisterExtension
  static Pop3Extension shared = Pop3Extension.withUser("alice", "secret").perClass();

  static int sharedPort;

  @BeforeAll
  static void rememberPort() {
    // Extensions' beforeAll runs before the class's own @BeforeAll: the server is up here.
    sharedPort = shared.port();
    shared.deliver("alice", TestMessages.text("from beforeAll", "x"));
  }

  @AfterAll
  static void serverStillUpUntilTheClassEnds() {
    assertEquals(sharedPort, shared.port());
  }

  @Test
  @Order(1)
  void perClassServerKeepsMailAcrossTests() {
    shared.deliver("alice", TestMessages.text("from test 1", "x"));
    assertEquals(2, shared.mailbox("alice").size());
  }

  @Test
  @Order(2)
  void perClassServerStillHasTheMailOfEarlierTests() {
    assertEquals(2, shared.mailbox("alice").size());
    assertEquals(sharedPort, shared.port());
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class NestedUsingTheOuterServer {

    @Test
    void seesTheOuterServerAndItsMail() throws Exception {
      assertEquals(sharedPort, shared.port());
      try (RawClient client = RawClient.login(shared.port(), "alice", "secret")) {
        assertTrue(client.command("STAT").startsWith("+OK 2 "));
      }
      shared.awaitSessionEnd(Duration.ofSeconds(10));
    }
  }

  @Nested
  class NestedWithItsOwnServer {

    @RegisterExtension Pop3Extension own = Pop3Extension.withUser("bob", "pw");

    @Test
    void hasItsOwnPortAndStore() throws Exception {
      assertNotEquals(sharedPort, own.port());
      assertEquals(sharedPort, shared.port());
      own.deliver("bob", TestMessages.text("elsewhere", "x"));
      assertEquals(1, own.mailbox("bob").size());
      assertEquals(2, shared.mailbox("alice").size());
      try (RawClient client = RawClient.login(own.port(), "bob", "pw")) {
        assertTrue(client.command("STAT").startsWith("+OK 1 "));
      }
    }

    @Test
    void outerUsersAreNotItsUsers() throws Exception {
      try (RawClient client = RawClient.connect(own.port())) {
        client.readLine();
        client.expectOk(client.command("USER alice"));
        assertTrue(client.command("PASS secret").startsWith("-ERR"));
      }
    }
  }

  @Test
  @Order(3)
  void staticPerMethodExtensionRefusesToServeTwoTestsAtOnce() throws Exception {
    Pop3Extension ext = Pop3Extension.withUser("a", "b");
    ext.beforeEach(null);
    try {
      ExtensionConfigurationException e =
          assertThrows(ExtensionConfigurationException.class, () -> ext.beforeEach(null));
      assertTrue(e.getMessage().contains("non-static"), e.getMessage());
    } finally {
      ext.afterEach(null);
    }
    assertThrows(IllegalStateException.class, ext::port);
  }

  @Test
  @Order(4)
  void configuringARunningServerIsRefused() {
    assertThrows(IllegalStateException.class, () -> shared.withApop());
  }
}
