package io.mdpop3j.core.spi;

/**
 * Makes a {@link BearerTokenValidator} from settings; found by {@link java.util.ServiceLoader}
 * under its {@link #name()} ({@code jwt}, {@code introspection}). Settings are under {@code oauth.}
 * whatever the validator, as the launcher's {@code --oauth.KEY=VALUE} writes them.
 */
public interface BearerTokenValidatorProvider {

  /** The name the validator is chosen by. */
  String name();

  /**
   * A validator configured by {@code settings}.
   *
   * @throws InvalidSettingException naming the setting that is missing or wrong
   */
  BearerTokenValidator create(Settings settings);
}
