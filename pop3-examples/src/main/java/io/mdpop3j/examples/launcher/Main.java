package io.mdpop3j.examples.launcher;

import io.mdpop3j.examples.logging.BackgroundSink;
import io.mdpop3j.examples.logging.LauncherLogging;
import io.mdpop3j.examples.logging.LibcSyslog;
import io.mdpop3j.examples.logging.LogSink;
import io.mdpop3j.examples.logging.StreamSink;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import org.slf4j.event.Level;

/**
 * {@code mdpop3d}: a drop-in for the C daemon mdpop3d(8) (inetd and pre-authenticated modes), a
 * standalone daemon ({@code --listen}) and a one-command demo ({@code --demo}). docs/mdpop3d.md is
 * its manual page.
 */
public final class Main {
  /** Exit status for a command line that cannot be run. */
  static final int EXIT_USAGE = 2;

  /** Exit status for a failure after start-up (a port in use, a session error). */
  static final int EXIT_FAILURE = 1;

  private Main() {}

  /** Runs and exits with the status {@link #run} returns. */
  public static void main(String[] args) {
    refuseClientRenegotiation();
    int status = run(args);
    System.exit(status);
  }

  /**
   * The launcher owns its process, so it can have the JDK refuse client-initiated TLS renegotiation
   * with an alert (the setting is process-wide and read once, before the first server handshake).
   * An operator's own {@code -D} setting wins.
   */
  static void refuseClientRenegotiation() {
    if (System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation") == null) {
      System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }
  }

  /** Runs the launcher; returns the exit status (daemon and demo modes return only on failure). */
  static int run(String[] args) {
    // bin/mdpop3d sends fd 2 to /dev/null when it was the client's socket, and says so here.
    boolean stderrUsable =
        StandardDescriptors.protectSockets() && System.getenv("MDPOP3D_STDERR_WAS_SOCKET") == null;
    LaunchOptions options;
    try {
      options = OptionParser.parse(Arrays.asList(args));
    } catch (UsageException e) {
      return usageError(e.getMessage(), stderrUsable);
    }
    return switch (options.mode()) {
      case HELP -> {
        System.out.print(HelpText.full());
        yield 0;
      }
      case CDS_TRAINING -> CdsTraining.run();
      case VERSION -> {
        VersionReport.print(System.out);
        yield 0;
      }
      default -> serve(options, stderrUsable);
    };
  }

  /** Serves in the options' mode, with the log they ask for. */
  private static int serve(LaunchOptions options, boolean stderrUsable) {
    BackgroundSink sink;
    try {
      sink = logging(options, stderrUsable);
    } catch (IOException e) {
      return usageError(
          "option --log: cannot open "
              + options.logging().target().orElse("")
              + ": "
              + e.getMessage(),
          stderrUsable);
    }
    try {
      switch (options.mode()) {
        case DEMO -> {
          return DemoMode.run(options);
        }
        case DAEMON -> {
          return DaemonMode.run(options);
        }
        default -> {
          LaunchEnvironment env = LaunchEnvironment.current();
          LauncherLogging.remoteHost(env.remoteHostName(options).orElse(null));
          return options.mode() == LaunchMode.PREAUTHENTICATED
              ? SingleSession.preauthenticated(options, env)
              : SingleSession.inetd(options, env);
        }
      }
    } catch (UsageException e) {
      return usageError(e.getMessage(), stderrUsable);
    } finally {
      sink.drain(2000);
    }
  }

  private static BackgroundSink logging(LaunchOptions o, boolean stderrUsable) throws IOException {
    LauncherLogging.threshold(o.logging().debug() ? Level.DEBUG : Level.INFO);
    String target = o.logging().target().orElse(o.mode() == LaunchMode.DEMO ? "stderr" : "syslog");
    LogSink direct;
    if (target.equals("syslog") || (target.equals("stderr") && !stderrUsable)) {
      direct = null;
    } else if (target.equals("stderr")) {
      direct = StreamSink.stderr();
    } else {
      direct = StreamSink.appendingTo(target);
    }
    LogSink chosen = direct;
    BackgroundSink sink =
        BackgroundSink.start(() -> chosen != null ? chosen : LibcSyslog.open("mdpop3d"));
    LauncherLogging.sink(sink);
    return sink;
  }

  /** Tells the person who started the process why it stops (stderr is null when a socket). */
  static void reportStartFailure(String message) {
    System.err.println("mdpop3d: " + message);
    System.err.flush();
  }

  /** One line naming the error, then the usage line; to stderr unless it is the client's socket. */
  private static int usageError(String message, boolean stderrUsable) {
    if (stderrUsable) {
      PrintStream err = System.err;
      err.println("mdpop3d: " + message);
      err.println(HelpText.usage());
      err.flush();
    } else {
      try {
        LibcSyslog.open("mdpop3d").write(Level.ERROR, "usage error: " + message);
      } catch (RuntimeException | LinkageError e) {
        // Nowhere left to report it; the exit status says it.
      }
    }
    return EXIT_USAGE;
  }
}
