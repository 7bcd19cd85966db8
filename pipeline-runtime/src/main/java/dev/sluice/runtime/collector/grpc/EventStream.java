package dev.sluice.runtime.collector.grpc;

import com.google.protobuf.Any;
import dev.sluice.runtime.collector.CollectorMetrics;
import dev.sluice.runtime.collector.InFlightLimiter;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.grpc.v1.PublishResponse;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.collector.publish.EventPublisher;
import dev.sluice.runtime.collector.publish.PublishResult;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.cloudevents.v1.proto.CloudEvent;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code PublishStream} call, holding one in-flight slot from its start until its last write is
 * acknowledged. Events are read one at a time and handed to the producer as they arrive; the next
 * is requested at once while less than {@value #WINDOW_BYTES} bytes of the stream await Kafka's
 * acknowledgement, else when acknowledgements bring it below (gRPC flow control, so a stream is
 * never buffered and cannot fill the producer's buffer on its own). When the client half-closes,
 * the call is answered with the summary of every event once Kafka acknowledged them all. The stream
 * ends early, with the summary of what was handled in the status details, when it passes {@code
 * maxEvents} (RESOURCE_EXHAUSTED; the event over the limit is dead-lettered) or has not ended
 * {@code timeoutMs} after it started (DEADLINE_EXCEEDED). Events the client sent after that are not
 * read.
 */
final class EventStream implements StreamObserver<CloudEvent> {
  private static final String GRPC = "grpc";

  /** Bytes of a stream written but not yet acknowledged before it stops reading. */
  static final long WINDOW_BYTES = 4L * 1024 * 1024;

  /** What a refused stream's messages go to. */
  static final StreamObserver<CloudEvent> IGNORED =
      new StreamObserver<>() {
        @Override
        public void onNext(CloudEvent value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
      };

  private final ServerCallStreamObserver<PublishResponse> response;
  private final ProtoEvents decoder;
  private final EventPublisher publisher;
  private final int maxEvents;
  private final long timeoutMs;
  private final InFlightLimiter limiter;
  private final CollectorMetrics metrics;
  private final long start = System.nanoTime();
  private final List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
  private final AtomicBoolean released = new AtomicBoolean();
  private ScheduledFuture<?> deadline;
  private int received;
  private long unacknowledgedBytes;
  private boolean waitingForAcks;
  private boolean ended;

  /**
   * @param response the call's answer; its automatic inbound flow control is turned off here
   * @param maxEvents most events of one stream ({@code limits.maxBatchEvents})
   * @param timeoutMs time from the call's start to its half-close ({@code requestTimeoutMs})
   * @param limiter whose slot the caller took for this stream; released when it is done
   */
  EventStream(
      ServerCallStreamObserver<PublishResponse> response,
      ProtoEvents decoder,
      EventPublisher publisher,
      int maxEvents,
      long timeoutMs,
      InFlightLimiter limiter,
      CollectorMetrics metrics) {
    this.response = response;
    this.decoder = decoder;
    this.publisher = publisher;
    this.maxEvents = maxEvents;
    this.timeoutMs = timeoutMs;
    this.limiter = limiter;
    this.metrics = metrics;
    response.disableAutoRequest();
    // Answering a cancelled call is then a no-op instead of an exception.
    response.setOnCancelHandler(() -> {});
  }

  /** Starts reading: asks for the first event and arms the stream's deadline. */
  synchronized void start(ScheduledExecutorService timer) {
    deadline = timer.schedule(this::timedOut, timeoutMs, TimeUnit.MILLISECONDS);
    response.request(1);
  }

  @Override
  public synchronized void onNext(CloudEvent proto) {
    if (ended) {
      return;
    }
    int index = received++;
    boolean overLimit = index >= maxEvents;
    Candidate candidate = overLimit ? overLimit(index, proto) : decoder.decode(index, proto);
    long bytes = proto.getSerializedSize();
    unacknowledgedBytes += bytes;
    CompletableFuture<PublishResult> ack = publisher.publish(List.of(candidate), Instant.now());
    acks.add(ack);
    ack.whenComplete((result, error) -> acknowledged(bytes, error));
    if (overLimit) {
      end(
          Status.RESOURCE_EXHAUSTED.withDescription(
              "the stream has more than the limit of "
                  + maxEvents
                  + " events (limits.maxBatchEvents): event "
                  + index
                  + " was dead-lettered and later ones were not read; the PublishResponse in"
                  + " the status details lists what was handled"));
    } else if (ended) {
      return; // the write failed at once
    } else if (unacknowledgedBytes < WINDOW_BYTES) {
      response.request(1);
    } else {
      waitingForAcks = true;
    }
  }

  @Override
  public synchronized void onCompleted() {
    if (ended) {
      return;
    }
    if (received == 0) {
      ended = true;
      deadline.cancel(false);
      refuseEmpty();
    } else {
      end(null);
    }
  }

  /** The client cancelled: nothing is answered; the slot is freed once the writes settled. */
  @Override
  public synchronized void onError(Throwable t) {
    if (ended) {
      return;
    }
    ended = true;
    deadline.cancel(false);
    settled().whenComplete((v, error) -> release());
  }

  /** Reads on when the window has room again; a failed write ends the stream. */
  private synchronized void acknowledged(long bytes, Throwable error) {
    unacknowledgedBytes -= bytes;
    if (ended) {
      return;
    }
    if (error != null) {
      end(null);
    } else if (waitingForAcks && unacknowledgedBytes < WINDOW_BYTES) {
      waitingForAcks = false;
      response.request(1);
    }
  }

  private synchronized void timedOut() {
    if (!ended) {
      end(
          Status.DEADLINE_EXCEEDED.withDescription(
              "the stream did not end within "
                  + timeoutMs
                  + " ms (requestTimeoutMs); events from index "
                  + received
                  + " on were not read; the PublishResponse in the status details lists what"
                  + " was handled"));
    }
  }

  /** Stops reading; answers once every write settled: OK when {@code early} is null. */
  private void end(Status early) {
    ended = true;
    deadline.cancel(false);
    settled().whenComplete((results, error) -> answer(early, results, error));
  }

  /** Completes with every event's outcome once all were acknowledged. */
  private CompletableFuture<List<PublishResult>> settled() {
    List<CompletableFuture<PublishResult>> all = List.copyOf(acks);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(done -> all.stream().map(CompletableFuture::join).toList());
  }

  private void answer(Status early, List<PublishResult> results, Throwable error) {
    release();
    if (error != null) {
      Status status = PublishService.failureStatus(error);
      response.onError(status.asException());
      metrics.latency(GRPC, status.getCode().value(), start);
      return;
    }
    int accepted = 0;
    List<Candidate> rejected = new ArrayList<>();
    for (PublishResult r : results) {
      accepted += r.accepted();
      rejected.addAll(r.rejected());
    }
    PublishResult total = new PublishResult(accepted, rejected);
    metrics.events(GRPC, total);
    PublishResponse summary = PublishService.summary(total);
    if (early == null) {
      response.onNext(summary);
      response.onCompleted();
      metrics.latency(GRPC, Status.Code.OK.value(), start);
    } else {
      com.google.rpc.Status status =
          com.google.rpc.Status.newBuilder()
              .setCode(early.getCode().value())
              .setMessage(early.getDescription())
              .addDetails(Any.pack(summary))
              .build();
      response.onError(StatusProto.toStatusRuntimeException(status));
      metrics.latency(GRPC, early.getCode().value(), start);
    }
  }

  private void refuseEmpty() {
    Rejection empty = new Rejection(ErrorClass.Unparseable, null, "the stream has no event");
    metrics.requestRejected(GRPC, empty.errorClass().name());
    publisher
        .deadLetter(Candidate.rejected(0, null, empty, new byte[0], null))
        .whenComplete(
            (v, error) -> {
              release();
              Status status =
                  error != null
                      ? PublishService.failureStatus(error)
                      : PublishService.reject(response, empty);
              if (error != null) {
                response.onError(status.asException());
              }
              metrics.latency(GRPC, status.getCode().value(), start);
            });
  }

  private Candidate overLimit(int index, CloudEvent proto) {
    return Candidate.rejected(
        index,
        proto.getId().isEmpty() ? null : proto.getId(),
        new Rejection(
            ErrorClass.SizeViolation,
            null,
            "the stream has more than the limit of " + maxEvents + " events"),
        proto.toByteArray(),
        null);
  }

  private void release() {
    if (released.compareAndSet(false, true)) {
      limiter.release();
    }
  }
}
