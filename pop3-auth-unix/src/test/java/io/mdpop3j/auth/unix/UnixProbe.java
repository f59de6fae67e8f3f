package io.mdpop3j.auth.unix;

import io.mdpop3j.core.memory.MemoryMailStore;
import io.mdpop3j.core.server.Pop3Server;
import io.mdpop3j.core.spi.AuthResult;
import io.mdpop3j.core.spi.Authenticator;
import io.mdpop3j.core.spi.Credentials;
import io.mdpop3j.core.spi.ProviderRegistry;
import io.mdpop3j.core.spi.Settings;
import io.mdpop3j.core.testing.TestSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Run by {@link ShadowAccountsTest} in a JVM of another user: logs {@code args[0]} in through the
 * {@code unix} provider with default settings, the password read from stdin, and prints {@code
 * uid=<n>} and {@code result=SUCCESS} or {@code result=<failure reason>}; then logs in once more
 * through a core server over a socket and prints its reply as {@code reply=<line>}.
 */
public final class UnixProbe {

  private UnixProbe() {}

  public static void main(String[] args) throws Exception {
    byte[] password = System.in.readAllBytes();
    System.out.println("uid=" + new com.sun.security.auth.module.UnixSystem().getUid());
    Authenticator unix =
        ProviderRegistry.authenticators(UnixProbe.class.getClassLoader())
            .find("unix")
            .create(Settings.empty("unix"));
    AuthResult result =
        unix.authenticate(
            TestSession.plain(), new Credentials.Password(args[0], password, Optional.empty()));
    System.out.println(
        "result="
            + (result instanceof AuthResult.Success
                ? "SUCCESS"
                : ((AuthResult.Failure) result).reason().name()));
    try (Pop3Server server = EndToEndLoginTest.server(unix, new MemoryMailStore(), false);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      in.readLine();
      out.write(("USER " + args[0] + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      in.readLine();
      out.write("PASS ".getBytes(StandardCharsets.UTF_8));
      out.write(password);
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      System.out.println("reply=" + in.readLine());
    }
  }
}
