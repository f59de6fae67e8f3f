package io.mdpop3j.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A SASL mechanism for the AUTH command (RFC 5034). Found by {@link java.util.ServiceLoader} (the
 * built-in ones too) or given to the server's builder; one instance serves every session, so it
 * holds no session state: {@link #begin} makes an {@link Exchange} for one login.
 */
public interface SaslMechanism {
  /** The mechanism's name, upper case, as CAPA's SASL line and AUTH write it. */
  String name();

  /**
   * Whether the mechanism can work on this session: the authenticator accepts its credentials, and
   * what else it needs is there (a channel binding for {@code -PLUS}). Only then is it offered.
   */
  boolean availableFor(SaslContext context);

  /**
   * Whether the client sends a secret an eavesdropper could reuse (PLAIN, LOGIN, a bearer token):
   * such mechanisms obey the server's plaintext policy, as USER/PASS does.
   */
  boolean sendsReusableSecret();

  /** Starts one login. */
  Exchange begin(SaslContext context);

  /** One login: each client response leads to the next step. */
  interface Exchange {
    /**
     * The first step when AUTH carried no initial response (RFC 5034 section 4): by default an
     * empty challenge, the client's cue to send its first message; a mechanism in which the server
     * speaks first (CRAM-MD5, LOGIN) sends its first challenge here.
     */
    default Step start() {
      return new Challenge(new byte[0]);
    }

    /**
     * The next step after the client sent {@code response} (decoded from base64): its initial
     * response, or its answer to the last challenge.
     */
    Step step(byte[] response);

    /**
     * Data for the client once the authenticator accepted the credentials of a {@link Complete}
     * step (SCRAM's server-final message). The server sends it as a last challenge and answers
     * {@code +OK} to the client's empty reply (RFC 5034 has no data with success).
     */
    default Optional<byte[]> successData() {
      return Optional.empty();
    }

    /**
     * A challenge explaining a failed login (OAUTHBEARER's JSON error, RFC 7628 section 3.2.2),
     * sent before the {@code -ERR}; the client's reply to it is read and dropped.
     */
    default Optional<byte[]> failureChallenge() {
      return Optional.empty();
    }
  }

  /** The outcome of one step. */
  sealed interface Step permits Challenge, Complete, Failed {}

  /** Send {@code data} as a challenge ({@code +} and base64) and wait for a response. */
  @SuppressWarnings("ArrayRecordComponent") // the accessor returns a copy; never compared
  record Challenge(byte[] data) implements Step {
    public Challenge {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** The client presented {@code credentials}; the server has the authenticator check them. */
  record Complete(Credentials credentials) implements Step {
    public Complete {
      Objects.requireNonNull(credentials, "credentials");
    }
  }

  /** The exchange failed (a malformed message, a wrong proof); {@code reason} is for the log. */
  record Failed(String reason) implements Step {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
