package io.mdpop3j.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** RFC 5929 section 4.1: which hash makes the tls-server-end-point binding of a certificate. */
class ChannelBindingsTest {

  @Test
  void theCertificatesOwnSignatureHashIsUsed() {
    assertEquals("SHA-256", ChannelBindings.endPointHash("SHA256withRSA"));
    assertEquals("SHA-384", ChannelBindings.endPointHash("SHA384withECDSA"));
    assertEquals("SHA-512", ChannelBindings.endPointHash("SHA512withRSA"));
  }

  @Test
  void md5AndSha1BecomeSha256() {
    assertEquals("SHA-256", ChannelBindings.endPointHash("MD5withRSA"));
    assertEquals("SHA-256", ChannelBindings.endPointHash("SHA1withRSA"));
  }

  @Test
  void aSignatureWithNoDefinedHashGivesNoBinding() {
    assertNull(ChannelBindings.endPointHash("Ed25519"));
  }
}
