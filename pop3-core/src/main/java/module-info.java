/**
 * The POP3 server: the plug-in SPI ({@code spi}), the embeddable server and its builder ({@code
 * server}), in-memory plug-ins for tests and demos ({@code memory}), and the wire-format rules that
 * stores share with the server ({@code wire}). The protocol engine and the SASL mechanisms are
 * internal.
 */
module io.mdpop3j.core {
  requires org.slf4j;
  requires static com.google.auto.service;

  exports io.mdpop3j.core.spi;
  exports io.mdpop3j.core.server;
  exports io.mdpop3j.core.memory;
  exports io.mdpop3j.core.wire;

  uses io.mdpop3j.core.spi.AuthenticatorProvider;
  uses io.mdpop3j.core.spi.MailStoreProvider;
  uses io.mdpop3j.core.spi.BearerTokenValidatorProvider;
  uses io.mdpop3j.core.spi.SaslMechanism;

  // The same classes @AutoService registers in META-INF/services for class-path use;
  // ModuleProvidesTest keeps the two lists equal.
  provides io.mdpop3j.core.spi.AuthenticatorProvider with
      io.mdpop3j.core.memory.MemoryAuthenticatorProvider;
  provides io.mdpop3j.core.spi.MailStoreProvider with
      io.mdpop3j.core.memory.MemoryMailStoreProvider;
  provides io.mdpop3j.core.spi.SaslMechanism with
      io.mdpop3j.core.sasl.PlainSasl,
      io.mdpop3j.core.sasl.LoginSasl,
      io.mdpop3j.core.sasl.CramMd5Sasl,
      io.mdpop3j.core.sasl.ScramSha1Sasl,
      io.mdpop3j.core.sasl.ScramSha1PlusSasl,
      io.mdpop3j.core.sasl.ScramSha256Sasl,
      io.mdpop3j.core.sasl.ScramSha256PlusSasl,
      io.mdpop3j.core.sasl.OAuthBearerSasl,
      io.mdpop3j.core.sasl.XOAuth2Sasl;
}
