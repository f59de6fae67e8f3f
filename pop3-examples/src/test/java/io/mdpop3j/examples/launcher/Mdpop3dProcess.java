package io.mdpop3j.examples.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code target/mdpop3d.jar} (or {@code bin/mdpop3d}) as a subprocess. */
final class Mdpop3dProcess {

  /** What a finished run left: exit status, the bytes of stdout, the text of stderr. */
  @SuppressWarnings("ArrayRecordComponent") // a test result, read once, never compared
  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private Mdpop3dProcess() {}

  static Path jar() {
    return Path.of(System.getProperty("mdpop3d.jar", "target/mdpop3d.jar")).toAbsolutePath();
  }

  static Path script() {
    return Path.of(System.getProperty("mdpop3d.script", "bin/mdpop3d")).toAbsolutePath();
  }

  /** {@code java -jar mdpop3d.jar args...}. */
  static List<String> command(String... args) {
    return command(jar(), args);
  }

  /** {@code java -jar jar args...}: another copy of the launcher jar. */
  static List<String> command(Path jar, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java().toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:-UsePerfData");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return command;
  }

  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * A copy of the launcher jar that every user can read, in {@code dir}: a process that has dropped
   * root's privileges may not reach the checkout (a clone in root's home or a 0700 directory).
   * Fails at once if that user could not run this JDK either.
   */
  static Path jarForEveryUser(Path dir) throws IOException {
    for (Path p = java().toRealPath(); p.getParent() != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p.getParent())
          .contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new AssertionError(
            "other users cannot reach "
                + p.getParent()
                + ", so not the JDK at "
                + java()
                + "; run the tests with a JDK they can run (e.g. one in /usr/lib/jvm)");
      }
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path copy = dir.resolve("mdpop3d.jar");
    Files.copy(jar(), copy, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
    return copy;
  }

  /** Runs {@code command} with {@code stdin} piped in and waits for it to exit. */
  static Result run(List<String> command, Map<String, String> env, Path cwd, byte[] stdin)
      throws IOException, InterruptedException {
    Process p = start(command, env, cwd);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread o = pump(p.getInputStream(), out);
    Thread e = pump(p.getErrorStream(), err);
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    } catch (IOException ignored) {
      // The process may exit before reading all of it.
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("mdpop3d did not exit within 60 s: " + command);
    }
    o.join();
    e.join();
    return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code java -jar mdpop3d.jar args} on pipes in {@code cwd}. */
  static Result run(Map<String, String> env, Path cwd, String stdin, String... args)
      throws IOException, InterruptedException {
    return run(command(args), env, cwd, stdin.getBytes(StandardCharsets.UTF_8));
  }

  static Process start(List<String> command, Map<String, String> env, Path cwd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("TCP")
                    || k.startsWith("SOCAT_")
                    || k.startsWith("REMOTE_")
                    || k.equals("MAILDIR"));
    pb.environment().putAll(env);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    return pb.start();
  }

  static Thread pump(InputStream in, OutputStream out) {
    Thread t =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(out);
              } catch (IOException e) {
                // The process ended.
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a helper command (curl, openssl, ...) and returns its result. */
  static Result tool(Path cwd, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    return run(List.of(command), env, cwd, new byte[0]);
  }

  /**
   * Writes a self-signed RSA certificate for localhost and 127.0.0.1 and its unencrypted key, made
   * by openssl, valid 2 days.
   */
  static void selfSignedCertificate(Path dir, Path key, Path cert)
      throws IOException, InterruptedException {
    Result r =
        tool(
            dir,
            Map.of(),
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            key.toString(),
            "-out",
            cert.toString());
    if (r.exit() != 0) {
      throw new IOException("openssl req failed: " + r.stderr());
    }
  }
}
