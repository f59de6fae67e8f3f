package io.mdpop3j.bench.jmh;

import io.mdpop3j.core.memory.MemoryAuthenticator;
import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.protocol.Action;
import io.mdpop3j.core.protocol.CommandLine;
import io.mdpop3j.core.protocol.CommandTable;
import io.mdpop3j.core.protocol.ProtocolSession;
import io.mdpop3j.core.protocol.ProtocolSettings;
import io.mdpop3j.core.protocol.SessionInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The command path without sockets: {@link CommandLine#parse}, one {@link ProtocolSession#onLine}
 * dispatch of typical TRANSACTION commands, and a whole session (greeting, USER, PASS, STAT, QUIT)
 * on the in-memory store: the protocol's share of one {@code login} scenario session.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandBenchmark {
  private MemoryAuthenticator auth;
  private MemoryMailStore store;
  private ProtocolSettings config;
  private ProtocolSession inTransaction;
  private long sessions;

  @Setup
  public void setUp() {
    auth = new MemoryAuthenticator().addUser("alice", "secret");
    store = new MemoryMailStore();
    for (int i = 0; i < 20; i++) {
      store.deliver(
          "alice", ("Subject: m" + i + "\n\nbody " + i + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    config =
        new ProtocolSettings(
            "ready.",
            false,
            "localhost",
            Optional.empty(),
            ProtocolSettings.DEFAULT_MAX_FAILED_LOGINS,
            Integer.MAX_VALUE,
            Duration.ZERO,
            false,
            Set.of(),
            Integer.MAX_VALUE,
            Long.MAX_VALUE,
            io.mdpop3j.core.protocol.LoginThrottle.NONE,
            false);
    inTransaction = newSession();
    inTransaction.onLine("USER alice");
    inTransaction.onLine("PASS secret");
    if (inTransaction.state() != io.mdpop3j.core.protocol.State.TRANSACTION) {
      throw new IllegalStateException("login failed in the benchmark setup");
    }
  }

  private ProtocolSession newSession() {
    SessionInfo info =
        new SessionInfo("b" + sessions++, Optional.empty(), Optional.empty(), false, Map.of());
    return new ProtocolSession(
        config, CommandTable.standard(config.disabledCommands()), auth, store, info, false);
  }

  @Benchmark
  public CommandLine parseRetr() {
    return CommandLine.parse("RETR 17");
  }

  @Benchmark
  public CommandLine parsePass() {
    return CommandLine.parse("pass correct horse battery staple");
  }

  @Benchmark
  public Action dispatchList() {
    return inTransaction.onLine("LIST 7");
  }

  @Benchmark
  public Action dispatchUidl() {
    return inTransaction.onLine("UIDL 7");
  }

  @Benchmark
  public Action dispatchNoop() {
    return inTransaction.onLine("NOOP");
  }

  /** Greeting, USER, PASS, STAT, QUIT: the protocol work of one {@code login} session. */
  @Benchmark
  public Action wholeLoginSession() {
    ProtocolSession s = newSession();
    s.greeting();
    s.onLine("USER alice");
    s.onLine("PASS secret");
    s.onLine("STAT");
    Action quit = s.onLine("QUIT");
    s.end(false);
    return quit;
  }
}
