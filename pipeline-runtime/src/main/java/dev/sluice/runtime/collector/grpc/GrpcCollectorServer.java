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
import java.util.concurrent.TimeUnit;

/**
 * The collector's gRPC server (grpc-netty-shaded) serving {@link PublishService}; messages larger
 * than {@code maxRequestBytes} are refused by gRPC itself with RESOURCE_EXHAUSTED (not
 * dead-lettered: the server never reads them).
 */
public final class GrpcCollectorServer implements AutoCloseable {
  private final Server server;

  /**
   * @param port TCP port on all interfaces, 0 for a free one
   * @param apiKeys the accepted API keys, or null when the collector does not authenticate
   */
  public GrpcCollectorServer(
      int port,
      int maxRequestBytes,
      int maxBatchEvents,
      EnvelopeValidator validator,
      EventPublisher publisher,
      KafkaHealth health,
      InFlightLimiter limiter,
      ApiKeys apiKeys,
      CollectorMetrics metrics) {
    PublishService service =
        new PublishService(validator, maxBatchEvents, publisher, health, limiter, metrics);
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(port))
            .maxInboundMessageSize(maxRequestBytes)
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
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
