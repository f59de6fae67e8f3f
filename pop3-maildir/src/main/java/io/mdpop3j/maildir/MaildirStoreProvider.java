package io.mdpop3j.maildir;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreProvider;
import io.mdpop3j.core.spi.Settings;

/** The {@code maildir} mail store; its settings are those of {@link MaildirSettings}. */
// Class-retention registration marker; readers of the module need not see it.
@SuppressWarnings("exports")
@AutoService(MailStoreProvider.class)
public final class MaildirStoreProvider implements MailStoreProvider {

  /** Made by {@link java.util.ServiceLoader}, or by a host that registers it itself. */
  public MaildirStoreProvider() {}

  @Override
  public String name() {
    return "maildir";
  }

  @Override
  public MailStore create(Settings settings) {
    return new MaildirStore(MaildirSettings.from(settings));
  }
}
