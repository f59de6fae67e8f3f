package io.mdpop3j.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mdpop3j.core.testing.RequiresPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose DNS does not answer: the launcher runs in its own network, mount and UTS namespaces
 * ({@code unshare}, as root) where the only name server takes queries and never replies, and the
 * host name is in no hosts file. A session must still be greeted at once: nothing at start-up may
 * wait on the resolver (with APOP on, the host name comes from the kernel).
 */
@RequiresPackages({"util-linux", "iproute2", "python3"})
class NoResolverIT {

  /**
   * A generous bound for a JVM start on a loaded machine (7-9 s seen with the load average at 10 on
   * two cores); one query to the silent resolver alone costs its 30 s timeout.
   */
  static final long FAST_MILLIS = 15_000;

  @TempDir Path dir;
  Path script;

  @BeforeEach
  void silentResolver() throws Exception {
    assumeTrue(SessionFixture.isRoot(), "network namespaces need root");
    Path resolvConf = dir.resolve("resolv.conf");
    Files.writeString(resolvConf, "nameserver 127.0.0.1\noptions timeout:30 attempts:1\n");
    script = dir.resolve("no-resolver.sh");
    Files.writeString(
        script,
        String.join(
            "\n",
            "set -e",
            "ip link set lo up",
            "mount --bind " + resolvConf + " /etc/resolv.conf",
            "hostname mdpop3j-no-dns",
            // Takes DNS queries on 127.0.0.1:53 and never answers them.
            "python3 -c 'import socket,sys,time; s=socket.socket(socket.AF_INET,"
                + " socket.SOCK_DGRAM); s.bind((\"127.0.0.1\", 53)); print(\"ready\", flush=True);"
                + " time.sleep(120)' > "
                + dir.resolve("resolver.ready")
                + " 2>/dev/null </dev/null &",
            "resolver=$!",
            "for i in $(seq 1 100); do [ -s "
                + dir.resolve("resolver.ready")
                + " ] && break;"
                + " sleep 0.05; done",
            "set +e",
            "\"$@\"",
            "status=$?",
            "kill $resolver",
            "exit $status",
            ""));
  }

  private long greetingMillis(String... extra) throws Exception {
    SessionFixture f = new SessionFixture(Files.createDirectory(dir.resolve("session")));
    List<String> command =
        new ArrayList<>(List.of("unshare", "-n", "-m", "-u", "sh", script.toString()));
    command.addAll(Mdpop3dProcess.command(f.args(extra)));
    long start = System.nanoTime();
    Mdpop3dProcess.Result r =
        Mdpop3dProcess.run(
            command, Map.of(), f.root, "QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(r.out().startsWith("+OK"), r.out() + r.stderr());
    return millis;
  }

  @Test
  void inetdSessionIsGreetedAtOnceWhenTheResolverDoesNotAnswer() throws Exception {
    long millis = greetingMillis();
    assertTrue(millis < FAST_MILLIS, "greeting after " + millis + " ms");
  }

  @Test
  void apopGreetingTakesTheHostNameWithoutTheResolver() throws Exception {
    long millis = greetingMillis("-A");
    assertTrue(millis < FAST_MILLIS, "greeting after " + millis + " ms");
  }
}
