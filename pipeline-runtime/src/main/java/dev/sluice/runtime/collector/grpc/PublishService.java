package dev.sluice.runtime.collector.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.sluice.runtime.collector.CollectorMetrics;
import dev.sluice.runtime.collector.InFlightLimiter;
import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.grpc.v1.EventBatch;
import dev.sluice.runtime.collector.grpc.v1.PublishGrpc;
import dev.sluice.runtime.collector.grpc.v1.PublishResponse;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.collector.publish.EventPublisher;
import dev.sluice.runtime.collector.publish.KafkaHealth;
import dev.sluice.runtime.collector.publish.KafkaUnavailableException;
import dev.sluice.runtime.collector.publish.PublishResult;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The gRPC {@code sluice.collector.v1.Publish} service (src/main/proto): {@code Event} for one
 * event, {@code Batch} for up to {@code limits.maxBatchEvents}, {@code PublishStream} for as many
 * sent one message each ({@link EventStream}). Same checks, writes and guarantees as the HTTP API;
 * the status codes are documented in the .proto and docs/collector.md.
 */
final class PublishService extends PublishGrpc.PublishImplBase {
  private static final String GRPC = "grpc";

  private final ProtoEvents decoder;
  private final int maxBatchEvents;
  private final EventPublisher publisher;
  private final KafkaHealth health;
  private final InFlightLimiter limiter;
  private final CollectorMetrics metrics;
  private final ScheduledExecutorService timer;
  private final long requestTimeoutMs;

