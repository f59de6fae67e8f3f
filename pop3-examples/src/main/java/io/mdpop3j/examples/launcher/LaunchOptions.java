package io.mdpop3j.examples.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed mdpop3d command line. Letters are mdpop3d(8)'s; long options are this launcher's and use
 * the vocabulary of docs/ (see docs/mdpop3d.md).
 *
 * @param timeout {@code -t}: idle and write timeout
 * @param commitOnError {@code -c}: apply deletions even when a session ends without QUIT
 * @param maildir {@code -m}: the Maildir below the home directory, or {@code .} for the home
 * @param preauthenticated {@code -a} (or {@code -u}): start in TRANSACTION as the calling user
 * @param user {@code -u}: the user of a pre-authenticated session
 * @param remoteHost {@code -r}: the client's host name for the log
 * @param remoteHostVariable {@code -R}: the environment variable holding the client's host name
 * @param quiet {@code -q}: no connect and disconnect log lines
 * @param leaveNew {@code -n}: leave messages in {@code new/} at QUIT ({@code
 *     maildir.move-new=false})
 * @param debug {@code -d}: log every client line, PASS text hidden
 * @param pamService {@code -p}: authenticate with PAM under this service
 * @param apop {@code -A}: offer APOP when the authenticator can check it
 * @param apopHost {@code -T}: the host part of the APOP timestamp
 * @param version {@code -V}: print the version and the available plug-ins
 * @param help {@code -h}/{@code --help}
 * @param listen {@code --listen HOST:PORT}, repeatable: daemon mode
 * @param listenTls {@code --listen-tls HOST:PORT}, repeatable: implicit TLS (POP3S)
 * @param tlsCert {@code --tls-cert}: PEM certificate chain
 * @param tlsKey {@code --tls-key}: PEM private key (PKCS#8 or PKCS#1 RSA)
 * @param tlsKeystore {@code --tls-keystore}: PKCS#12 key store
 * @param tlsKeystorePassword {@code --tls-keystore-password} or the first line of {@code
 *     --tls-keystore-password-file}
 * @param stls {@code --stls}: offer STLS on plain listeners (on by default when TLS is configured;
 *     {@code --no-stls} turns it off)
 * @param auth {@code --auth NAME[:ARG]}: the authenticator provider
 * @param store {@code --store NAME}: the mail store provider (default {@code maildir})
 * @param settings provider settings by full key ({@code --set maildir.subdir=Mail} or {@code
 *     --maildir.subdir=Mail}) and core settings ({@code --timeout.idle=10m} and the like)
 * @param log {@code --log syslog|stderr|FILE}
 * @param demo {@code --demo}
 * @param cdsTraining {@code --cds-training}: run one scripted session in memory and exit, so that
 *     {@code bin/mdpop3d} can record an AppCDS archive of the classes a session loads
 */
public record LaunchOptions(
    Optional<Duration> timeout,
    boolean commitOnError,
    Optional<String> maildir,
    boolean preauthenticated,
    Optional<String> user,
    Optional<String> remoteHost,
    Optional<String> remoteHostVariable,
    boolean quiet,
    boolean leaveNew,
    boolean debug,
    Optional<String> pamService,
    boolean apop,
    Optional<String> apopHost,
    boolean version,
    boolean help,
    List<String> listen,
    List<String> listenTls,
    Optional<String> tlsCert,
    Optional<String> tlsKey,
    Optional<String> tlsKeystore,
    Optional<String> tlsKeystorePassword,
    Optional<Boolean> stls,
    Optional<String> auth,
    Optional<String> store,
    Map<String, String> settings,
    Optional<String> log,
    boolean demo,
    boolean cdsTraining) {

  public LaunchOptions {
    listen = List.copyOf(listen);
    listenTls = List.copyOf(listenTls);
    settings = Map.copyOf(settings);
  }

  /** Whether this is a standalone daemon ({@code --listen} or {@code --listen-tls}). */
  public boolean daemon() {
    return !listen.isEmpty() || !listenTls.isEmpty();
  }

  /** Whether a certificate was given in one of the two forms. */
  public boolean hasTls() {
    return tlsCert.isPresent() || tlsKeystore.isPresent();
  }
}
