package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.BearerTokenValidator;
import io.mdpop3j.core.spi.SaslMechanism;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which command is valid in which state, and who handles it: the one table (RFC 1939). Made once
 * per server and shared by its sessions.
 */
public final class CommandTable {

  /** A handler and the states it may run in. */
  record Entry(CommandHandler handler, Set<State> states) {}

  private static final Set<State> AUTHORIZATION = EnumSet.of(State.AUTHORIZATION);
  private static final Set<State> TRANSACTION = EnumSet.of(State.TRANSACTION);
  private static final Set<State> BOTH = EnumSet.of(State.AUTHORIZATION, State.TRANSACTION);

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * The table of every command we implement, less the {@code disabled} keywords, with AUTH offering
   * every mechanism on the class path and no bearer-token validator.
   */
  public static CommandTable standard(Set<String> disabled) {
    return standard(
        disabled, SaslMechanisms.found(CommandTable.class.getClassLoader()), Optional.empty());
  }

  /**
   * As {@link #standard(Set)}, with AUTH offering {@code mechanisms} (each only where it can work)
   * and bearer tokens checked by {@code validator}.
   */
  public static CommandTable standard(
      Set<String> disabled,
      List<SaslMechanism> mechanisms,
      Optional<BearerTokenValidator> validator) {
    CommandTable table = new CommandTable();
    table.add("CAPA", new CapaCommand(), BOTH);
    table.add("TOP", new TopCommand(), TRANSACTION);
    table.add("UIDL", new UidlCommand(), TRANSACTION);
    table.add("USER", new UserCommand(), AUTHORIZATION);
    table.add("PASS", new PassCommand(), AUTHORIZATION);
    table.add("APOP", new ApopCommand(), AUTHORIZATION);
    table.add("AUTH", new AuthCommand(mechanisms, validator), AUTHORIZATION);
    table.add("STLS", new StlsCommand(), AUTHORIZATION);
    table.add("QUIT", new QuitCommand(), BOTH);
    table.add("STAT", new StatCommand(), TRANSACTION);
    table.add("LIST", new ListCommand(), TRANSACTION);
    table.add("RETR", new RetrCommand(), TRANSACTION);
    table.add("DELE", new DeleCommand(), TRANSACTION);
    table.add("NOOP", new NoopCommand(), TRANSACTION);
    table.add("RSET", new RsetCommand(), TRANSACTION);
    for (String keyword : disabled) {
      table.entries.remove(keyword);
    }
    return table;
  }

  private void add(String keyword, CommandHandler handler, Set<State> states) {
    entries.put(keyword, new Entry(handler, states));
  }

  /** The entry for {@code keyword}, or null if unknown or disabled. */
  Entry find(String keyword) {
    return entries.get(keyword);
  }

  /** The CAPA lines of every enabled command, in table order. */
  List<String> capabilities(ProtocolSession session) {
    List<String> lines = new ArrayList<>();
    // Not filtered by state: RFC 2449 lists TOP and UIDL before login too, and Jakarta Mail
    // ignores UIDL if it is missing there. Handlers leave out what no longer applies.
    for (Entry entry : entries.values()) {
      lines.addAll(entry.handler().capabilities(session));
    }
    return lines;
  }
}
