package dev.sluice.runtime.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes a loader's dead-letter records and waits until Kafka acknowledged every one, so the loader
 * commits the source offsets only once the failed records are safe in the dead-letter topic.
 */
public final class DeadLetterSender implements AutoCloseable {
  private static final long ACK_TIMEOUT_SECONDS = 60;

  private final Producer<byte[], byte[]> producer;

  public DeadLetterSender(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /**
   * Sends the records and waits for their acknowledgements.
   *
   * @throws DeadLetterSendException when one was not acknowledged within 60 s; the caller retries
   *     all of them (a retry may duplicate a dead letter, never lose one)
   */
  public void sendAll(List<ProducerRecord<byte[], byte[]>> records) throws DeadLetterSendException {
    if (records.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    try {
      for (ProducerRecord<byte[], byte[]> r : records) {
        acks.add(producer.send(r));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new DeadLetterSendException("dead letters not acknowledged: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterSendException("interrupted while sending dead letters", e);
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }

  /** Kafka did not acknowledge a dead letter. */
  public static final class DeadLetterSendException extends Exception {
    DeadLetterSendException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
