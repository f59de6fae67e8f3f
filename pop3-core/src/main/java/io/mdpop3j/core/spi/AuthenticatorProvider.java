package io.mdpop3j.core.spi;

/**
 * Makes an {@link Authenticator} from settings; found by {@link #name()} through {@link
 * java.util.ServiceLoader}. Register implementations with
 * {@code @AutoService(AuthenticatorProvider.class)}.
 */
public interface AuthenticatorProvider {

  /** The short name users select this authenticator by, such as {@code pam} or {@code unix}. */
  String name();

  /**
   * Creates an authenticator.
   *
   * @throws InvalidSettingException naming the setting, its value and the accepted values
   */
  Authenticator create(Settings settings);
}
