package io.mdpop3j.bench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bursts against small real servers on 127.0.0.1 whose behaviour is known. */
class ConnectBurstTest {

  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private ServerSocket server;

  @AfterEach
  void closeServer() throws IOException {
    for (Socket s : accepted) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private interface OnAccept {
    void handle(Socket s) throws IOException;
  }

  private int serve(OnAccept onAccept) throws IOException {
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              try {
                while (true) {
                  Socket s = server.accept();
                  accepted.add(s);
                  onAccept.handle(s);
                }
              } catch (IOException e) {
                // Closed at the end of the test.
              }
            });
    t.setDaemon(true);
    t.start();
    return server.getLocalPort();
  }

  @Test
  void everyConnectionToAServerThatGreetsAtOnceIsGreetedWithinOneSecond() throws Exception {
    int port =
        serve(s -> s.getOutputStream().write("+OK ready\r\n".getBytes(StandardCharsets.US_ASCII)));
    ConnectBurst.Outcome o = ConnectBurst.burst(port, 50, 10_000);
    assertEquals(50, o.greetedWithin(1000));
    assertEquals(0, o.stillWaiting());
    assertEquals(0, o.failed());
  }

  @Test
  void connectionsAServerNeverAcceptsAreStillWaitingWhenTheWindowEnds() throws Exception {
    server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    ConnectBurst.Outcome o = ConnectBurst.burst(server.getLocalPort(), 20, 500);
    assertEquals(0, o.greetedAfter().size());
    assertEquals(20, o.stillWaiting());
  }

  @Test
  void aServerThatHangsUpWithoutAGreetingIsCountedAsClosed() throws Exception {
    int port = serve(Socket::close);
    ConnectBurst.Outcome o = ConnectBurst.burst(port, 20, 10_000);
    assertEquals(0, o.greetedAfter().size());
    assertEquals(20, o.closedWithoutGreeting() + o.failed());
  }

  @Test
  void aGreetingThatIsNotOkIsNotCountedAsGreeted() throws Exception {
    int port =
        serve(s -> s.getOutputStream().write("-ERR busy\r\n".getBytes(StandardCharsets.US_ASCII)));
    ConnectBurst.Outcome o = ConnectBurst.burst(port, 10, 10_000);
    assertEquals(0, o.greetedAfter().size());
    assertEquals(10, o.otherReply());
  }
}
