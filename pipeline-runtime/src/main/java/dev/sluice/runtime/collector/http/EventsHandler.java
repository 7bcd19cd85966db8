package dev.sluice.runtime.collector.http;

import dev.sluice.api.v1alpha1.PayloadLimits;
import dev.sluice.runtime.collector.CollectorMetrics;
import dev.sluice.runtime.collector.InFlightLimiter;
import dev.sluice.runtime.collector.auth.ApiKeys;
import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.envelope.RequestRejectedException;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.collector.publish.EventPublisher;
import dev.sluice.runtime.collector.publish.KafkaHealth;
import dev.sluice.runtime.collector.publish.PublishResult;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/events}: one event in structured mode ({@code application/cloudevents+json}), a
 * batch ({@code application/cloudevents-batch+json}) or one event in binary mode ({@code ce-*}
 * headers, any body). Answers only after Kafka acknowledged every write; the status codes and
 * bodies are documented in docs/collector.md and openapi/collector.yaml.
 */
public final class EventsHandler implements Handler<RoutingContext> {
  static final String STRUCTURED = "application/cloudevents+json";
  static final String BATCH = "application/cloudevents-batch+json";
  private static final String HTTP = "http";

  private enum Mode {
    STRUCTURED,
    BATCH,
    BINARY,
    UNSUPPORTED
  }

  private final PayloadLimits limits;
  private final long requestTimeoutMs;
  private final JsonEvents json;
  private final BinaryEvents binary;
  private final EventPublisher publisher;
  private final KafkaHealth health;
  private final InFlightLimiter limiter;
  private final ApiKeys apiKeys;
  private final CollectorMetrics metrics;

  /**
   * @param requestTimeoutMs time a client has to send the whole body, in milliseconds
   * @param apiKeys the accepted API keys, or null when the collector does not authenticate
   */
  public EventsHandler(
      PayloadLimits limits,
      long requestTimeoutMs,
      EnvelopeValidator validator,
      EventPublisher publisher,
      KafkaHealth health,
      InFlightLimiter limiter,
      ApiKeys apiKeys,
      CollectorMetrics metrics) {
    this.limits = limits;
    this.requestTimeoutMs = requestTimeoutMs;
    this.json = new JsonEvents(validator, limits.getMaxBatchEvents());
    this.binary = new BinaryEvents(validator);
    this.publisher = publisher;
    this.health = health;
    this.limiter = limiter;
    this.apiKeys = apiKeys;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    Instant receivedAt = Instant.now();
    HttpServerRequest request = ctx.request();
    if (!limiter.tryAcquire()) {
      String why = limiter.isClosed() ? "shutting_down" : "overloaded";
      metrics.refused(HTTP, why);
      Answers.unavailable(ctx, 1, "the collector is " + why.replace('_', ' ') + "; retry later");
      return;
    }
    ctx.addEndHandler(
        done -> {
          limiter.release();
          metrics.latency(HTTP, ctx.response().getStatusCode(), start);
        });
    if (apiKeys != null
        && !apiKeys.accepts(request.getHeader("authorization"), request.getHeader("x-api-key"))) {
      // Nothing is written, not even to the dead-letter topic: anyone could fill it otherwise.
      metrics.refused(HTTP, "unauthorized");
      Answers.unauthorized(ctx);
      return;
    }
    if (!health.isReachable()) {
      metrics.refused(HTTP, "kafka_unavailable");
      Answers.unavailable(ctx, 5, "Kafka is unreachable; nothing was written, retry later");
      return;
    }
    Mode mode = mode(request);
    BoundedBody.read(
            ctx.vertx(),
            request,
            limits.getMaxRequestBytes(),
            limits.getDeadLetterPayloadCapBytes(),
            requestTimeoutMs)
        .onSuccess(body -> handleBody(ctx, mode, body, receivedAt))
        .onFailure(
            error -> {
              if (error instanceof BodyTimeoutException) {
                metrics.refused(HTTP, "request_timeout");
                Answers.requestTimeout(ctx, error.getMessage());
              } else {
                request.connection().close();
              }
            });
  }

