package dev.sluice.runtime.collector.grpc;

import dev.sluice.runtime.collector.CollectorMetrics;
import dev.sluice.runtime.collector.InFlightLimiter;
import dev.sluice.runtime.collector.auth.ApiKeys;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.collector.publish.EventPublisher;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters the messages the gRPC transport refuses for being larger than {@code
 * maxRequestBytes}. The transport reads a message's 5-byte frame header, sees the size over its
 * limit and closes the call with RESOURCE_EXHAUSTED ({@code gRPC message exceeds maximum size
 * <limit>: <size>}, which names the limit) without reading the message; the service never sees it.
 * This tracer sees the call close with that status and writes a {@code SizeViolation} record whose
 * value is empty (no byte of the message was read: {@code sluice.error.truncated=true}, {@code
 * sluice.error.original.bytes} = the declared size) and whose message names the method. The record
 * is written after the client got its answer, so a Kafka failure then only logs; calls without a
 * valid API key write nothing, like every unauthenticated request.
 */
final class OversizeMessageDeadLetters extends ServerStreamTracer.Factory {
  private static final Logger LOG = LoggerFactory.getLogger(OversizeMessageDeadLetters.class);
  private static final String GRPC = "grpc";
  // grpc-core's MessageDeframer wording (pinned gRPC version; CollectorGrpcIT fails if it changes).
  private static final Pattern REFUSAL =
      Pattern.compile("gRPC message exceeds maximum size (\\d+): (\\d+)");

  private final EventPublisher publisher;
  private final InFlightLimiter limiter;
  private final ApiKeys apiKeys;
  private final CollectorMetrics metrics;

  /**
   * @param apiKeys the accepted API keys, or null when the collector does not authenticate
   */
  OversizeMessageDeadLetters(
      EventPublisher publisher,
      InFlightLimiter limiter,
      ApiKeys apiKeys,
      CollectorMetrics metrics) {
    this.publisher = publisher;
    this.limiter = limiter;
    this.apiKeys = apiKeys;
    this.metrics = metrics;
  }

  @Override
  public ServerStreamTracer newServerStreamTracer(String method, Metadata headers) {
    return new ServerStreamTracer() {
      @Override
      public void streamClosed(Status status) {
        if (status.getCode() != Status.Code.RESOURCE_EXHAUSTED || status.getDescription() == null) {
          return;
        }
        Matcher refusal = REFUSAL.matcher(status.getDescription());
        if (refusal.find() && ApiKeyInterceptor.accepts(apiKeys, headers)) {
          deadLetter(method, Long.parseLong(refusal.group(1)), Long.parseLong(refusal.group(2)));
        }
      }
    };
  }

  private void deadLetter(String method, long limit, long size) {
    if (!limiter.tryAcquire()) {
      metrics.refused(GRPC, limiter.isClosed() ? "shutting_down" : "overloaded");
      LOG.warn("an over-size gRPC message of {} bytes was not dead-lettered: overloaded", size);
      return;
    }
    Rejection r =
        new Rejection(
            ErrorClass.SizeViolation,
            null,
            "gRPC message to "
                + method
                + " is "
                + size
                + " bytes, more than the limit of "
                + limit
                + " (limits.maxRequestBytes); the transport refused it unread, so no byte of it"
                + " is kept");
    Candidate record =
        Candidate.rejected(0, null, r, new byte[0], null)
            .withHeaders(
                Map.of(
                    DeadLetterHeaders.TRUNCATED,
                    "true",
                    DeadLetterHeaders.ORIGINAL_BYTES,
                    Long.toString(size)));
    metrics.requestRejected(GRPC, r.errorClass().name());
    try {
      publisher
          .deadLetter(record)
          .whenComplete(
              (v, error) -> {
                limiter.release();
                if (error != null) {
                  LOG.warn("dead-lettering an over-size gRPC message failed: {}", error.toString());
                }
              });
    } catch (RejectedExecutionException e) {
      limiter.release();
      LOG.warn("an over-size gRPC message was not dead-lettered: {}", e.toString());
    }
  }
}
