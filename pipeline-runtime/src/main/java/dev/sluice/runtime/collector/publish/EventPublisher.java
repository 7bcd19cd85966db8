package dev.sluice.runtime.collector.publish;

import dev.sluice.runtime.StageName;
import dev.sluice.runtime.collector.envelope.CollectorExtensions;
import dev.sluice.runtime.collector.envelope.PartitionKeys;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.deadletter.DeadLetter;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Writes the events of one request: valid ones to the raw topic in the CloudEvents Kafka binding's
 * binary mode (attributes as {@code ce_*} headers, key from {@link PartitionKeys}), rejected ones
 * to the raw dead-letter topic as {@link DeadLetter} records. The returned future completes only
 * when Kafka acknowledged every record.
 *
 * <p>Records are handed to the producer on the calling thread (an HTTP event loop): the producer is
 * configured never to block ({@code max.block.ms=0}, see {@code CollectorProducerConfig}), so a
 * full buffer or a topic whose metadata is unknown fails the request at once (503) instead of
 * stalling the event loop, and no thread hop is paid per request.
 */
public final class EventPublisher {
  private final Producer<byte[], byte[]> producer;
  private final String rawTopic;
  private final String deadLetterTopic;
  private final int deadLetterCapBytes;
  private final CollectorExtensions extensions;
  private final KafkaHealth health;

  /**
   * @param producer idempotent, {@code acks=all} producer with {@code max.block.ms=0}
   * @param deadLetterCapBytes most payload bytes kept in a dead-letter record
   */
  public EventPublisher(
      Producer<byte[], byte[]> producer,
      String rawTopic,
      String deadLetterTopic,
      int deadLetterCapBytes,
      CollectorExtensions extensions,
      KafkaHealth health) {
    this.producer = producer;
    this.rawTopic = rawTopic;
    this.deadLetterTopic = deadLetterTopic;
    this.deadLetterCapBytes = deadLetterCapBytes;
    this.extensions = extensions;
    this.health = health;
  }

  /**
   * @param items the request's events in order
   * @param receivedAt when the request arrived
   * @return the outcome once every record is acknowledged; fails with {@link
   *     KafkaUnavailableException} when a write was not acknowledged in time (retry), or with the
   *     Kafka error when it is not retriable
   */
  public CompletableFuture<PublishResult> publish(List<Candidate> items, Instant receivedAt) {
    return sendAll(items, receivedAt);
  }

  private CompletableFuture<PublishResult> sendAll(List<Candidate> items, Instant receivedAt) {
    List<CompletableFuture<Void>> acks = new ArrayList<>(items.size());
    List<Candidate> rejected = new ArrayList<>();
    for (Candidate item : items) {
      if (item.isValid()) {
        acks.add(send(toRawRecord(item.event(), receivedAt)));
      } else {
        rejected.add(item);
        acks.add(send(toDeadLetter(item)));
      }
    }
    int accepted = items.size() - rejected.size();
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .handle(
            (ok, error) -> {
              if (error != null) {
                throw failure(error instanceof CompletionException ? error.getCause() : error);
              }
              return new PublishResult(accepted, List.copyOf(rejected));
            });
  }

  /**
   * Writes one dead-letter record for a whole request that was refused before it could be split
   * into events (unparseable, over-size, wrong content type).
   */
  public CompletableFuture<Void> deadLetter(Candidate whole) {
    return send(toDeadLetter(whole))
        .exceptionally(
            error -> {
              throw failure(error instanceof CompletionException ? error.getCause() : error);
            });
  }

  private ProducerRecord<byte[], byte[]> toRawRecord(CloudEvent event, Instant receivedAt) {
    return KafkaMessageFactory.createWriter(rawTopic, PartitionKeys.of(event))
        .writeBinary(extensions.stamp(event, receivedAt));
  }

  private ProducerRecord<byte[], byte[]> toDeadLetter(Candidate item) {
    Rejection r = item.rejection();
    ProducerRecord<byte[], byte[]> record =
        new DeadLetter(
                StageName.COLLECTOR,
                r.errorClass(),
                r.reason(),
                r.field(),
                r.contract(),
                r.contractVersion())
            .toRecord(deadLetterTopic, item.key(), item.original(), deadLetterCapBytes);
    item.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              ack.complete(null);
            } else {
              ack.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      ack.completeExceptionally(e);
    }
    return ack;
  }

  private RuntimeException failure(Throwable error) {
    if (error instanceof KafkaUnavailableException k) {
      return k;
    }
    if (error instanceof RetriableException
        || error instanceof org.apache.kafka.common.errors.TimeoutException) {
      health.markUnreachable();
      return new KafkaUnavailableException(
          "Kafka did not acknowledge: " + error.getMessage(), error);
    }
    return new CompletionException(error);
  }
}
