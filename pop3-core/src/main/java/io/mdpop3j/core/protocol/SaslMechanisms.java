package io.mdpop3j.core.protocol;

import io.mdpop3j.core.spi.SaslMechanism;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SASL mechanisms a server offers: those found by {@link ServiceLoader} (the built-in ones
 * too), strongest first, so CAPA lists them in the order a careful client would choose.
 */
public final class SaslMechanisms {

  private static final Logger log = LoggerFactory.getLogger(SaslMechanisms.class);

  /** Known names, strongest first; other mechanisms follow in name order. */
  private static final List<String> PREFERENCE =
      List.of(
          "SCRAM-SHA-256-PLUS",
          "SCRAM-SHA-256",
          "SCRAM-SHA-1-PLUS",
          "SCRAM-SHA-1",
          "OAUTHBEARER",
          "XOAUTH2",
          "CRAM-MD5",
          "PLAIN",
          "LOGIN");

  private SaslMechanisms() {}

  /** Every mechanism {@code loader} provides, one per name, strongest first. */
  public static List<SaslMechanism> found(ClassLoader loader) {
    Map<String, SaslMechanism> byName = new LinkedHashMap<>();
    ServiceLoader<SaslMechanism> services = ServiceLoader.load(SaslMechanism.class, loader);
    var it = services.iterator();
    while (true) {
      SaslMechanism m;
      try {
        if (!it.hasNext()) {
          break;
        }
        m = it.next();
      } catch (ServiceConfigurationError e) {
        // One broken provider on the class path is reported and skipped, not fatal to the rest.
        log.warn("skipping a SASL mechanism that cannot be loaded: {}", e.getMessage());
        continue;
      }
      SaslMechanism earlier = byName.putIfAbsent(m.name(), m);
      if (earlier != null && earlier.getClass() != m.getClass()) {
        log.warn(
            "two SASL mechanisms named {}: {} and {}; using the first",
            m.name(),
            earlier.getClass().getName(),
            m.getClass().getName());
      }
    }
    return ordered(new ArrayList<>(byName.values()));
  }

  /** {@code mechanisms}, strongest first. */
  public static List<SaslMechanism> ordered(List<SaslMechanism> mechanisms) {
    List<SaslMechanism> sorted = new ArrayList<>(mechanisms);
    sorted.sort(Comparator.comparingInt(SaslMechanisms::rank).thenComparing(SaslMechanism::name));
    return List.copyOf(sorted);
  }

  private static int rank(SaslMechanism m) {
    int i = PREFERENCE.indexOf(m.name());
    return i < 0 ? PREFERENCE.size() : i;
  }
}
