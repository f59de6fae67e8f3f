package io.mdpop3j.bench.junit;

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
 * The first start and stop of an extension in a fresh JVM, as the first test of a run pays it:
 * class loading, the first TLS context and certificate. One shot in each of five JVMs.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class ExtensionFirstStartBenchmark {

  @Benchmark
  public void pop3JunitMemory() throws Exception {
    ExtensionStartupBenchmark.startAndStop(Pop3Extension.withUser("alice", "secret"));
  }

  @Benchmark
  public void pop3JunitTls() throws Exception {
    ExtensionStartupBenchmark.startAndStop(Pop3Extension.withUser("alice", "secret").withTls());
  }

  @Benchmark
  public void greenMailPop3() {
    ExtensionStartupBenchmark.startAndStop(
        ExtensionStartupBenchmark.greenMail(com.icegreen.greenmail.util.ServerSetupTest.POP3));
  }

  @Benchmark
  public void greenMailPop3s() {
    ExtensionStartupBenchmark.startAndStop(
        ExtensionStartupBenchmark.greenMail(com.icegreen.greenmail.util.ServerSetupTest.POP3S));
  }
}
