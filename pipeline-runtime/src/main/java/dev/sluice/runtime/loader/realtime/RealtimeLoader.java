package dev.sluice.runtime.loader.realtime;

import dev.sluice.api.stage.ContractBundle;
import dev.sluice.runtime.Stage;
import dev.sluice.runtime.StageContext;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.deadletter.DeadLetter;
import dev.sluice.runtime.deadletter.ErrorClass;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.loader.BeforeCommit;
import dev.sluice.runtime.loader.ConsumerLoop;
import dev.sluice.runtime.loader.ContractBundleFiles;
import dev.sluice.runtime.loader.DeadLetterSender;
import io.cloudevents.rw.CloudEventRWException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code realtime-loader} stage: consumes the enriched topic and the enriched DLQ (consumer
 * group {@code <pipeline>-realtime-loader}) and indexes them with {@code _bulk} into {@code
 * <prefix>-yyyy.MM.dd} and {@code <prefix>-dlq-yyyy.MM.dd}. Offsets are committed only after the
 * bulk response, and only once every refused document is in the loader DLQ ({@link
 * ErrorClass#IndexingFailed}); while the cluster is unreachable nothing is committed.
 */
public final class RealtimeLoader implements Stage {
  private final StageContext context;
  private final BeforeCommit beforeCommit;
  private RealtimeLoaderSettings settings;
  private ConsumerLoop loop;
  private BulkWriter writer;
  private DeadLetterSender deadLetters;
  private DocumentMapper events;
  private DeadLetterDocumentMapper failures;
  private Map<String, String> contractByType;

  public RealtimeLoader(StageContext context) {
    this(context, BeforeCommit.NONE);
  }

  /**
   * @param beforeCommit called between the bulk response and the commit (tests crash there)
   */
  public RealtimeLoader(StageContext context, BeforeCommit beforeCommit) {
    this.context = context;
    this.beforeCommit = beforeCommit;
    this.settings = RealtimeLoaderSettings.from(context.config());
  }

  @Override
  public void start() {
    var config = context.config();
    List<ContractBundle> contracts = ContractBundleFiles.readAll(config.contractsDir());
    IndexNames names = new IndexNames(settings.indexPrefix());
    IndexTemplates templates = new IndexTemplates(names, contracts);
    events = new DocumentMapper(names, templates.geoPairs());
    failures = new DeadLetterDocumentMapper(names);
    contractByType = new HashMap<>();
    contracts.forEach(c -> contractByType.put(c.getEventType(), c.getName()));
    SearchClient client =
        new SearchClient(settings.url(), settings.username(), settings.password());
    writer = new BulkWriter(client, context.registry());
    String clientId = config.stageConfig().getPipeline() + "-realtime-loader-" + config.instance();
    deadLetters =
        new DeadLetterSender(
            new KafkaProducer<>(KafkaClientConfigs.producer(config.bootstrapServers(), clientId)));
    var consumer =
        new KafkaConsumer<byte[], byte[]>(
            KafkaClientConfigs.consumer(config.bootstrapServers(), settings.groupId(), clientId));
    loop =
        new ConsumerLoop(
            "realtime-loader",
            consumer,
            List.of(settings.topics().getEnriched(), settings.topics().getEnrichedDeadLetter()),
            new Handler(client, templates, settings.flushInterval().toMillis()));
    loop.start();
  }

  @Override
  public boolean isLive() {
    return loop == null || !loop.hasFailed();
  }

  @Override
  public boolean isReady() {
    return loop != null && loop.isRunning() && loop.handlerReady() && writer.healthy();
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.close();
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
  }

  private final class Handler implements ConsumerLoop.Handler {
    private final SearchClient client;
    private final IndexTemplates templates;
    private final long flushIntervalMs;
    private final PendingBatch batch;
    private boolean templatesPut;

    Handler(SearchClient client, IndexTemplates templates, long flushIntervalMs) {
      this.client = client;
      this.templates = templates;
      this.flushIntervalMs = flushIntervalMs;
      this.batch = new PendingBatch(settings.bulkMaxDocs());
    }

    @Override
    public boolean prepare(ConsumerLoop.Control control) {
      templatesPut =
          control.retry(
              "put index templates",
              () -> {
                for (var t : templates.templates().entrySet()) {
                  client.putIndexTemplate(t.getKey(), DocumentMapper.bytes(t.getValue()));
                }
              });
      return templatesPut;
    }

    @Override
    public boolean ready() {
      return templatesPut;
    }

    @Override
    public void accept(List<ConsumerRecord<byte[], byte[]>> records, ConsumerLoop.Control control) {
      long now = System.currentTimeMillis();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        batch.add(entry(r), now);
        if (batch.due(now, flushIntervalMs)) {
          flush(control);
        }
      }
      if (batch.due(now, flushIntervalMs)) {
        flush(control);
      }
    }

    @Override
    public void idle(ConsumerLoop.Control control) {
      if (batch.due(System.currentTimeMillis(), flushIntervalMs)) {
        flush(control);
      }
    }

    @Override
    public void drain(ConsumerLoop.Control control) {
      if (!batch.isEmpty()) {
        flush(control);
      }
    }

    private PendingBatch.Entry entry(ConsumerRecord<byte[], byte[]> r) {
      if (r.topic().equals(settings.topics().getEnrichedDeadLetter())) {
        return new PendingBatch.Entry(r, failures.deadLetter(r), null);
      }
      try {
        return new PendingBatch.Entry(r, events.event(r), null);
      } catch (CloudEventRWException | IllegalArgumentException e) {
        return new PendingBatch.Entry(
            r, null, "not a CloudEvent in the Kafka binary binding: " + e.getMessage());
      }
    }

    private void flush(ConsumerLoop.Control control) {
      List<PendingBatch.Entry> entries = batch.entries();
      List<IndexDocument> documents = new ArrayList<>();
      List<PendingBatch.Entry> indexed = new ArrayList<>();
      List<ProducerRecord<byte[], byte[]>> dead = new ArrayList<>();
      for (PendingBatch.Entry e : entries) {
        if (e.document() != null) {
          documents.add(e.document());
          indexed.add(e);
        } else {
          dead.add(deadLetter(e.record(), e.rejection(), null));
        }
      }
      Optional<List<BulkWriter.Refused>> refused =
          documents.isEmpty() ? Optional.of(List.of()) : writer.write(documents, control::await);
      if (refused.isEmpty()) {
        return; // stopping: nothing is committed, the records are consumed again after restart
      }
      for (BulkWriter.Refused r : refused.get()) {
        PendingBatch.Entry e = indexed.get(r.index());
        dead.add(
            deadLetter(
                e.record(),
                r.result().errorType() + ": " + r.result().errorReason(),
                RefusalField.pointer(r.result().errorReason())));
      }
      if (!control.retry("send dead letters", () -> deadLetters.sendAll(dead))) {
        return;
      }
      var registry = context.registry();
      registry
          .counter("sluice.loader.documents", "outcome", "indexed")
          .increment(documents.size() - refused.get().size());
      registry
          .counter("sluice.loader.documents", "outcome", "dead_lettered")
          .increment(dead.size());
      var offsets = Map.copyOf(batch.offsets());
      beforeCommit.written(offsets);
      control.commit(offsets);
      batch.clear();
    }

    private ProducerRecord<byte[], byte[]> deadLetter(
        ConsumerRecord<byte[], byte[]> record, String message, String field) {
      String contract = null;
      var type = record.headers().lastHeader("ce_type");
      if (type != null) {
        contract = contractByType.get(new String(type.value(), StandardCharsets.UTF_8));
      }
      return new DeadLetter(
              StageName.REALTIME_LOADER, ErrorClass.IndexingFailed, message, field, contract, null)
          .toRecord(settings.topics().getLoaderDeadLetter(), record);
    }
  }
}
