package io.mdpop3j.bench.load;

import io.mdpop3j.bench.data.BenchMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wire form every message must have, keyed by its {@code X-Bench-Id}: read from the stored
 * files before timing starts, so a check costs only a comparison.
 */
final class ExpectedMessages {

  private final Map<Long, byte[]> byId = new ConcurrentHashMap<>();
  private final Map<Long, Long> octetsById = new ConcurrentHashMap<>();

  /** Loads every file in {@code dirs} (the Maildirs' {@code cur/} folders or templates). */
  static ExpectedMessages load(Iterable<Path> dirs) throws IOException {
    ExpectedMessages e = new ExpectedMessages();
    for (Path dir : dirs) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          if (!Files.isRegularFile(f)) {
            continue;
          }
          byte[] stored = Files.readAllBytes(f);
          int lf = 0;
          while (lf < stored.length && stored[lf] != '\n') {
            lf++;
          }
          long[] id = BenchMessages.parseIdLine(new String(stored, 0, lf, StandardCharsets.UTF_8));
          if (id == null) {
            throw new IOException("not a benchmark message: " + f);
          }
          e.byId.put(id[0], BenchMessages.wire(stored));
          e.octetsById.put(id[0], BenchMessages.wireSize(stored));
        }
      }
    }
    return e;
  }

  /**
   * The count and RFC 1939 octets of the benchmark messages in {@code dir}, one file at a time, so
   * a directory of a million messages needs no more memory than its largest file.
   */
  static long[] totals(Path dir) throws IOException {
    long[] t = new long[2];
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          byte[] stored = Files.readAllBytes(f);
          t[0]++;
          t[1] += BenchMessages.wireSize(stored);
        }
      }
    }
    return t;
  }

  int size() {
    return byId.size();
  }

  /** The expected wire bytes of the message whose first line is {@code line}, or null. */
  byte[] forFirstLine(String line) {
    long[] id = BenchMessages.parseIdLine(line);
    if (id == null) {
      return null;
    }
    byte[] wire = byId.get(id[0]);
    if (wire == null) {
      return null;
    }
    byte[] head = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    if (head.length > wire.length || !Arrays.equals(wire, 0, head.length, head, 0, head.length)) {
      return null;
    }
    return wire;
  }

  /** The RFC 1939 size the server must report for message {@code id}, or -1 if unknown. */
  long octets(long id) {
    return octetsById.getOrDefault(id, -1L);
  }

  /** All ids known. */
  java.util.Set<Long> ids() {
    return byId.keySet();
  }

  /** The sum of all messages' RFC 1939 sizes. */
  long totalOctets() {
    long t = 0;
    for (long o : octetsById.values()) {
      t += o;
    }
    return t;
  }
}
