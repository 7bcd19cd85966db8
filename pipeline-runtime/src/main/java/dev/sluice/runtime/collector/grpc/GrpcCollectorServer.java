package dev.sluice.runtime.collector.grpc;

import dev.sluice.runtime.collector.CollectorMetrics;
import dev.sluice.runtime.collector.InFlightLimiter;
import dev.sluice.runtime.collector.auth.ApiKeys;
import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.publish.EventPublisher;
import dev.sluice.runtime.collector.publish.KafkaHealth;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The collector's gRPC server (grpc-netty-shaded) serving {@link PublishService}. Messages larger
 * than {@code maxRequestBytes} are refused by gRPC itself with RESOURCE_EXHAUSTED before they are
 * read; {@link OversizeMessageDeadLetters} records them in the dead-letter topic.
 */
public final class GrpcCollectorServer implements AutoCloseable {
  private final Server server;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("collector-grpc-deadlines").unstarted(r));

  /**
   * @param port TCP port on all interfaces, 0 for a free one
   * @param requestTimeoutMs time a {@code PublishStream} call has from its start to its half-close
   * @param apiKeys the accepted API keys, or null when the collector does not authenticate
   */
  public GrpcCollectorServer(
      int port,
      int maxRequestBytes,
      int maxBatchEvents,
      long requestTimeoutMs,
      EnvelopeValidator validator,
      EventPublisher publisher,
      KafkaHealth health,
      InFlightLimiter limiter,
      ApiKeys apiKeys,
      CollectorMetrics metrics) {
    PublishService service =
        new PublishService(
            validator,
            maxBatchEvents,
            publisher,
            health,
            limiter,
            metrics,
            timer,
            requestTimeoutMs);
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(port))
            .maxInboundMessageSize(maxRequestBytes)
            .addStreamTracerFactory(
                new OversizeMessageDeadLetters(publisher, limiter, apiKeys, metrics))
            .addService(
                apiKeys == null
                    ? service.bindService()
                    : ServerInterceptors.intercept(
                        service, new ApiKeyInterceptor(apiKeys, metrics)))
            .build();
  }

  /**
   * @return the port bound
   * @throws IOException when the port cannot be bound
   */
  public int start() throws IOException {
    server.start();
    return server.getPort();
  }

  /** The port bound, after {@link #start()}. */
  public int port() {
    return server.getPort();
  }

  /** Stops accepting calls and waits up to {@code timeoutMs} for running ones to finish. */
  public void shutdown(long timeoutMs) throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
      server.shutdownNow();
    }
    timer.shutdownNow();
  }

  @Override
  public void close() {
    server.shutdownNow();
    timer.shutdownNow();
  }
}
