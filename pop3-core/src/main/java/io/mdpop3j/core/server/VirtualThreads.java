package io.mdpop3j.core.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Java 21's virtual threads, reached by reflection: the library is compiled for Java 17, whose API
 * does not have them.
 */
final class VirtualThreads {
  private static final Method OF_VIRTUAL = method(Thread.class, "ofVirtual");
  private static final Class<?> BUILDER = type("java.lang.Thread$Builder");
  private static final Method NAME =
      BUILDER == null ? null : method(BUILDER, "name", String.class, long.class);
  private static final Method FACTORY = BUILDER == null ? null : method(BUILDER, "factory");
  private static final Method PER_TASK =
      method(Executors.class, "newThreadPerTaskExecutor", ThreadFactory.class);

  // Java 19 and 20 have the methods as a preview that throws unless enabled.
  static final boolean AVAILABLE =
      Runtime.version().feature() >= 21
          && OF_VIRTUAL != null
          && NAME != null
          && FACTORY != null
          && PER_TASK != null;

  private VirtualThreads() {}

  /** An executor that starts one virtual thread per task, named {@code prefix} and a counter. */
  static ExecutorService perTask(String prefix) {
    if (!AVAILABLE) {
      throw new IllegalStateException(
          "virtual threads need Java 21 or later; this is Java " + Runtime.version().feature());
    }
    try {
      Object builder = NAME.invoke(OF_VIRTUAL.invoke(null), prefix, 1L);
      ThreadFactory factory = (ThreadFactory) FACTORY.invoke(builder);
      return (ExecutorService) PER_TASK.invoke(null, factory);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create virtual threads", e);
    }
  }

  private static Class<?> type(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static Method method(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
