package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.Credentials;
import java.util.Objects;

/** A SASL mechanism for the AUTH command (RFC 5034). */
public interface SaslMechanism {

  /** The mechanism name, upper case, as in CAPA's SASL line. */
  String name();

  /** Whether the mechanism sends the password in the clear, and so obeys the plaintext policy. */
  boolean isPlaintext();

  /** Starts one exchange. */
  Exchange begin();

  /** One exchange: each client response yields the next step. */
  interface Exchange {
    /** The next step after the client sent {@code response} (decoded from base64). */
    Step step(byte[] response);
  }

  /** The outcome of one step. */
  sealed interface Step permits Challenge, Complete, Failed {}

  /** Send {@code data} as a challenge and wait for a response. */
  record Challenge(byte[] data) implements Step {
    public Challenge {
      Objects.requireNonNull(data, "data");
    }
  }

  /** The client has presented {@code credentials}; the server now checks them. */
  record Complete(Credentials credentials) implements Step {
    public Complete {
      Objects.requireNonNull(credentials, "credentials");
    }
  }

  /** The response was malformed; {@code reason} is for the log. */
  record Failed(String reason) implements Step {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
