package dev.sluice.runtime.collector.grpc;

import dev.sluice.runtime.collector.CollectorMetrics;
import dev.sluice.runtime.collector.auth.ApiKeys;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Refuses gRPC calls without a valid API key (metadata {@code authorization: Bearer <key>} or
 * {@code x-api-key}) with UNAUTHENTICATED; nothing is written, not even to the dead-letter topic.
 */
final class ApiKeyInterceptor implements ServerInterceptor {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> API_KEY =
      Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

  private final ApiKeys keys;
  private final CollectorMetrics metrics;

  ApiKeyInterceptor(ApiKeys keys, CollectorMetrics metrics) {
    this.keys = keys;
    this.metrics = metrics;
  }

  /** Whether {@code headers} carry a key of {@code keys}; true when {@code keys} is null. */
  static boolean accepts(ApiKeys keys, Metadata headers) {
    return keys == null || keys.accepts(headers.get(AUTHORIZATION), headers.get(API_KEY));
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (accepts(keys, headers)) {
      return next.startCall(call, headers);
    }
    metrics.refused("grpc", "unauthorized");
    call.close(
        Status.UNAUTHENTICATED.withDescription(
            "send a valid key as 'authorization: Bearer <key>' or 'x-api-key: <key>'"),
        new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
