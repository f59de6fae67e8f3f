package io.mdpop3j.junit;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The users of one running server: who may log in, with which password, and what happens when a
 * test names someone else. Thread-safe: tests, deliveries and sessions use it at once.
 */
final class TestUsers {

  /** How many names an error text lists before it says how many more there are. */
  private static final int LISTED = 20;

  private final NavigableMap<String, String> passwords = new ConcurrentSkipListMap<>();
  private final MemoryAuthenticator checker = new MemoryAuthenticator();
  private final boolean createOnDelivery;
  private final Consumer<String> onAdd;

  /**
   * @param createOnDelivery whether delivering to an unknown user creates the user
   * @param onAdd what else a new user needs, such as a Maildir
   */
  TestUsers(Map<String, String> initial, boolean createOnDelivery, Consumer<String> onAdd) {
    this.createOnDelivery = createOnDelivery;
    this.onAdd = onAdd;
    initial.forEach(this::add);
  }

  /** Adds or replaces a user whose name and password the caller has checked. */
  void add(String user, String password) {
    onAdd.accept(user);
    passwords.put(user, password);
    checker.addUser(user, password);
  }

  /** Removes a user; returns whether there was one. */
  boolean remove(String user) {
    checker.removeUser(user);
    return passwords.remove(user) != null;
  }

  /** The users' names in order. */
  List<String> names() {
    return List.copyOf(passwords.keySet());
  }

  boolean has(String user) {
    return passwords.containsKey(user);
  }

  /** Checks passwords, APOP digests included. */
  MemoryAuthenticator checker() {
    return checker;
  }

  /**
   * Makes sure mail for {@code user} has an owner: a known user, or one created now with the user
   * name as password (as GreenMail does) when the extension creates users on delivery.
   *
   * @throws IllegalArgumentException naming the known users otherwise
   */
  void requireForDelivery(String user) {
    if (has(user)) {
      return;
    }
    if (!createOnDelivery) {
      throw unknown(user);
    }
    UserNameRules.checkUser(user);
    synchronized (this) {
      if (!has(user)) {
        add(user, user);
      }
    }
  }

  /**
   * Makes sure a test asks about a user who exists, or who may yet be created on delivery.
   *
   * @throws IllegalArgumentException naming the known users otherwise
   */
  void requireKnown(String user) {
    if (!has(user) && !createOnDelivery) {
      throw unknown(user);
    }
  }

  /** The error for a user nobody added, with the users there are and how to add this one. */
  IllegalArgumentException unknown(String user) {
    return new IllegalArgumentException(
        "no user '"
            + UserNameRules.printable(user)
            + "'; "
            + knownUsers()
            + addressHint(user)
            + "; add it with .andUser(\""
            + user
            + "\", password), or build the extension with .createUsersOnDelivery() to create"
            + " users on delivery");
  }

  /** {@code known users: alice, bob}, shortened past {@value #LISTED} names. */
  String knownUsers() {
    List<String> names = List.copyOf(passwords.keySet());
    if (names.isEmpty()) {
      return "known users: none";
    }
    String listed = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
    int more = names.size() - LISTED;
    return "known users: " + listed + (more > 0 ? " and " + more + " more" : "");
  }

  /** GreenMail names mailboxes by address; ours are named by login. */
  String addressHint(String user) {
    int at = user.indexOf('@');
    if (at > 0 && has(user.substring(0, at))) {
      return "; mailboxes are named by login, not by address: did you mean '"
          + user.substring(0, at)
          + "'?";
    }
    return "";
  }
}