  /**
   * @param timer arms the deadline of each stream
   * @param requestTimeoutMs time a stream has from its start to its half-close
   */
  PublishService(
      EnvelopeValidator validator,
      int maxBatchEvents,
      EventPublisher publisher,
      KafkaHealth health,
      InFlightLimiter limiter,
      CollectorMetrics metrics,
      ScheduledExecutorService timer,
      long requestTimeoutMs) {
    this.decoder = new ProtoEvents(validator);
    this.maxBatchEvents = maxBatchEvents;
    this.publisher = publisher;
    this.health = health;
    this.limiter = limiter;
    this.metrics = metrics;
    this.timer = timer;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  @Override
  public StreamObserver<io.cloudevents.v1.proto.CloudEvent> publishStream(
      StreamObserver<PublishResponse> response) {
    if (!limiter.tryAcquire()) {
      metrics.refused(GRPC, limiter.isClosed() ? "shutting_down" : "overloaded");
      response.onError(Status.UNAVAILABLE.withDescription("collector overloaded").asException());
      return EventStream.IGNORED;
    }
    if (!health.isReachable()) {
      limiter.release();
      metrics.refused(GRPC, "kafka_unavailable");
      response.onError(
          Status.UNAVAILABLE.withDescription("Kafka is unreachable; retry later").asException());
      return EventStream.IGNORED;
    }
    EventStream stream =
        new EventStream(
            (ServerCallStreamObserver<PublishResponse>) response,
            decoder,
            publisher,
            maxBatchEvents,
            requestTimeoutMs,
            limiter,
            metrics);
    stream.start(timer);
    return stream;
  }

  @Override
  public void event(
      io.cloudevents.v1.proto.CloudEvent request, StreamObserver<PublishResponse> response) {
    handle(response, true, () -> List.of(decoder.decode(0, request)), request.toByteArray());
  }

  @Override
  public void batch(EventBatch request, StreamObserver<PublishResponse> response) {
    handle(
        response,
        false,
        () -> {
          List<Candidate> items = new ArrayList<>(request.getEventsCount());
          for (int i = 0; i < request.getEventsCount(); i++) {
            items.add(decoder.decode(i, request.getEvents(i)));
          }
          return items;
        },
        request.toByteArray());
  }

  private interface Decoding {
    List<Candidate> decode();
  }

  private void handle(
      StreamObserver<PublishResponse> response, boolean single, Decoding decoding, byte[] raw) {
    long start = System.nanoTime();
    if (!limiter.tryAcquire()) {
      metrics.refused(GRPC, limiter.isClosed() ? "shutting_down" : "overloaded");
      response.onError(Status.UNAVAILABLE.withDescription("collector overloaded").asException());
      return;
    }
    if (!health.isReachable()) {
      limiter.release();
      metrics.refused(GRPC, "kafka_unavailable");
      response.onError(
          Status.UNAVAILABLE.withDescription("Kafka is unreachable; retry later").asException());
      return;
    }
    List<Candidate> items = decoding.decode();
    Rejection whole = wholeRequestProblem(single, items.size());
    var written =
        whole == null
            ? publisher.publish(items, Instant.now())
            : publisher
                .deadLetter(Candidate.rejected(0, null, whole, raw, null))
                .thenApply(v -> (PublishResult) null);
    written.whenComplete(
        (result, error) -> {
          limiter.release();
          Status status = answer(response, single, whole, result, error);
          metrics.latency(GRPC, status.getCode().value(), start);
        });
  }

  private Rejection wholeRequestProblem(boolean single, int count) {
    if (single) {
      return null;
    }
    if (count == 0) {
      return new Rejection(ErrorClass.Unparseable, "/events", "batch is empty");
    }
    if (count > maxBatchEvents) {
      return new Rejection(
          ErrorClass.SizeViolation,
          "/events",
          "batch has " + count + " events, more than the limit of " + maxBatchEvents);
    }
    return null;
  }

  private Status answer(
      StreamObserver<PublishResponse> response,
      boolean single,
      Rejection whole,
      PublishResult result,
      Throwable error) {
    if (error != null) {
      Status status = failureStatus(error);
      response.onError(status.asException());
      return status;
    }
    if (whole != null) {
      metrics.requestRejected(GRPC, whole.errorClass().name());
      return reject(response, whole);
    }
    metrics.events(GRPC, result);
    if (single && !result.rejected().isEmpty()) {
      return reject(response, result.rejected().get(0).rejection());
    }
    response.onNext(summary(result));
    response.onCompleted();
    return Status.OK;
  }

  /** The answer body: accepted count and each rejected event with its reason. */
  static PublishResponse summary(PublishResult result) {
    PublishResponse.Builder body = PublishResponse.newBuilder().setAccepted(result.accepted());
    for (Candidate c : result.rejected()) {
      body.addRejectedBuilder()
          .setIndex(c.index())
          .setId(c.id() == null ? "" : c.id())
          .setReason(c.rejection().reason())
          .setField(c.rejection().field() == null ? "" : c.rejection().field())
          .setErrorClass(c.rejection().errorClass().name());
    }
    return body.build();
  }

  /** UNAVAILABLE for a write Kafka did not acknowledge in time (retry), else INTERNAL. */
  static Status failureStatus(Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    return (cause instanceof KafkaUnavailableException ? Status.UNAVAILABLE : Status.INTERNAL)
        .withDescription(cause.getMessage());
  }

  /**
   * INVALID_ARGUMENT (RESOURCE_EXHAUSTED for size) with a google.rpc.BadRequest naming the field.
   */
  static Status reject(StreamObserver<PublishResponse> response, Rejection r) {
    Code code = r.isSizeViolation() ? Code.RESOURCE_EXHAUSTED : Code.INVALID_ARGUMENT;
    String field = r.field() == null ? "" : r.field();
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(code.getNumber())
            .setMessage(r.errorClass().name() + " " + field + ": " + r.reason())
            .addDetails(
                Any.pack(
                    BadRequest.newBuilder()
                        .addFieldViolations(
                            BadRequest.FieldViolation.newBuilder()
                                .setField(field)
                                .setDescription(r.reason()))
                        .build()))
            .build();
    response.onError(StatusProto.toStatusRuntimeException(status));
    return Status.fromCodeValue(code.getNumber());
  }
}
