package io.mdpop3j.auth.unix;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs a test class's {@code main} in a new JVM, with its own environment and user. */
final class ForkedJvm {
  /** What the child wrote to stdout, and how it ended. */
  record Result(int exitCode, String stdout) {}

  private ForkedJvm() {}

  /** The test class path: Surefire's real one, not its manifest-only booter jar. */
  static List<String> classPath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = new ArrayList<>();
    for (String e : cp.split(Pattern.quote(File.pathSeparator), 0)) {
      if (!e.isBlank()) {
        entries.add(e);
      }
    }
    return entries;
  }

  /**
   * A copy of the class path under {@code dir}, readable by every user: another user cannot read
   * root's {@code ~/.m2}.
   */
  static List<String> worldReadableClassPath(Path dir) throws IOException {
    List<String> copied = new ArrayList<>();
    int n = 0;
    for (String entry : classPath()) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path target = dir.resolve("cp" + n++);
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          for (Path p : (Iterable<Path>) files::iterator) {
            Path t = target.resolve(source.relativize(p).toString());
            if (Files.isDirectory(p)) {
              Files.createDirectories(t);
            } else {
              Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      } else {
        target = dir.resolve("cp" + n + "-" + source.getFileName());
        Files.copy(source, target);
      }
      copied.add(target.toString());
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-r--r--"));
      }
    }
    return copied;
  }

  /**
   * Runs {@code mainClass} with {@code args}, the command prefixed by {@code prefix} (such as
   * {@code setpriv ...}), the environment changed by {@code env}, {@code stdin} fed to it.
   */
  static Result run(
      List<String> prefix,
      List<String> classPath,
      Map<String, String> env,
      List<String> jvmOptions,
      Class<?> mainClass,
      byte[] stdin,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream stdout = process.getInputStream()) {
      stdout.transferTo(out);
    }
    return new Result(process.waitFor(), out.toString(StandardCharsets.UTF_8));
  }
}
