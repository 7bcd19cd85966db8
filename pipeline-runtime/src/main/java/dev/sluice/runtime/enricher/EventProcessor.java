package dev.sluice.runtime.enricher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.deadletter.DeadLetter;
import dev.sluice.runtime.deadletter.ErrorClass;
import dev.sluice.runtime.enricher.contract.ContractValidator;
import dev.sluice.runtime.enricher.contract.EventRejectedException;
import dev.sluice.runtime.enricher.contract.ValidEvent;
import dev.sluice.runtime.enricher.enrichment.AddedMembers;
import dev.sluice.runtime.enricher.enrichment.EnrichmentChain;
import dev.sluice.runtime.enricher.enrichment.StepFailedException;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one raw record into its outcome: read the CloudEvent (Kafka protocol binding, binary or
 * structured mode), validate its data against its contract, enrich it, and write either the
 * enriched event or a dead-letter record holding the original bytes unchanged. The data is parsed
 * once (for validation; the enrichments work on that tree); the enriched data is the original bytes
 * with the added members appended when the steps rendered them, else the tree serialized.
 *
 * <p>Dead-letter classes: {@code SizeViolation} (value over {@code maxEventBytes}), {@code
 * Unparseable} (no CloudEvents encoding: no {@code ce_*} headers nor a CloudEvents content type),
 * {@code EnvelopeInvalid} (CloudEvents headers present but an attribute missing or malformed),
 * {@code UnknownType}, {@code SchemaViolation}, {@code EnrichmentFailed}.
 */
final class EventProcessor {
  private final ContractValidator validator;
  private final EnrichmentChain chain;
  private final EnrichedEventWriter writer;
  private final String deadLetterTopic;
  private final int maxEventBytes;
  private final ObjectMapper json;

  EventProcessor(
      ContractValidator validator,
      EnrichmentChain chain,
      EnrichedEventWriter writer,
      String deadLetterTopic,
      int maxEventBytes,
      ObjectMapper json) {
    this.validator = validator;
    this.chain = chain;
    this.writer = writer;
    this.deadLetterTopic = deadLetterTopic;
    this.maxEventBytes = maxEventBytes;
    this.json = json;
  }

  /** The outcome of {@code record}; completes when its enrichments have (never exceptionally). */
  CompletableFuture<EventOutcome> process(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() != null && record.value().length > maxEventBytes) {
      return done(
          record,
          DeadLetter.of(
              StageName.ENRICHER,
              ErrorClass.SizeViolation,
              "the record value is "
                  + record.value().length
                  + " bytes, larger than the limit of "
                  + maxEventBytes
                  + " bytes"));
    }
    CloudEvent event;
    try {
      event = KafkaMessageFactory.createReader(record).toEvent();
    } catch (RuntimeException e) {
      return done(record, unreadable(e));
    }
    ValidEvent valid;
    try {
      valid = validator.validate(event);
    } catch (EventRejectedException e) {
      return done(record, e.reason());
    }
    if (chain.steps().isEmpty()) {
      // Nothing changes the data: pass the validated bytes on as they came.
      return CompletableFuture.completedFuture(
          new EventOutcome(
              writer.write(record, event, event.getData().toBytes(), valid.version(), List.of()),
              null));
    }
    if (!(valid.data() instanceof ObjectNode data)) {
      return done(record, enrichmentFailed(valid, "data is not a JSON object", "/data"));
    }
    return chain
        .apply(data)
        .handle(
            (result, error) -> {
              if (error == null) {
                return enriched(record, valid, result);
              }
              Throwable cause = error.getCause() != null ? error.getCause() : error;
              return cause instanceof StepFailedException failed
                  ? outcome(record, enrichmentFailed(valid, failed.getMessage(), failed.field()))
                  : outcome(record, enrichmentFailed(valid, cause.toString(), null));
            });
  }

  private EventOutcome enriched(
      ConsumerRecord<byte[], byte[]> record, ValidEvent valid, EnrichmentChain.Result result) {
    try {
      byte[] data =
          result.added() == null
              ? json.writeValueAsBytes(result.data())
              : AddedMembers.appendTo(valid.event().getData().toBytes(), result.added());
      return new EventOutcome(
          writer.write(record, valid.event(), data, valid.version(), result.continuedErrors()),
          null);
    } catch (JsonProcessingException e) {
      return outcome(record, enrichmentFailed(valid, "cannot write the enriched data: " + e, null));
    }
  }

  private static DeadLetter unreadable(RuntimeException e) {
    boolean noEncoding =
        e instanceof CloudEventRWException rw
            && rw.getKind() == CloudEventRWException.CloudEventRWExceptionKind.UNKNOWN_ENCODING;
    return noEncoding
        ? DeadLetter.of(
            StageName.ENRICHER,
            ErrorClass.Unparseable,
            "not a CloudEvent: no ce_specversion header and no CloudEvents content-type")
        : DeadLetter.of(
            StageName.ENRICHER,
            ErrorClass.EnvelopeInvalid,
            "not a valid CloudEvent: " + e.getMessage());
  }

  private static DeadLetter enrichmentFailed(ValidEvent valid, String message, String field) {
    return new DeadLetter(
        StageName.ENRICHER,
        ErrorClass.EnrichmentFailed,
        message,
        field,
        valid.contract().name(),
        valid.version());
  }

  private CompletableFuture<EventOutcome> done(
      ConsumerRecord<byte[], byte[]> record, DeadLetter reason) {
    return CompletableFuture.completedFuture(outcome(record, reason));
  }

  private EventOutcome outcome(ConsumerRecord<byte[], byte[]> record, DeadLetter reason) {
    return new EventOutcome(reason.toRecord(deadLetterTopic, record), reason.errorClass());
  }
}
