package io.mdpop3j.examples.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed mdpop3d command line, grouped by what each part is for. {@link OptionTable} says which
 * option sets which part; docs/mdpop3d.md explains them.
 *
 * @param mode what the process does
 * @param session how each session behaves (mdpop3d's letters)
 * @param plugins which mail store and authenticator serve
 * @param settings provider settings by full key ({@code --set maildir.subdir=Mail} or {@code
 *     --maildir.subdir=Mail}) and server settings ({@code --timeout.idle=10m} and the like), as
 *     written; {@link ServerAssembly} reads them
 * @param listeners the addresses of daemon mode
 * @param tls the certificate and whether STLS is offered
 * @param logging where the log goes and what it says
 */
public record LaunchOptions(
    LaunchMode mode,
    Session session,
    Plugins plugins,
    Map<String, String> settings,
    Listeners listeners,
    Tls tls,
    Logging logging) {

  public LaunchOptions {
    settings = Map.copyOf(settings);
  }

  /**
   * How each session behaves.
   *
   * @param timeout {@code -t}: idle and write timeout
   * @param commitOnError {@code -c}: apply deletions even when a session ends without QUIT
   * @param maildir {@code -m}: the Maildir below the home directory, or {@code .} for the home
   * @param leaveNew {@code -n}: leave messages in {@code new/} at QUIT ({@code
   *     maildir.move-new=false})
   * @param apop {@code -A}: offer APOP when the authenticator can check it
   * @param apopHost {@code -T}: the host part of the APOP timestamp
   * @param user {@code -u}: the user of a pre-authenticated session
   */
  public record Session(
      Optional<Duration> timeout,
      boolean commitOnError,
      Optional<String> maildir,
      boolean leaveNew,
      boolean apop,
      Optional<String> apopHost,
      Optional<String> user) {}

  /**
   * The providers.
   *
   * @param auth {@code --auth NAME[:ARG]}: the authenticator provider
   * @param store {@code --store NAME}: the mail store provider (default {@code maildir})
   * @param pamService {@code -p}: authenticate with PAM under this service
   */
  public record Plugins(
      Optional<String> auth, Optional<String> store, Optional<String> pamService) {}

  /**
   * The listeners of daemon mode.
   *
   * @param plain {@code --listen HOST:PORT}, repeatable
   * @param implicitTls {@code --listen-tls HOST:PORT}, repeatable: implicit TLS (POP3S)
   */
  public record Listeners(List<String> plain, List<String> implicitTls) {
    public Listeners {
      plain = List.copyOf(plain);
      implicitTls = List.copyOf(implicitTls);
    }

    /** Whether any listener was given. */
    public boolean any() {
      return !plain.isEmpty() || !implicitTls.isEmpty();
    }
  }

  /**
   * The server's certificate, in one of two forms, and STLS.
   *
   * @param cert {@code --tls-cert}: PEM certificate chain
   * @param key {@code --tls-key}: PEM private key (PKCS#8 or PKCS#1 RSA)
   * @param keystore {@code --tls-keystore}: PKCS#12 key store
   * @param keystorePassword {@code --tls-keystore-password} or the first line of {@code
   *     --tls-keystore-password-file}
   * @param stls {@code --stls}: offer STLS on plain listeners (on by default when TLS is
   *     configured; {@code --no-stls} turns it off)
   */
  public record Tls(
      Optional<String> cert,
      Optional<String> key,
      Optional<String> keystore,
      Optional<String> keystorePassword,
      Optional<Boolean> stls) {

    /** Whether a certificate was given in one of the two forms. */
    public boolean configured() {
      return cert.isPresent() || keystore.isPresent();
    }
  }

  /**
   * The log.
   *
   * @param target {@code --log syslog|stderr|FILE}
   * @param quiet {@code -q}: no connect and disconnect log lines
   * @param debug {@code -d}: log every client line, PASS text hidden
   * @param remoteHost {@code -r}: the client's host name for the log
   * @param remoteHostVariable {@code -R}: the environment variable holding the client's host name
   */
  public record Logging(
      Optional<String> target,
      boolean quiet,
      boolean debug,
      Optional<String> remoteHost,
      Optional<String> remoteHostVariable) {}
}
