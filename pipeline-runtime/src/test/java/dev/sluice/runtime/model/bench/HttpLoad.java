package dev.sluice.runtime.model.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop HTTP load: {@code clients} connections, each sending its next request when the
 * previous one is answered, for a fixed time; records every latency. Non-200 answers are counted
 * and make the run fail.
 */
final class HttpLoad implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();

  Latencies run(int port, String path, String body, int clients, double seconds)
      throws InterruptedException {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(clients));
    long[] latencies = new long[20_000_000];
    AtomicInteger n = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    CountDownLatch done = new CountDownLatch(clients);
    Buffer payload = Buffer.buffer(body);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path)
            .putHeader("content-type", "application/json");
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      vertx.runOnContext(v -> next(client, options, payload, end, latencies, n, failed, done));
    }
    done.await(10 + (long) seconds, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    client.close();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " requests failed");
    }
    return Latencies.of(latencies, Math.min(n.get(), latencies.length), elapsed);
  }

  private void next(
      HttpClient client,
      RequestOptions options,
      Buffer payload,
      long end,
      long[] latencies,
      AtomicInteger n,
      AtomicInteger failed,
      CountDownLatch done) {
    if (System.nanoTime() >= end) {
      done.countDown();
      return;
    }
    long t0 = System.nanoTime();
    client
        .request(options)
        .compose(req -> req.send(payload))
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(
            r -> {
              if (r.failed() || r.result() != 200) {
                failed.incrementAndGet();
              } else {
                int i = n.getAndIncrement();
                if (i < latencies.length) {
                  latencies[i] = System.nanoTime() - t0;
                }
              }
              next(client, options, payload, end, latencies, n, failed, done);
            });
  }

  @Override
  public void close() {
    vertx.close();
  }
}
