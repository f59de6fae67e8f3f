package io.mdpop3j.examples.launcher;

import io.mdpop3j.core.spi.ProviderRegistry;
import java.io.PrintStream;

/** {@code -V}: the version, and which mail stores and authenticators (and APOP) are available. */
final class VersionReport {

  private VersionReport() {}

  static void print(PrintStream out) {
    String version = Main.class.getPackage().getImplementationVersion();
    ClassLoader loader = VersionReport.class.getClassLoader();
    out.println("mdpop3d (mdpop3j) " + (version != null ? version : "development build"));
    out.println("mail stores: " + String.join(", ", ProviderRegistry.mailStores(loader).names()));
    out.println(
        "authenticators: " + String.join(", ", ProviderRegistry.authenticators(loader).names()));
    out.println(
        "APOP: with -A, when the authenticator can check it: passwd-file ({PLAIN} secrets),"
            + " pam (with -A, pam.apop=true is set), memory; never unix (it holds only hashes)");
    out.println("TLS: STLS and implicit TLS with --tls-cert/--tls-key or --tls-keystore");
    out.flush();
  }
}
