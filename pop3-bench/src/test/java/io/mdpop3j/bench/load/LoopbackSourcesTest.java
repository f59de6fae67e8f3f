package io.mdpop3j.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackSourcesTest {

  @Test
  void everyAddressIsADistinctLoopbackAddressInItsOwnSlashSixteen() throws Exception {
    LoopbackSources sources = new LoopbackSources(7);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String a = sources.next();
      assertTrue(a.startsWith("127.7."), a);
      assertTrue(InetAddress.getByName(a).isLoopbackAddress(), a);
      assertTrue(seen.add(a), "given twice: " + a);
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void noAddressEndsInZeroOrTwoHundredFiftyFive() {
    LoopbackSources sources = new LoopbackSources(8);
    for (int i = 0; i < 600; i++) {
      String last = sources.next().replaceAll(".*\\.", "");
      assertTrue(!last.equals("0") && !last.equals("255"), last);
    }
  }

  @Test
  void theIndexedAddressesFollowTheSameOrderAsNext() {
    LoopbackSources walked = new LoopbackSources(0);
    LoopbackSources indexed = new LoopbackSources(0);
    for (int i = 0; i < 600; i++) {
      assertEquals(walked.next(), indexed.address(i));
    }
    assertEquals("127.0.0.2", indexed.address(1));
    assertEquals("127.0.1.1", indexed.address(254));
  }
}
