package io.mdpop3j.core.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacMd5ContextTest {

  /** `doveadm pw -s CRAM-MD5 -p tanstaaftanstaaf` (Dovecot 2.3.19), without its scheme prefix. */
  static final String DOVECOT_CONTEXT =
      "d06d4e1b26fccaa4b0b61801132340a354b21152711fb604ca3e035e7015116b";

  @Test
  void dovecotsStoredContextGivesRfc2195sExampleDigest() {
    byte[] digest =
        HmacMd5Context.hmac(
            HexFormat.of().parseHex(DOVECOT_CONTEXT),
            "<1896.697170952@postoffice.reston.mci.net>".getBytes(StandardCharsets.US_ASCII));

    assertEquals("b913a602c7eda7a495b4e6e7334d3890", HexFormat.of().formatHex(digest));
  }

  @Test
  void theContextOfAKeyIsWhatDovecotStores() {
    assertEquals(
        DOVECOT_CONTEXT,
        HexFormat.of()
            .formatHex(
                HmacMd5Context.contextOf("tanstaaftanstaaf".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void agreesWithTheJdksHmacMd5ForLongMessagesAndKeys() throws Exception {
    byte[] key = new byte[100];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7);
    }
    for (int length : new int[] {0, 1, 55, 56, 63, 64, 65, 200}) {
      byte[] message = new byte[length];
      for (int i = 0; i < length; i++) {
        message[i] = (byte) (i * 13 + 1);
      }
      Mac mac = Mac.getInstance("HmacMD5");
      mac.init(new SecretKeySpec(key, "HmacMD5"));
      assertArrayEquals(
          mac.doFinal(message),
          HmacMd5Context.hmac(HmacMd5Context.contextOf(key), message),
          "length " + length);
    }
  }
}
