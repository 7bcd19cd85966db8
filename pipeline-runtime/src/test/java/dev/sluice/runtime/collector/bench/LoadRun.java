package dev.sluice.runtime.collector.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load: {@code clients} concurrent clients (one connection each) each sending a
 * request (cycling through the given bodies) again as soon as the previous one was answered, for a
 * warm-up and then a measured period. The clients are spread over {@value #EVENT_LOOPS} event loops
 * (one HTTP client each), so the load generator is not capped by one thread. Counts accepted events
 * (the {@code accepted} member of the answer, or 1 per 200 when the answer has none) and keeps
 * every measured latency for percentiles.
 */
final class LoadRun {
  static final int EVENT_LOOPS = 2;

  /** Figures of one run: accepted events/s, requests/s, latency percentiles in ms, errors. */
  record Result(
      double eventsPerSecond, double requestsPerSecond, double p50Ms, double p99Ms, long failed) {
    /** The mean of two equally long runs (percentiles averaged: an approximation). */
    static Result mean(Result a, Result b) {
      return new Result(
          (a.eventsPerSecond + b.eventsPerSecond) / 2,
          (a.requestsPerSecond + b.requestsPerSecond) / 2,
          (a.p50Ms + b.p50Ms) / 2,
          (a.p99Ms + b.p99Ms) / 2,
          a.failed + b.failed);
    }
  }

  static Result run(
      Vertx vertx,
      int port,
      String path,
      Map<String, String> headers,
      Buffer[] bodies,
      int clients,
      long warmupMs,
      long measureMs)
      throws InterruptedException {
    Context[] loops = eventLoops(vertx, EVENT_LOOPS);
    HttpClient[] https = new HttpClient[loops.length];
    for (int i = 0; i < loops.length; i++) {
      // A client's connections live on the event loop of the context that creates them.
      https[i] = onContext(loops[i], () -> http(vertx, port, clients));
    }
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
    long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(measureMs);
    long[][] latencies = new long[clients][];
    int[] counts = new int[clients];
    AtomicLong events = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      latencies[c] = new long[1 << 20];
      int client = c;
      HttpClient http = https[c % https.length];
      Runnable[] loop = new Runnable[1];
      loop[0] =
          () -> {
            long sent = System.nanoTime();
            if (sent >= end) {
              done.countDown();
              return;
            }
            http.request(HttpMethod.POST, path)
                .compose(
                    req -> {
                      headers.forEach(req::putHeader);
                      return req.send(bodies[(int) (sent % bodies.length)])
                          .compose(resp -> resp.body().map(b -> accepted(resp.statusCode(), b)));
                    })
                .onComplete(
                    ar -> {
                      long now = System.nanoTime();
                      if (sent >= measureFrom && now <= end) {
                        if (ar.succeeded() && ar.result() >= 0) {
                          events.addAndGet(ar.result());
                          requests.incrementAndGet();
                          if (counts[client] < latencies[client].length) {
                            latencies[client][counts[client]++] = now - sent;
                          }
                        } else {
                          failed.incrementAndGet();
                        }
                      }
                      loop[0].run();
                    });
          };
      loops[c % loops.length].runOnContext(v -> loop[0].run());
    }
    done.await(warmupMs + measureMs + 60_000, TimeUnit.MILLISECONDS);
    for (HttpClient http : https) {
      http.close();
    }
    long[] all =
        Arrays.stream(latencies, 0, clients)
            .flatMapToLong(l -> Arrays.stream(l))
            .filter(x -> x > 0)
            .sorted()
            .toArray();
    double seconds = measureMs / 1000.0;
    return new Result(
        events.get() / seconds,
        requests.get() / seconds,
        percentile(all, 0.50),
        percentile(all, 0.99),
        failed.get());
  }

  private static HttpClient http(Vertx vertx, int port, int connections) {
    return vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  /** {@code n} distinct event-loop contexts: each deployment of a verticle gets its own. */
  private static Context[] eventLoops(Vertx vertx, int n) throws InterruptedException {
    Context[] contexts = new Context[n];
    for (int i = 0; i < n; i++) {
      Context[] got = new Context[1];
      CountDownLatch deployed = new CountDownLatch(1);
      vertx
          .deployVerticle(
              new AbstractVerticle() {
                @Override
                public void start() {
                  got[0] = context;
                  deployed.countDown();
                }
              })
          .onFailure(e -> deployed.countDown());
      deployed.await(10, TimeUnit.SECONDS);
      contexts[i] = got[0];
    }
    return contexts;
  }

  private static <T> T onContext(Context context, java.util.function.Supplier<T> make)
      throws InterruptedException {
    Object[] made = new Object[1];
    CountDownLatch done = new CountDownLatch(1);
    context.runOnContext(
        v -> {
          made[0] = make.get();
          done.countDown();
        });
    done.await(10, TimeUnit.SECONDS);
    @SuppressWarnings("unchecked")
    T t = (T) made[0];
    return t;
  }

  private static int accepted(int status, Buffer body) {
    if (status != 200 && status != 207) {
      return -1;
    }
    if (body.length() == 0 || body.getByte(0) != '{') {
      return 1;
    }
    Integer accepted = new JsonObject(body).getInteger("accepted");
    return accepted == null ? 1 : accepted;
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }

  private LoadRun() {}
}
