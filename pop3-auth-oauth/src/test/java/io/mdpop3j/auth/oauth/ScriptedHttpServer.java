package io.mdpop3j.auth.oauth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 (the JDK's) that answers each request with the next scripted reply:
 * for what a real authorization server does only when in trouble (HTTP 500, a slow or garbled
 * answer) or in a shape the mock server does not produce.
 */
final class ScriptedHttpServer implements AutoCloseable {

  record Reply(int status, String body, Duration delay) {
    static Reply json(String body) {
      return new Reply(200, body, Duration.ZERO);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final AtomicInteger requests = new AtomicInteger();

  ScriptedHttpServer() throws IOException {
    InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    server = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          Reply reply = replies.poll();
          if (reply == null) {
            reply = new Reply(404, "no reply scripted", Duration.ZERO);
          }
          sleep(reply.delay());
          byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(reply.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          } catch (IOException e) {
            // The client gave up (a timeout test): nothing to tell it.
          }
        });
    server.start();
  }

  ScriptedHttpServer then(Reply reply) {
    replies.add(reply);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/introspect";
  }

  int requests() {
    return requests.get();
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
