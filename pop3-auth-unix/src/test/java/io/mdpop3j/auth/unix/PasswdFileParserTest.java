package io.mdpop3j.auth.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.auth.unix.PasswdFileParser.Parsed;
import io.mdpop3j.auth.unix.PasswdFileParser.Problem;
import io.mdpop3j.core.testing.RequiresPackages;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

@RequiresPackages({"whois", "openssl"})
class PasswdFileParserTest {

  private static final CryptVerifier CRYPT = CryptVerifier.load("libcrypt.so.1");
  private static final String SHA512 = SystemHashes.mkpasswd("sha512crypt", "pw");

  private final PasswdFileParser parser =
      new PasswdFileParser(PasswordScheme.CRYPT, CRYPT::canHash);

  @Test
  void userAndPasswordAloneAreALine() {
    PasswdFileEntry e = parser.parse("alice:{PLAIN}secret\n").users().get("alice");
    assertEquals(PasswordScheme.PLAIN, e.scheme());
    assertEquals("secret", e.secret());
    assertEquals(OptionalInt.empty(), e.uid());
    assertEquals(Optional.empty(), e.home());
  }

  @Test
  void everyFieldIsRead() {
    Parsed parsed =
        parser.parse(
            "bob:{SHA512-CRYPT}"
                + SHA512
                + ":1001:1002:Bob B:/srv/mail/bob:/bin/false:"
                + "maildir=Mail/inbox quota=1G userdb_mail=maildir:~/Maildir\n");
    PasswdFileEntry e = parsed.users().get("bob");
    assertEquals(PasswordScheme.SHA512_CRYPT, e.scheme());
    assertEquals(SHA512, e.secret());
    assertEquals(OptionalInt.of(1001), e.uid());
    assertEquals(OptionalInt.of(1002), e.gid());
    assertEquals(Optional.of("/srv/mail/bob"), e.home());
    assertEquals(Optional.of("Mail/inbox"), e.maildir());
    assertEquals(
        Map.of("maildir", "Mail/inbox", "quota", "1G", "userdb_mail", "maildir:~/Maildir"),
        e.extraFields());
    assertEquals(List.of(), parsed.problems());
  }

  @Test
  void emptyFieldsAreAllowed() {
    PasswdFileEntry e = parser.parse("carol:{PLAIN}x::::/home/carol::\n").users().get("carol");
    assertEquals(OptionalInt.empty(), e.uid());
    assertEquals(OptionalInt.empty(), e.gid());
    assertEquals(Optional.of("/home/carol"), e.home());
    assertEquals(Map.of(), e.extraFields());
  }

  @Test
  void commentsBlankLinesAndCrLfAreIgnored() {
    Parsed parsed =
        parser.parse("# users\n\n   \ndave:{PLAIN}pw\r\n#eve:{PLAIN}pw\r\nfrank:{PLAIN}pw2");
    assertEquals(List.of("dave", "frank"), List.copyOf(parsed.users().keySet()));
    assertEquals("pw", parsed.users().get("dave").secret());
    assertEquals(List.of(), parsed.problems());
  }

  @Test
  void passwordWithoutSchemeIsACryptHashByDefault() {
    PasswdFileEntry e = parser.parse("gina:" + SHA512 + "\n").users().get("gina");
    assertEquals(PasswordScheme.CRYPT, e.scheme());
    assertEquals(SHA512, e.secret());
    PasswdFileParser plainDefault = new PasswdFileParser(PasswordScheme.PLAIN, CRYPT::canHash);
    assertEquals(
        PasswordScheme.PLAIN, plainDefault.parse("gina:pw\n").users().get("gina").scheme());
  }

  @Test
  void schemeNamesIgnoreCaseAndCleartextIsPlain() {
    Parsed parsed = parser.parse("a:{plain}x\nb:{CLEARTEXT}y\nc:{sha512-crypt}" + SHA512 + "\n");
    assertEquals(PasswordScheme.PLAIN, parsed.users().get("a").scheme());
    assertEquals(PasswordScheme.PLAIN, parsed.users().get("b").scheme());
    assertEquals(PasswordScheme.SHA512_CRYPT, parsed.users().get("c").scheme());
  }

  @Test
  void malformedLinesAreReportedWithTheirNumberAndSkipped() {
    Parsed parsed =
        parser.parse(
            String.join(
                "\n",
                "ok1:{PLAIN}a",
                "onlyname",
                ":{PLAIN}nouser",
                "badscheme:{ROT13}nbp",
                "unclosed:{PLAIN",
                "baduid:{PLAIN}a:12x:1",
                "badgid:{PLAIN}a:1:-4",
                "relhome:{PLAIN}a:1:1::home/x",
                "wrongprefix:{MD5-CRYPT}" + SHA512,
                "nohash:{CRYPT}not-a-hash",
                "ok1:{PLAIN}duplicate",
                "emptymaildir:{PLAIN}a:::::: maildir=",
                "badssha:{SSHA256}%%%",
                "ok2:{PLAIN}b"));
    assertEquals(List.of("ok1", "ok2"), List.copyOf(parsed.users().keySet()));
    assertEquals("a", parsed.users().get("ok1").secret());
    List<Integer> lines = parsed.problems().stream().map(Problem::line).toList();
    assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), lines);
    assertTrue(parsed.problems().get(2).message().contains("unknown scheme {ROT13}"));
    assertTrue(parsed.problems().get(9).message().contains("already defined on line 1"));
    // A problem never quotes a secret.
    parsed.problems().forEach(p -> assertFalse(p.message().contains(SHA512), p.toString()));
    parsed.problems().forEach(p -> assertFalse(p.message().contains("nbp"), p.toString()));
  }

  @Test
  void apopIsPossibleOnlyWithAPlainSecret() {
    assertTrue(parser.parse("a:{PLAIN}x\nb:" + SHA512 + "\n").hasPlainSecret());
    assertFalse(parser.parse("b:" + SHA512 + "\nc:{PLAIN}\n").hasPlainSecret());
  }

  @Test
  void typicalUserIsOneOfTheMostCommonScheme() {
    String md5 = SystemHashes.openssl("1", "pw");
    Parsed parsed = parser.parse("a:{PLAIN}x\nb:" + SHA512 + "\nc:" + md5 + "\nd:" + SHA512 + "\n");
    assertEquals("b", parsed.typical().orElseThrow().user());
  }
}
