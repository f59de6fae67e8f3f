package io.mdpop3j.auth.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresPackages("whois")
class NonAsciiPasswordUnderCLocaleTest {

  @Test
  void passwordWithUmlautVerifiesInAJvmRunningUnderLangC(@TempDir Path dir) throws Exception {
    String password = "Bär-ä-ö-ü-ß";
    String hash = SystemHashes.mkpasswd("yescrypt", password);
    Path file = dir.resolve("users");
    Files.writeString(file, "anna:{CRYPT}" + hash + ":2000:2000::/home/anna\n");

    ForkedJvm.Result result =
        ForkedJvm.run(
            List.of(),
            ForkedJvm.classPath(),
            Map.of("LANG", "C", "LC_ALL", "C"),
            List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"),
            CLocaleProbe.class,
            password.getBytes(StandardCharsets.UTF_8),
            hash,
            file.toString());

    assertEquals(0, result.exitCode(), result.stdout());
    // The child really ran with an ASCII platform charset...
    assertTrue(result.stdout().contains("charset=US-ASCII"), result.stdout());
    // ...where the String-argument mistake fails, so the check below is not passing by luck.
    assertTrue(result.stdout().contains("string-argument=false"), result.stdout());
    assertTrue(result.stdout().contains("verifier=true"), result.stdout());
    assertTrue(result.stdout().contains("passwd-file=true"), result.stdout());
  }
}
