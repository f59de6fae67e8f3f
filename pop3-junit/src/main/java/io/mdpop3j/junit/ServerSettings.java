package io.mdpop3j.junit;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** A snapshot of an extension's settings, taken when it starts a server. */
record ServerSettings(
    Map<String, String> users,
    boolean maildir,
    Map<String, String> maildirSettings,
    boolean tls,
    boolean apop,
    Set<String> disabledCommands,
    boolean implementationLine,
    Duration authFailureDelay,
    boolean createUsersOnDelivery,
    boolean anyPassword,
    boolean verbose,
    boolean oauth) {

  ServerSettings {
    users = Map.copyOf(users);
    maildirSettings = Map.copyOf(maildirSettings);
    disabledCommands = Set.copyOf(disabledCommands);
  }
}
