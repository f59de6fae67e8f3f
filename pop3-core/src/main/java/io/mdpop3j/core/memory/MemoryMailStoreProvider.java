package io.mdpop3j.core.memory;

import com.google.auto.service.AutoService;
import io.mdpop3j.core.spi.MailStore;
import io.mdpop3j.core.spi.MailStoreProvider;
import io.mdpop3j.core.spi.Settings;
import java.util.Set;

/**
 * The {@code memory} mail store: empty mailboxes held in memory; it takes no settings of its own.
 */
// Class-retention registration marker; readers of the module need not see it.
@SuppressWarnings("exports")
@AutoService(MailStoreProvider.class)
public final class MemoryMailStoreProvider implements MailStoreProvider {

  /** Made by {@link java.util.ServiceLoader}, or by a host that registers it itself. */
  public MemoryMailStoreProvider() {}

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public MailStore create(Settings settings) {
    // The memory authenticator shares the "memory." prefix, so its memory.users arrives here too.
    settings.requireOnly(Set.of("users"));
    return new MemoryMailStore();
  }
}
