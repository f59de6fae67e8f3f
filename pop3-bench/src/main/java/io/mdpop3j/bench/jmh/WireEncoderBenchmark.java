package io.mdpop3j.bench.jmh;

import io.mdpop3j.bench.baseline.LineCopyWireEncoder;
import io.mdpop3j.bench.data.BenchMessages;
import io.mdpop3j.core.protocol.WireEncoder;
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
 * {@link WireEncoder} over whole messages in 32 KiB steps. One operation encodes one message of
 * {@code size} octets, so MB/s = ops/s × size / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireEncoderBenchmark {

  /**
   * Within the sizes RETR hands the encoder (pieces of about 4 to 64 KiB of its 128 KiB steps), and
   * kept at 32 KiB so results compare with earlier runs.
   */
  static final int CHUNK = 32 * 1024;

  @Param({"2048", "102400", "10485760"})
  public int size;

  /** Lines per 1000 that start with a dot: 0 % and 5 %. */
  @Param({"0", "50"})
  public int dotPermille;

  private byte[] stored;
  private byte[] out;

  @Setup
  public void setUp() {
    stored = BenchMessages.stored(1, size, dotPermille);
    out = new byte[WireEncoder.maxEncodedLength(CHUNK) + WireEncoder.MAX_FINISH_BYTES];
  }

  @Benchmark
  public int encode() {
    WireEncoder encoder = new WireEncoder();
    int total = 0;
    for (int off = 0; off < stored.length; off += CHUNK) {
      total += encoder.encode(stored, off, Math.min(CHUNK, stored.length - off), out, 0);
    }
    return total + encoder.finish(out, 0);
  }

  /**
   * The encoder before the word-copy rewrite ({@link LineCopyWireEncoder}), same steps, for a
   * same-run comparison with {@link #encode}.
   */
  @Benchmark
  public int encodeLineCopyBaseline() {
    LineCopyWireEncoder encoder = new LineCopyWireEncoder();
    int total = 0;
    for (int off = 0; off < stored.length; off += CHUNK) {
      total += encoder.encode(stored, off, Math.min(CHUNK, stored.length - off), out, 0);
    }
    return total + encoder.finish(out, 0);
  }

  /**
   * What RETR from the Maildir store cost before the encoder counted sizes itself: a second scan
   * with {@link WireSize} beside the encoding ({@link #encode} is today's single pass).
   */
  @Benchmark
  public long encodeAndRecount() {
    WireEncoder encoder = new WireEncoder();
    WireSize counted = new WireSize();
    int total = 0;
    for (int off = 0; off < stored.length; off += CHUNK) {
      int n = Math.min(CHUNK, stored.length - off);
      counted.update(stored, off, n);
      total += encoder.encode(stored, off, n, out, 0);
    }
    return total + encoder.finish(out, 0) + counted.size();
  }
}
