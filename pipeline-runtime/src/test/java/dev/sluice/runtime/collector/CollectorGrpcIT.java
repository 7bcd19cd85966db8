package dev.sluice.runtime.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import dev.sluice.runtime.collector.grpc.v1.EventBatch;
import dev.sluice.runtime.collector.grpc.v1.PublishGrpc;
import dev.sluice.runtime.collector.grpc.v1.PublishResponse;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.testing.SharedKafka;
import io.cloudevents.v1.proto.CloudEvent;
import io.cloudevents.v1.proto.CloudEvent.CloudEventAttributeValue;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC Publish service against a real collector and broker. */
class CollectorGrpcIT {
  private static final Metadata.Key<String> API_KEY =
      Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

  private CollectorUnderTest collector;
  private ManagedChannel channel;
  private PublishGrpc.PublishBlockingStub stub;
  private PublishGrpc.PublishStub async;

  @BeforeEach
  void start() {
    String prefix = SharedKafka.createTopics(1, "raw", "raw.dlq");
    collector =
        new CollectorUnderTest(
            SharedKafka.bootstrapServers(),
            prefix,
            CollectorUnderTest.smallLimits(),
            16,
            List.of("grpc-key"));
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", collector.grpcPort).usePlaintext().build();
    stub =
        PublishGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key()))
            .withDeadlineAfter(30, TimeUnit.SECONDS);
    async =
        PublishGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key()))
            .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static Metadata key() {
    Metadata key = new Metadata();
    key.put(API_KEY, "grpc-key");
    return key;
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    collector.close();
  }

  private static CloudEvent.Builder event(String id) {
    return CloudEvent.newBuilder()
        .setId(id)
        .setSource("/airports/ams")
        .setSpecVersion("1.0")
        .setType(CollectorUnderTest.FLIGHT_DEPARTED)
        .putAttributes(
            "subject", CloudEventAttributeValue.newBuilder().setCeString("KL1001").build())
        .putAttributes(
            "datacontenttype",
            CloudEventAttributeValue.newBuilder().setCeString("application/json").build())
        .setTextData("{\"flight\":\"KL1001\"}");
  }

  @Test
  void publishesSingleEventsAndBatchesToTheRawTopic() {
    PublishResponse single = stub.event(event("g1").build());
    assertThat(single.getAccepted()).isEqualTo(1);

    PublishResponse batch =
        stub.batch(
            EventBatch.newBuilder()
                .addEvents(event("g2"))
                .addEvents(event("g3").setType("unknown.type"))
                .addEvents(event("g4").setBinaryData(ByteString.copyFromUtf8("raw")))
                .build());
    assertThat(batch.getAccepted()).isEqualTo(2);
    assertThat(batch.getRejectedList()).hasSize(1);
    assertThat(batch.getRejected(0).getIndex()).isEqualTo(1);
    assertThat(batch.getRejected(0).getField()).isEqualTo("/type");
    assertThat(batch.getRejected(0).getErrorClass()).isEqualTo("UnknownType");

    try (TopicReader raw = new TopicReader(SharedKafka.bootstrapServers(), collector.rawTopic);
        TopicReader dlq =
            new TopicReader(SharedKafka.bootstrapServers(), collector.deadLetterTopic)) {
      List<ConsumerRecord<byte[], byte[]>> records = raw.take(3, Duration.ofSeconds(30));
      assertThat(records)
          .extracting(r -> TopicReader.header(r, "ce_id"))
          .containsExactly("g1", "g2", "g4");
      assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("KL1001");
      assertThat(TopicReader.header(records.get(0), "ce_sluicepipeline")).isEqualTo("flights");
      assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).contains("KL1001");
      ConsumerRecord<byte[], byte[]> rejected = dlq.take(1, Duration.ofSeconds(30)).get(0);
      assertThat(TopicReader.header(rejected, DeadLetterHeaders.FIELD)).isEqualTo("/type");
      assertThat(CloudEventParse.id(rejected.value())).isEqualTo("g3");
    }
  }

  @Test
  void answersAnInvalidEventWithInvalidArgumentNamingTheField() {
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub.event(
                    event("g5")
                        .putAttributes(
                            "time",
                            CloudEventAttributeValue.newBuilder().setCeString("nope").build())
                        .build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription()).contains("/time");
    com.google.rpc.Status detail = StatusProto.fromThrowable(error);
    assertThat(detail.getDetailsList()).hasSize(1);
    BadRequest badRequest = unpack(detail);
    assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("/time");

    StatusRuntimeException unauthenticated =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> PublishGrpc.newBlockingStub(channel).event(event("g6").build()));
    assertThat(unauthenticated.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void aStreamOfEventsIsAnsweredOnceWithPerItemResults() throws Exception {
    StreamAnswer answer = new StreamAnswer();
    StreamObserver<CloudEvent> events = async.publishStream(answer);
    events.onNext(event("s0").build());
    events.onNext(event("s1").setType("unknown.type").build());
    events.onNext(event("s2").build());
    events.onNext(event("").build());
    events.onNext(event("s4").build());
    events.onCompleted();

    PublishResponse summary = answer.get();
    assertThat(summary.getAccepted()).isEqualTo(3);
    assertThat(summary.getRejectedList())
        .extracting(r -> r.getIndex() + " " + r.getErrorClass() + " " + r.getField())
        .containsExactly("1 UnknownType /type", "3 EnvelopeInvalid /id");
    try (TopicReader raw = new TopicReader(SharedKafka.bootstrapServers(), collector.rawTopic);
        TopicReader dlq =
            new TopicReader(SharedKafka.bootstrapServers(), collector.deadLetterTopic)) {
      assertThat(raw.take(3, Duration.ofSeconds(30)))
          .extracting(r -> TopicReader.header(r, "ce_id"))
          .containsExactly("s0", "s2", "s4");
      assertThat(dlq.take(2, Duration.ofSeconds(30)))
          .extracting(r -> TopicReader.header(r, DeadLetterHeaders.FIELD))
          .containsExactly("/type", "/id");
      assertThat(raw.drain(Duration.ofSeconds(1))).isEmpty();
    }
  }

  @Test
  void aStreamOverMaxBatchEventsEndsResourceExhaustedWithWhatWasHandled() throws Exception {
    StreamAnswer answer = new StreamAnswer();
    StreamObserver<CloudEvent> events = async.publishStream(answer);
    // limits.maxBatchEvents is 50; event 50 breaks it, and the collector stops reading.
    for (int i = 0; i < 60 && !answer.isDone(); i++) {
      events.onNext(event("m" + i).build());
    }
    StatusRuntimeException error = answer.failure();
    events.onCompleted();

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(error.getStatus().getDescription()).contains("limit of 50 events");
    PublishResponse handled =
        StatusProto.fromThrowable(error).getDetails(0).unpack(PublishResponse.class);
    assertThat(handled.getAccepted()).isEqualTo(50);
    assertThat(handled.getRejectedList())
        .extracting(r -> r.getIndex() + " " + r.getId() + " " + r.getErrorClass())
        .containsExactly("50 m50 SizeViolation");
    try (TopicReader raw = new TopicReader(SharedKafka.bootstrapServers(), collector.rawTopic);
        TopicReader dlq =
            new TopicReader(SharedKafka.bootstrapServers(), collector.deadLetterTopic)) {
      assertThat(raw.take(50, Duration.ofSeconds(30))).hasSize(50);
      assertThat(raw.drain(Duration.ofSeconds(1))).isEmpty();
      ConsumerRecord<byte[], byte[]> over = dlq.take(1, Duration.ofSeconds(30)).get(0);
      assertThat(TopicReader.header(over, DeadLetterHeaders.CLASS)).isEqualTo("SizeViolation");
      assertThat(CloudEventParse.id(over.value())).isEqualTo("m50");
    }
  }

  @Test
  void aMessageOverMaxRequestBytesIsRefusedNamingTheLimitAndDeadLettered() throws Exception {
    // limits.maxRequestBytes is 65536: the transport refuses the message before reading it.
    CloudEvent huge = event("big").setTextData("x".repeat(70_000)).build();
    PublishGrpc.PublishBlockingStub anonymous =
        PublishGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    StatusRuntimeException unauthenticated =
        catchThrowableOfType(StatusRuntimeException.class, () -> anonymous.event(huge));
    StatusRuntimeException refused =
        catchThrowableOfType(StatusRuntimeException.class, () -> stub.event(huge));

    assertThat(unauthenticated.getStatus().getCode())
        .isIn(Status.Code.UNAUTHENTICATED, Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getStatus().getDescription())
        .contains("65536")
        .contains(Integer.toString(huge.getSerializedSize()));
    try (TopicReader dlq =
        new TopicReader(SharedKafka.bootstrapServers(), collector.deadLetterTopic)) {
      ConsumerRecord<byte[], byte[]> r = dlq.take(1, Duration.ofSeconds(30)).get(0);
      assertThat(TopicReader.header(r, DeadLetterHeaders.CLASS)).isEqualTo("SizeViolation");
      assertThat(TopicReader.header(r, DeadLetterHeaders.STAGE)).isEqualTo("collector");
      assertThat(TopicReader.header(r, DeadLetterHeaders.MESSAGE))
          .contains("sluice.collector.v1.Publish/Event")
          .contains("65536");
      assertThat(TopicReader.header(r, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
      assertThat(TopicReader.header(r, DeadLetterHeaders.ORIGINAL_BYTES))
          .isEqualTo(Integer.toString(huge.getSerializedSize()));
      assertThat(r.value()).isEmpty();
      assertThat(dlq.drain(Duration.ofSeconds(2)))
          .as("the call without an API key wrote nothing")
          .isEmpty();
    }
  }

  @Test
  void aStalledStreamEndsDeadlineExceededAndFreesItsSlot() throws Exception {
    String prefix = SharedKafka.createTopics(1, "raw", "raw.dlq");
    try (CollectorUnderTest strict =
        new CollectorUnderTest(
            SharedKafka.bootstrapServers(),
            prefix,
            CollectorUnderTest.smallLimits(),
            1,
            null,
            1500)) {
      ManagedChannel strictChannel =
          NettyChannelBuilder.forAddress("127.0.0.1", strict.grpcPort).usePlaintext().build();
      try {
        StreamAnswer answer = new StreamAnswer();
        StreamObserver<CloudEvent> events =
            PublishGrpc.newStub(strictChannel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .publishStream(answer);
        events.onNext(event("t0").build());
        // ...and nothing more: the client stalls.

        StatusRuntimeException error = answer.failure();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(error.getStatus().getDescription()).contains("1500 ms");
        PublishResponse handled =
            StatusProto.fromThrowable(error).getDetails(0).unpack(PublishResponse.class);
        assertThat(handled.getAccepted()).isEqualTo(1);
        // maxInFlightRequests is 1: this call is served only if the stream gave its slot back.
        PublishResponse next =
            PublishGrpc.newBlockingStub(strictChannel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .event(event("t1").build());
        assertThat(next.getAccepted()).isEqualTo(1);
      } finally {
        strictChannel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The single answer of a client-streaming call. */
  private static final class StreamAnswer implements StreamObserver<PublishResponse> {
    private final CompletableFuture<PublishResponse> answer = new CompletableFuture<>();

    @Override
    public void onNext(PublishResponse value) {
      answer.complete(value);
    }

    @Override
    public void onError(Throwable t) {
      answer.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {}

    boolean isDone() {
      return answer.isDone();
    }

    PublishResponse get() throws Exception {
      return answer.get(60, TimeUnit.SECONDS);
    }

    StatusRuntimeException failure() {
      ExecutionException e =
          catchThrowableOfType(ExecutionException.class, () -> answer.get(60, TimeUnit.SECONDS));
      assertThat(e).as("the stream ended with an error").isNotNull();
      return (StatusRuntimeException) e.getCause();
    }
  }

  private static BadRequest unpack(com.google.rpc.Status detail) {
    try {
      return detail.getDetails(0).unpack(BadRequest.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads the id of a protobuf-encoded event. */
  private static final class CloudEventParse {
    static String id(byte[] bytes) {
      try {
        return CloudEvent.parseFrom(bytes).getId();
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }
  }
}