  private void handleBody(RoutingContext ctx, Mode mode, BoundedBody body, Instant receivedAt) {
    if (body.oversize()) {
      Rejection r =
          new Rejection(
              ErrorClass.SizeViolation,
              null,
              "request body is "
                  + body.sizeBytes()
                  + " bytes, more than the limit of "
                  + limits.getMaxRequestBytes());
      Candidate whole =
          Candidate.rejected(0, null, r, body.bytes(), null)
              .withHeaders(
                  Map.of(
                      DeadLetterHeaders.TRUNCATED,
                      "true",
                      DeadLetterHeaders.ORIGINAL_BYTES,
                      Long.toString(body.sizeBytes())));
      rejectWhole(ctx, whole, 413);
      return;
    }
    List<Candidate> items;
    try {
      items =
          switch (mode) {
            case STRUCTURED -> List.of(json.single(body.bytes()));
            case BATCH -> json.batch(body.bytes());
            case BINARY -> List.of(binary.decode(ctx.request().headers(), body.bytes()));
            case UNSUPPORTED -> throw unsupported(ctx.request().getHeader("content-type"));
          };
    } catch (RequestRejectedException e) {
      Rejection r = e.rejection();
      int status = r.isSizeViolation() ? 413 : mode == Mode.UNSUPPORTED ? 415 : 400;
      rejectWhole(ctx, Candidate.rejected(0, null, r, body.bytes(), null), status);
      return;
    }
    Future.fromCompletionStage(
            publisher.publish(items, receivedAt), ctx.vertx().getOrCreateContext())
        .onSuccess(
            result -> {
              metrics.events(HTTP, result);
              answer(ctx, mode, result);
            })
        .onFailure(error -> Answers.writeFailed(ctx, error));
  }

  private void answer(RoutingContext ctx, Mode mode, PublishResult result) {
    if (mode != Mode.BATCH) {
      if (result.rejected().isEmpty()) {
        Answers.oneAccepted(ctx);
      } else {
        Candidate c = result.rejected().get(0);
        int status = c.rejection().isSizeViolation() ? 413 : 400;
        Answers.problem(ctx, status, Problems.of(status, c.rejection()).put("id", c.id()));
      }
    } else if (result.rejected().isEmpty()) {
      Answers.json(ctx, 200, Problems.result(result));
    } else if (result.accepted() > 0) {
      Answers.json(ctx, 207, Problems.result(result));
    } else {
      Answers.problem(
          ctx,
          400,
          Problems.problem(
                  400,
                  "batch-rejected",
                  "No event of the batch was accepted",
                  "every event of the batch was rejected; see 'rejected'")
              .mergeIn(Problems.result(result)));
    }
  }

  private void rejectWhole(RoutingContext ctx, Candidate whole, int status) {
    metrics.requestRejected(HTTP, whole.rejection().errorClass().name());
    Future.fromCompletionStage(publisher.deadLetter(whole), ctx.vertx().getOrCreateContext())
        .onSuccess(
            v -> {
              if (status == 413) {
                // The rest of the body was not read; the connection cannot be reused.
                ctx.response().putHeader("connection", "close");
              }
              Answers.problem(ctx, status, Problems.of(status, whole.rejection()));
            })
        .onFailure(error -> Answers.writeFailed(ctx, error));
  }

  private static Mode mode(HttpServerRequest request) {
    String contentType = request.getHeader("content-type");
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
    if (mediaType.equals(BATCH)) {
      return Mode.BATCH;
    }
    if (mediaType.equals(STRUCTURED)) {
      return Mode.STRUCTURED;
    }
    return BinaryEvents.isBinary(request.headers()) ? Mode.BINARY : Mode.UNSUPPORTED;
  }

  private static RequestRejectedException unsupported(String contentType) {
    return new RequestRejectedException(
        new Rejection(
            ErrorClass.Unparseable,
            null,
            "Content-Type '"
                + contentType
                + "' without ce-* headers is not a CloudEvent; use "
                + STRUCTURED
                + ", "
                + BATCH
                + " or binary mode (ce-specversion, ce-id, ce-source, ce-type headers)"));
  }
}
