package dev.sluice.operator.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import dev.sluice.api.v1alpha1.ContractVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every accepted version of a contract, as kept in its {@code <contract>-schemas} ConfigMap: the
 * bundle the runtime reads ({@code contract.json}) and the acceptance history shown in status
 * ({@code versions.json}). The ConfigMap, not the status, is the record of accepted schemas.
 *
 * @param bundle every accepted schema, oldest first
 * @param history when and under which mode each version was accepted, oldest first
 */
public record ContractStore(ContractBundle bundle, List<ContractVersion> history) {
  /** Key of the contract bundle in the ConfigMap; the file name pipelines mount. */
  public static final String BUNDLE_KEY = "contract.json";

  /** Key of the acceptance history in the ConfigMap. */
  public static final String HISTORY_KEY = "versions.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Reads a store from ConfigMap data.
   *
   * @param data the ConfigMap's data (may be null)
   * @return the store, or empty when the data holds no bundle with at least one version
   * @throws IllegalStateException when the data is present but not parseable (someone edited it)
   */
  public static Optional<ContractStore> fromData(Map<String, String> data) {
    if (data == null || data.get(BUNDLE_KEY) == null) {
      return Optional.empty();
    }
    try {
      ContractBundle bundle = MAPPER.readValue(data.get(BUNDLE_KEY), ContractBundle.class);
      List<ContractVersion> history =
          data.get(HISTORY_KEY) == null
              ? List.of()
              : MAPPER.readValue(data.get(HISTORY_KEY), new TypeReference<>() {});
      if (bundle.getVersions().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ContractStore(bundle, history));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the stored contract schemas cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Renders the store as ConfigMap data.
   *
   * @return {@code contract.json} and {@code versions.json}, both JSON
   */
  public Map<String, String> toData() {
    try {
      return Map.of(
          BUNDLE_KEY,
          MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(bundle),
          HISTORY_KEY,
          MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(history));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a bundle always serialises", e);
    }
  }

  /** The newest accepted version. */
  public ContractSchemaVersion latest() {
    return bundle.getVersions().get(bundle.getVersions().size() - 1);
  }
}
