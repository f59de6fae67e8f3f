package io.mdpop3j.core.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers by name. Providers the host registers explicitly win; then those {@link
 * ServiceLoader} finds. A provider that fails to load is logged and skipped; two providers found
 * for one name are an error when that name is asked for, never silently resolved.
 *
 * @param <P> {@link MailStoreProvider} or {@link AuthenticatorProvider}
 */
public final class ProviderRegistry<P> {

  private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

  private final String kind;
  private final Map<String, P> explicit = new LinkedHashMap<>();
  private final Map<String, List<P>> discovered = new LinkedHashMap<>();
  private final Function<P, String> nameOf;

  private ProviderRegistry(
      String kind, Class<P> type, Function<P, String> nameOf, ClassLoader loader) {
    this.kind = kind;
    this.nameOf = nameOf;
    ServiceLoader<P> services = ServiceLoader.load(type, loader);
    for (var it = services.stream().iterator(); ; ) {
      ServiceLoader.Provider<P> candidate;
      try {
        if (!it.hasNext()) {
          break;
        }
        candidate = it.next();
      } catch (ServiceConfigurationError e) {
        log.warn("Skipping a {} that cannot be loaded: {}", kind, e.getMessage());
        continue;
      }
      try {
        P provider = candidate.get();
        discovered.computeIfAbsent(nameOf.apply(provider), n -> new ArrayList<>()).add(provider);
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        log.warn("Skipping {} {}: {}", kind, candidate.type().getName(), e.toString());
      }
    }
    discovered.forEach(
        (name, list) -> {
          if (list.size() > 1) {
            log.warn("Several {}s claim the name '{}': {}", kind, name, classNames(list));
          }
        });
  }

  /** The mail store providers visible to {@code loader}. */
  public static ProviderRegistry<MailStoreProvider> mailStores(ClassLoader loader) {
    return new ProviderRegistry<>(
        "mail store provider", MailStoreProvider.class, MailStoreProvider::name, loader);
  }

  /** The authenticator providers visible to {@code loader}. */
  public static ProviderRegistry<AuthenticatorProvider> authenticators(ClassLoader loader) {
    return new ProviderRegistry<>(
        "authenticator provider", AuthenticatorProvider.class, AuthenticatorProvider::name, loader);
  }

  /** The bearer-token validator providers visible to {@code loader}. */
  public static ProviderRegistry<BearerTokenValidatorProvider> tokenValidators(ClassLoader loader) {
    return new ProviderRegistry<>(
        "bearer-token validator provider",
        BearerTokenValidatorProvider.class,
        BearerTokenValidatorProvider::name,
        loader);
  }

  /** Registers {@code provider}; it wins over any discovered provider of the same name. */
  public ProviderRegistry<P> register(P provider) {
    explicit.put(nameOf.apply(provider), provider);
    return this;
  }

  /** The names that {@link #find} accepts. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>(explicit.keySet());
    names.addAll(discovered.keySet());
    return names;
  }

  /**
   * The provider called {@code name}.
   *
   * @throws IllegalArgumentException when no provider, or more than one discovered provider, has
   *     that name; the message lists the names available
   */
  public P find(String name) {
    P chosen = explicit.get(name);
    if (chosen != null) {
      return chosen;
    }
    List<P> found = discovered.get(name);
    if (found == null) {
      throw new IllegalArgumentException(
          "unknown " + kind + " '" + name + "'; available: " + String.join(", ", names()));
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          "several "
              + kind
              + "s claim the name '"
              + name
              + "': "
              + classNames(found)
              + "; remove all but one from the class path or register one explicitly");
    }
    return found.get(0);
  }

  private static String classNames(List<?> providers) {
    List<String> names = new ArrayList<>();
    for (Object p : providers) {
      names.add(p.getClass().getName());
    }
    return String.join(", ", names);
  }
}
