package io.mdpop3j.core.server;

import java.io.IOException;

/**
 * A connection from a trusted balancer did not start with a complete, valid PROXY protocol header;
 * the message names what was wrong and what was expected. The connection must be dropped (PROXY
 * protocol section 2.1: "any sequence which does not exactly match the protocol must be discarded
 * and cause the receiver to abort the connection").
 */
final class ProxyHeaderException extends IOException {

  private static final long serialVersionUID = 1L;

  ProxyHeaderException(String message) {
    super(message);
  }

  ProxyHeaderException(String message, Throwable cause) {
    super(message, cause);
  }
}
