package dev.sluice.runtime.collector.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event types the pipeline accepts: the {@code eventType} (and {@code acceptedVersion}) of each
 * contract bundle {@code <contractsDir>/<contract>/contract.json} named in {@code spec.contracts}.
 * {@link #refresh()} re-reads a bundle whose file changed, so a new or changed contract applies
 * without a restart. A bundle that is missing, larger than {@link #MAX_BUNDLE_BYTES} or not valid
 * JSON governs no type (logged); the previous good reading of a changed bundle is kept until then.
 */
public final class ContractTypes implements Predicate<String> {
  /** Largest contract bundle read, in bytes. */
  public static final long MAX_BUNDLE_BYTES = 8L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ContractTypes.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Map<String, PolledFile> files = new LinkedHashMap<>();
  private final Map<String, PipelineContract> byName = new HashMap<>();
  private volatile Map<String, PipelineContract> byType = Map.of();

  /**
   * @param contractsDir directory of the bundles
   * @param contracts names of the pipeline's contracts
   */
  public ContractTypes(Path contractsDir, List<String> contracts) {
    for (String name : contracts) {
      files.put(name, new PolledFile(contractsDir.resolve(name).resolve("contract.json")));
    }
  }

  /** Re-reads changed bundles; cheap when nothing changed. Not thread-safe: one caller. */
  public synchronized void refresh() {
    boolean any = false;
    for (Map.Entry<String, PolledFile> e : files.entrySet()) {
      if (e.getValue().changed()) {
        any = true;
        read(e.getKey(), e.getValue().path());
      }
    }
    if (any) {
      Map<String, PipelineContract> next = new HashMap<>();
      byName.values().forEach(c -> next.put(c.eventType(), c));
      byType = Map.copyOf(next);
      LOG.info("event types accepted: {}", byType.keySet());
    }
  }

  /** Whether a contract of the pipeline governs {@code type}. */
  @Override
  public boolean test(String type) {
    return byType.containsKey(type);
  }

  /** The contract governing {@code type}, if one of the pipeline's does. */
  public Optional<PipelineContract> forType(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  private void read(String contract, Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        LOG.warn("contract bundle {} does not exist; contract {} governs no type", file, contract);
        byName.remove(contract);
        return;
      }
      if (Files.size(file) > MAX_BUNDLE_BYTES) {
        LOG.warn("contract bundle {} is larger than {} bytes; ignored", file, MAX_BUNDLE_BYTES);
        return;
      }
      ContractBundle bundle = JSON.readValue(file.toFile(), ContractBundle.class);
      if (bundle.getEventType() == null || bundle.getEventType().isBlank()) {
        LOG.warn("contract bundle {} has no eventType; ignored", file);
        return;
      }
      byName.put(
          contract,
          new PipelineContract(contract, bundle.getEventType(), bundle.getAcceptedVersion()));
    } catch (Exception e) {
      LOG.warn("cannot read contract bundle {}: {}", file, e.getMessage());
    }
  }
}
