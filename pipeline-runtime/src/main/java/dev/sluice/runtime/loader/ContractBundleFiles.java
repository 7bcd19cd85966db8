package dev.sluice.runtime.loader;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.runtime.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the contract bundles mounted for a pipeline: one {@code <contractsDir>/<contract>/
 * contract.json} ({@link ContractBundle}) per contract, as the loaders and curation use them.
 */
public final class ContractBundleFiles {
  /** Largest accepted {@code contract.json}, in bytes. */
  public static final long MAX_BUNDLE_BYTES = 4L * 1024 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * Every bundle of the directory, sorted by contract name; an absent directory holds none.
   *
   * @throws ConfigException naming the file that is too large, not JSON or lacks {@code name} or
   *     {@code eventType}
   */
  public static List<ContractBundle> readAll(Path contractsDir) {
    if (!Files.isDirectory(contractsDir)) {
      return List.of();
    }
    List<ContractBundle> bundles = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(contractsDir)) {
      for (Path dir : dirs.sorted().toList()) {
        Path file = dir.resolve("contract.json");
        if (Files.isRegularFile(file)) {
          bundles.add(read(file));
        }
      }
    } catch (IOException e) {
      throw new ConfigException("cannot list contracts directory " + contractsDir, e);
    }
    bundles.sort(Comparator.comparing(ContractBundle::getName));
    return bundles;
  }

  static ContractBundle read(Path file) {
    try {
      if (Files.size(file) > MAX_BUNDLE_BYTES) {
        throw new ConfigException(
            "contract bundle " + file + " is larger than " + MAX_BUNDLE_BYTES + " bytes");
      }
      ContractBundle bundle = JSON.readValue(file.toFile(), ContractBundle.class);
      if (bundle == null || bundle.getName() == null || bundle.getEventType() == null) {
        throw new ConfigException("contract bundle " + file + ": name and eventType are required");
      }
      return bundle;
    } catch (IOException e) {
      throw new ConfigException("contract bundle " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  private ContractBundleFiles() {}
}
