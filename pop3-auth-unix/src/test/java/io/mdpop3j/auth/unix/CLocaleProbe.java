package io.mdpop3j.auth.unix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.TestSession;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Run by {@link NonAsciiPasswordUnderCLocaleTest} in a JVM started with {@code LANG=C}. Reads the
 * password as UTF-8 bytes from stdin; {@code args}: the hash, then a passwd-file path whose user
 * {@code anna} has that hash. Prints {@code key=value} lines.
 */
public final class CLocaleProbe {

  /** The mistake the module avoids: JNA's String arguments, encoded in the platform charset. */
  public interface StringCrypt extends Library {
    String crypt(String phrase, String setting);
  }

  private CLocaleProbe() {}

  public static void main(String[] args) throws Exception {
    byte[] password = System.in.readAllBytes();
    String hash = args[0];
    // The platform's charset: file.encoding up to Java 17, native.encoding from 18 on, where the
    // default charset is UTF-8 whatever the locale (JEP 400) but JNA still encodes in this one.
    String platform = System.getProperty("native.encoding", Charset.defaultCharset().name());
    System.out.println("charset=" + Charset.forName(platform).name());
    System.out.println("verifier=" + CryptVerifier.load("libcrypt.so.1").matches(password, hash));
    StringCrypt stringCrypt = Native.load("libcrypt.so.1", StringCrypt.class);
    String viaString = stringCrypt.crypt(new String(password, StandardCharsets.UTF_8), hash);
    System.out.println("string-argument=" + hash.equals(viaString));
    Authenticator passwdFile =
        ProviderRegistry.authenticators(CLocaleProbe.class.getClassLoader())
            .find("passwd-file")
            .create(Settings.of("passwd-file", Map.of("path", args[1])));
    AuthResult result =
        passwdFile.authenticate(
            TestSession.plain(), new Credentials.Password("anna", password, Optional.empty()));
    System.out.println("passwd-file=" + (result instanceof AuthResult.Success));
  }
}
