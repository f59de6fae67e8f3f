/**
 * OAuth 2.0 bearer-token validators for OAUTHBEARER (RFC 7628) and XOAUTH2: {@code jwt} checks a
 * JWT's signature against a JSON Web Key Set and its issuer, audience and lifetime; {@code
 * introspection} asks the authorization server (RFC 7662). Both are found by name through {@link
 * io.mdpop3j.core.spi.BearerTokenValidatorProvider}; their settings are in {@code
 * docs/auth-oauth.md}.
 */
package io.mdpop3j.auth.oauth;
