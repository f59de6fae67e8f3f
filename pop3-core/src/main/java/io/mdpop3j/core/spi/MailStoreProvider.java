package io.mdpop3j.core.spi;

/**
 * Makes a {@link MailStore} from settings; found by {@link #name()} through {@link
 * java.util.ServiceLoader}. Register implementations with
 * {@code @AutoService(MailStoreProvider.class)}.
 */
public interface MailStoreProvider {

  /** The short name users select this store by, such as {@code maildir} or {@code memory}. */
  String name();

  /**
   * Creates a store.
   *
   * @throws InvalidSettingException naming the setting, its value and the accepted values
   */
  MailStore create(Settings settings);
}
