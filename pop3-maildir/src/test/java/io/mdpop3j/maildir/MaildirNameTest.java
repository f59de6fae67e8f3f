package io.mdpop3j.maildir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaildirNameTest {

  @Test
  void baseNameEndsAtTheFirstColon() {
    assertEquals(
        "1700000000.M1P2.host,S=10", MaildirName.baseName("1700000000.M1P2.host,S=10:2,RS"));
    assertEquals(
        "1700000000.V801I1234M567890.host",
        MaildirName.baseName("1700000000.V801I1234M567890.host"));
  }

  @Test
  void wireAndFileSizeFieldsAreReadFromTheBaseNameOnly() {
    String dovecot = "1700000002.M123456P7890.mail,S=1234,W=1260:2,S";
    assertEquals(1260, MaildirName.wireSize(dovecot));
    assertEquals(1234, MaildirName.fileSize(dovecot));
    assertEquals(-1, MaildirName.wireSize("1700000000.M1P2.host:2,W=5"));
    assertEquals(-1, MaildirName.wireSize("1700000000.M1P2.host,S=12"));
  }

  @Test
  void malformedSizeFieldsCountAsAbsent() {
    assertEquals(-1, MaildirName.wireSize("1.M1.host,W=12x"));
    assertEquals(-1, MaildirName.wireSize("1.M1.host,W="));
    assertEquals(-1, MaildirName.wireSize("1.M1.host,W=99999999999999999999999"));
    assertEquals(7, MaildirName.wireSize("1.M1.host,W=x,W=7"));
  }

  @Test
  void newMessagesGetAnEmptyInfoOrTheSeenFlag() {
    assertEquals("1.M1.host:2,", MaildirName.inCur("1.M1.host", (char) 0));
    assertEquals("1.M1.host:2,S", MaildirName.inCur("1.M1.host", 'S'));
  }

  @Test
  void seenFlagIsInsertedInAsciiOrderOnce() {
    assertEquals("1.M1.host:2,FRST", MaildirName.inCur("1.M1.host:2,FRT", 'S'));
    assertEquals("1.M1.host:2,ST", MaildirName.inCur("1.M1.host:2,T", 'S'));
    assertEquals("1.M1.host:2,S", MaildirName.inCur("1.M1.host:2,S", 'S'));
    assertEquals("1.M1.host:2,Sab", MaildirName.inCur("1.M1.host:2,ab", 'S'), "S < a in ASCII");
  }

  @Test
  void experimentalInfoIsLeftAlone() {
    assertEquals("1.M1.host:1,xyz", MaildirName.inCur("1.M1.host:1,xyz", 'S'));
  }

  @Test
  void hasFlagLooksOnlyAtTheInfo() {
    assertTrue(MaildirName.hasFlag("1.M1.host:2,RS", 'S'));
    assertFalse(MaildirName.hasFlag("1.S1.host:2,R", 'S'));
    assertFalse(MaildirName.hasFlag("1.S1.host", 'S'));
  }

  @Test
  void baseNameMatchesOnlyWholeBaseNames() {
    assertTrue(MaildirName.hasBaseName("1.M1.host:2,S", "1.M1.host"));
    assertTrue(MaildirName.hasBaseName("1.M1.host", "1.M1.host"));
    assertFalse(MaildirName.hasBaseName("1.M1.hostx:2,", "1.M1.host"));
  }

  @Test
  void deliveryTimeIsTheLeadingSecondsPlusTheMicrosecondsOfTheFirstMInTheDeliveryId() {
    assertEquals(1_700_000_003_123_456L, MaildirName.deliveryMicros("1700000003.M123456P7890.h"));
    assertEquals(
        1_700_000_002_123_456L, MaildirName.deliveryMicros("1700000002.V803I2a3b4cM123456.h:2,S"));
    assertEquals(1_700_000_004_020_046L, MaildirName.deliveryMicros("1700000004.M20046P12345Q1.h"));
    assertEquals(1_700_000_000_000_001L, MaildirName.deliveryMicros("1700000000.M000001P1.h"));
  }

  @Test
  void deliveryIdsWithoutMicrosecondsAreAtTheStartOfTheirSecond() {
    for (String name :
        new String[] {
          "1700000000.12345.host",
          "1700000000.12345_0.host",
          "1700000000.R9a1b2c3d.host",
          "1700000000.Q12P4.host",
          "1700000000.P1.hostM5",
          "1700000000.P1,M=5",
          "1700000000.M1234567P1.host",
          "1700000000.MP1.host",
          "1700000000."
        }) {
      assertEquals(1_700_000_000_000_000L, MaildirName.deliveryMicros(name), name);
    }
  }

  @Test
  void namesThatDoNotStartWithSecondsAndADotCarryNoTime() {
    for (String name :
        new String[] {
          "msg",
          "host.1700000000",
          "1700000000",
          "1700000000_1.host",
          "1700000000:2,S",
          "1234567890123.M1.host",
          ".1700000000.M1.host",
          ""
        }) {
      assertEquals(MaildirName.NO_TIME, MaildirName.deliveryMicros(name), name);
    }
    assertEquals(999_000_009L, MaildirName.deliveryMicros("0999.M9P9.host"), "any digits count");
    assertEquals(
        999_999_999_999_000_000L, MaildirName.deliveryMicros("999999999999.x"), "12 digits fit");
  }
}
