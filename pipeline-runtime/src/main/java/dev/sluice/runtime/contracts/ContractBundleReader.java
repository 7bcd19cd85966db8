package dev.sluice.runtime.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads and checks one {@code contract.json} ({@link ContractBundle}) file.
 *
 * <p>Unknown fields are ignored, so a runtime reads bundles a newer operator wrote.
 */
public final class ContractBundleReader {
  /** Largest accepted bundle file, in bytes (1 MiB, the size limit of a ConfigMap). */
  public static final long MAX_BUNDLE_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * @param file a {@code contract.json}
   * @return the bundle: name, eventType and at least one version set; acceptedVersion among the
   *     versions; every version number unique and each schema a JSON object
   * @throws InvalidBundleException naming the file and the field at fault, also when the file is
   *     larger than {@link #MAX_BUNDLE_BYTES} or not JSON
   */
  public static ContractBundle read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_BUNDLE_BYTES) {
        throw new InvalidBundleException(
            file, "is " + size + " bytes, larger than the limit of " + MAX_BUNDLE_BYTES + " bytes");
      }
      ContractBundle bundle = JSON.readValue(Files.readAllBytes(file), ContractBundle.class);
      if (bundle == null) {
        throw new InvalidBundleException(file, "is empty");
      }
      check(file, bundle);
      return bundle;
    } catch (JsonProcessingException e) {
      throw new InvalidBundleException(file, "is not a valid bundle: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidBundleException(file, "cannot be read: " + e);
    }
  }

  private static void check(Path file, ContractBundle bundle) {
    require(file, bundle.getName() != null && !bundle.getName().isBlank(), "name is required");
    require(
        file,
        bundle.getEventType() != null && !bundle.getEventType().isBlank(),
        "eventType is required");
    require(
        file,
        bundle.getVersions() != null && !bundle.getVersions().isEmpty(),
        "versions must hold at least one version");
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < bundle.getVersions().size(); i++) {
      ContractSchemaVersion v = bundle.getVersions().get(i);
      require(file, v != null, "versions[" + i + "] is null");
      require(file, v.getVersion() >= 1, "versions[" + i + "].version must be >= 1");
      require(file, seen.add(v.getVersion()), "versions[" + i + "].version is a duplicate");
      require(
          file,
          v.getSchema() != null && v.getSchema().isObject(),
          "versions[" + i + "].schema must be a JSON object");
    }
    require(
        file,
        seen.contains(bundle.getAcceptedVersion()),
        "acceptedVersion " + bundle.getAcceptedVersion() + " is not among versions " + seen);
  }

  private static void require(Path file, boolean ok, String problem) {
    if (!ok) {
      throw new InvalidBundleException(file, problem);
    }
  }

  private ContractBundleReader() {}
}
