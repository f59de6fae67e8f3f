package io.mdpop3j.core.server;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every TLS connection of one server is set up: the context's keys, the protocol versions and
 * cipher suites on offer, and no client-initiated renegotiation.
 *
 * <p>The JDK refuses client-initiated renegotiation only process-wide ({@code
 * jdk.tls.rejectClientInitiatedRenegotiation}, which the launcher sets); here, per connection, a
 * session whose client completes a second handshake is closed at once, so a client cannot make the
 * server pay for handshake after handshake on one connection.
 */
record TlsPolicy(SSLContext context, List<String> protocols, List<String> cipherSuites) {

  private static final Logger log = LoggerFactory.getLogger("io.mdpop3j.session");

  /** TLS 1.3 and 1.2; older versions have known weaknesses (RFC 8996). */
  static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  TlsPolicy {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
  }

  /**
   * The policy for {@code context}: the given protocols and suites, or the defaults when empty (TLS
   * 1.3 and 1.2; of the context's default suites, those with forward secrecy: the TLS 1.3 suites
   * and ECDHE).
   *
   * @throws IllegalArgumentException naming a protocol or suite the context does not support, and
   *     the supported ones
   */
  static TlsPolicy of(SSLContext context, List<String> protocols, List<String> cipherSuites) {
    SSLParameters supported = context.getSupportedSSLParameters();
    List<String> chosenProtocols = protocols.isEmpty() ? DEFAULT_PROTOCOLS : protocols;
    check("tlsProtocols", chosenProtocols, supported.getProtocols());
    List<String> chosenSuites = cipherSuites;
    if (chosenSuites.isEmpty()) {
      chosenSuites = new ArrayList<>();
      for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
        if (isForwardSecret(suite)) {
          chosenSuites.add(suite);
        }
      }
    }
    check("tlsCipherSuites", chosenSuites, supported.getCipherSuites());
    return new TlsPolicy(context, chosenProtocols, chosenSuites);
  }

  /** TLS 1.3 suites always have forward secrecy; before 1.3 only ephemeral ECDH ones here. */
  static boolean isForwardSecret(String suite) {
    return suite.startsWith("TLS_AES_")
        || suite.startsWith("TLS_CHACHA20_")
        || suite.startsWith("TLS_ECDHE_")
        || suite.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
  }

  private static void check(String setting, List<String> chosen, String[] supported) {
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(setting + " is empty: no TLS connection could be made");
    }
    Set<String> known = new TreeSet<>(Arrays.asList(supported));
    for (String name : chosen) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            setting + ": '" + name + "' is not supported by this JDK; supported: " + known);
      }
    }
  }

  /** Layers the server side of TLS over the connected {@code plain} socket; no handshake yet. */
  SSLSocket layer(Socket plain, String peerHost) throws IOException {
    SSLSocket tls =
        (SSLSocket) context.getSocketFactory().createSocket(plain, peerHost, plain.getPort(), true);
    tls.setUseClientMode(false);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setProtocols(protocols.toArray(String[]::new));
    parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
    parameters.setUseCipherSuitesOrder(true);
    tls.setSSLParameters(parameters);
    AtomicInteger handshakes = new AtomicInteger();
    tls.addHandshakeCompletedListener(
        event -> {
          if (handshakes.incrementAndGet() > 1) {
            // The server never asks for one, so any later handshake is the client's.
            log.warn("client-initiated TLS renegotiation refused; closing");
            try {
              plain.close();
            } catch (IOException e) {
              // Closed already.
            }
          }
        });
    return tls;
  }
}
