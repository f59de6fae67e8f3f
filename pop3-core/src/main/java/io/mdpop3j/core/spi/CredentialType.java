package io.mdpop3j.core.spi;

/**
 * A kind of {@link Credentials} an {@link Authenticator} can check. The server offers exactly the
 * login methods (APOP, SASL mechanisms) whose credentials the configured authenticator accepts.
 */
public enum CredentialType {
  /** {@link Credentials.Password}: USER/PASS, SASL PLAIN and LOGIN. */
  PASSWORD,
  /** {@link Credentials.Apop}: needs the cleartext secret. */
  APOP,
  /** {@link Credentials.CramMd5}: needs the cleartext secret or its HMAC-MD5 context. */
  CRAM_MD5,
  /** SCRAM-SHA-1 through {@link Authenticator#scramKeys}, then {@link Credentials.Verified}. */
  SCRAM_SHA_1,
  /** SCRAM-SHA-256 through {@link Authenticator#scramKeys}, then {@link Credentials.Verified}. */
  SCRAM_SHA_256,
  /** {@link Credentials.BearerToken}: OAUTHBEARER and XOAUTH2, checked by the authenticator. */
  BEARER_TOKEN,
  /**
   * {@link Credentials.Verified}: the account of a user whose proof the server checked already
   * (SCRAM against this authenticator's keys, a bearer token by the server's token validator).
   */
  VERIFIED
}
