package io.mdpop3j.bench.junit;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mdpop3j.junit.Pop3Extension;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a test pays for its mail server: one per-method start and stop of the JUnit 5 extension, as
 * JUnit runs {@code beforeEach} and {@code afterEach} around every test method, in a warm JVM
 * (every instance after the first, TLS certificates included). pop3-junit with the memory store,
 * with a Maildir and with TLS, against GreenMailExtension with POP3 and with POP3S, one user each.
 * See docs/testing.md for the table and {@link ExtensionFirstStartBenchmark} for the first start.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class ExtensionStartupBenchmark {

  @Benchmark
  public void pop3JunitMemory() throws Exception {
    startAndStop(Pop3Extension.withUser("alice", "secret"));
  }

  @Benchmark
  public void pop3JunitMaildir() throws Exception {
    startAndStop(Pop3Extension.withUser("alice", "secret").withMaildir());
  }

  @Benchmark
  public void pop3JunitTls() throws Exception {
    startAndStop(Pop3Extension.withUser("alice", "secret").withTls());
  }

  @Benchmark
  public void greenMailPop3() {
    startAndStop(greenMail(ServerSetupTest.POP3));
  }

  @Benchmark
  public void greenMailPop3s() {
    startAndStop(greenMail(ServerSetupTest.POP3S));
  }

  static void startAndStop(Pop3Extension pop3) throws Exception {
    pop3.beforeEach(null);
    pop3.afterEach(null);
  }

  static void startAndStop(GreenMailExtension greenMail) {
    greenMail.beforeEach(null);
    greenMail.afterEach(null);
  }

  /** As a test that follows GreenMail's advice for parallel runs: a free port, not 3110/3995. */
  static GreenMailExtension greenMail(ServerSetup setup) {
    return new GreenMailExtension(setup.dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alice", "secret"));
  }
}
