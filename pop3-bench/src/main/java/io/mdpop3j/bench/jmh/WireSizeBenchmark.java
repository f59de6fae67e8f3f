package io.mdpop3j.bench.jmh;

import io.mdpop3j.bench.data.BenchMessages;
import io.mdpop3j.bench.proposal.SwarWireSize;
import io.mdpop3j.core.wire.WireSize;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link WireSize}, the RFC 1939 size counter a Maildir store runs over files without {@code ,W=},
 * in 64 KiB steps as {@code WireSize.of(InputStream)} reads. MB/s = ops/s × size / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireSizeBenchmark {

  static final int CHUNK = 64 * 1024;

  @Param({"2048", "102400", "10485760"})
  public int size;

  @Param({"0", "50"})
  public int dotPermille;

  private byte[] stored;

  @Setup
  public void setUp() {
    stored = BenchMessages.stored(1, size, dotPermille);
  }

  @Benchmark
  public long count() {
    WireSize counter = new WireSize();
    for (int off = 0; off < stored.length; off += CHUNK) {
      counter.update(stored, off, Math.min(CHUNK, stored.length - off));
    }
    return counter.size();
  }

  /** The same count by the proposed {@link SwarWireSize}. */
  @Benchmark
  public long countSwarProposal() {
    SwarWireSize counter = new SwarWireSize();
    for (int off = 0; off < stored.length; off += CHUNK) {
      counter.update(stored, off, Math.min(CHUNK, stored.length - off));
    }
    return counter.size();
  }
}
