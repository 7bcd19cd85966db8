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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC Publish service against a real collector and broker. */
class CollectorGrpcIT {
  private CollectorUnderTest collector;
  private ManagedChannel channel;
  private PublishGrpc.PublishBlockingStub stub;

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
    Metadata key = new Metadata();
    key.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), "grpc-key");
    stub =
        PublishGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key))
            .withDeadlineAfter(30, TimeUnit.SECONDS);
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
