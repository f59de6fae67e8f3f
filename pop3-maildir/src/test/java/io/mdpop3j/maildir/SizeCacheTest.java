package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeCacheTest {

  @TempDir Path dir;

  @Test
  void storedEntriesLoadBackIncludingNamesWithSpaces() throws Exception {
    Map<String, SizeCache.Entry> entries = new HashMap<>();
    entries.put(
        "1700000000.V801I1234M567890.host", new SizeCache.Entry(1_700_000_000_123L, 10, 12));
    entries.put("1700000001.M1P2.my host", new SizeCache.Entry(-5, 0, 0));
    SizeCache.store(dir, entries);
    assertEquals(entries, SizeCache.load(dir));
  }

  @Test
  void storeLeavesNoTemporaryFileBehind() throws Exception {
    SizeCache.store(dir, Map.of("a", new SizeCache.Entry(1, 2, 3)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void namesWithLineBreaksAreNotStored() throws Exception {
    SizeCache.store(dir, Map.of("a\nb", new SizeCache.Entry(1, 2, 3)));
    assertTrue(SizeCache.load(dir).isEmpty());
  }

  @Test
  void damagedOrTruncatedCacheLoadsEmpty() throws Exception {
    SizeCache.store(
        dir, Map.of("a", new SizeCache.Entry(1, 2, 3), "b", new SizeCache.Entry(4, 5, 6)));
    Path file = dir.resolve(SizeCache.FILE_NAME);
    String whole = Files.readString(file);
    for (String broken :
        new String[] {
          whole.substring(0, whole.indexOf("end")), // cut before its end line
          whole.replace("end 2", "end 3"),
          whole.replace(SizeCache.HEADER, "mdpop3j-sizes 99"),
          whole.replaceFirst("\n\\d+ ", "\nx "),
          whole + "trailing\n",
          "",
          "\u0000\u0001binary garbage"
        }) {
      Files.write(file, broken.getBytes(StandardCharsets.UTF_8));
      assertTrue(SizeCache.load(dir).isEmpty(), () -> "should be rejected: " + broken);
    }
  }

  @Test
  void missingCacheLoadsEmpty() {
    assertTrue(SizeCache.load(dir).isEmpty());
  }

  @Test
  void aListingWithPlacesLoadsBackInOrder() throws Exception {
    SizeCache.Contents contents =
        new SizeCache.Contents(
            "1:2:3,4:5:6",
            List.of(
                new SizeCache.Line("b", new SizeCache.Entry(1, 2, 3), MaildirScanner.CUR, ":2,S"),
                new SizeCache.Line("a", new SizeCache.Entry(4, 5, 6), MaildirScanner.NEW, "")));
    SizeCache.store(dir, contents);
    assertEquals(contents, SizeCache.read(dir));
  }

  @Test
  void aLineThatCannotBeStoredDropsTheListing() throws Exception {
    SizeCache.store(
        dir,
        new SizeCache.Contents(
            "1:2:3,4:5:6",
            List.of(
                new SizeCache.Line("a", new SizeCache.Entry(1, 2, 3), MaildirScanner.CUR, ":2,S"),
                new SizeCache.Line(
                    "b", new SizeCache.Entry(4, 5, 6), MaildirScanner.CUR, ":2, S"))));
    SizeCache.Contents back = SizeCache.read(dir);
    assertEquals(null, back.listing(), "the lines are no longer the whole snapshot");
    assertEquals(1, back.lines().size());
  }
}
