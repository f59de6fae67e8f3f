package io.mdpop3j.maildir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by a test, for what a test's own JVM cannot be: started without a locale, or as
 * another user. Its standard error is kept, so that a test can read what reached the log.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;

  // Appended to by the thread that drains the child's stderr, read by the test thread.
  @SuppressWarnings("JdkObsolete")
  private final StringBuffer err = new StringBuffer();

  private ChildJvm(Process process) {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread t = new Thread(() -> drain(process.getErrorStream()), "child-stderr");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts {@code main} with {@code args} in a new JVM of the running Java, with this test's class
   * path unless {@code classPath} is given; {@code prefix} comes before the java command (such as
   * {@code setpriv ...}); {@code locale} replaces every LANG, LANGUAGE and LC_ variable (none set
   * when it is empty).
   */
  static ChildJvm start(
      List<String> prefix,
      String classPath,
      Map<String, String> locale,
      Class<?> main,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath != null ? classPath : System.getProperty("java.class.path"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    if (locale != null) {
      pb.environment()
          .keySet()
          .removeIf(k -> k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("LC_"));
      pb.environment().putAll(locale);
    }
    return new ChildJvm(pb.start());
  }

  /** The next line the child printed, or null when it ended. */
  String readLine() throws IOException {
    return out.readLine();
  }

  /** What the child wrote to standard error so far. */
  String stderr() {
    return err.toString();
  }

  private void drain(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        err.append(line).append('\n');
      }
    } catch (IOException e) {
      // the child is gone
    }
  }

  /** Closes the child's standard input, its signal to end, and waits a little for it. */
  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
