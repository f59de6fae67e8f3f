/** OAuth 2.0 bearer-token validation for OAUTHBEARER and XOAUTH2: JWT and token introspection. */
module io.mdpop3j.auth.oauth {
  requires transitive io.mdpop3j.core;
  requires com.nimbusds.jose.jwt;
  requires java.net.http;
  requires org.slf4j;
  requires static com.google.auto.service;

  exports io.mdpop3j.auth.oauth;

  provides io.mdpop3j.core.spi.BearerTokenValidatorProvider with
      io.mdpop3j.auth.oauth.JwtTokenValidatorProvider,
      io.mdpop3j.auth.oauth.IntrospectionTokenValidatorProvider;
}
