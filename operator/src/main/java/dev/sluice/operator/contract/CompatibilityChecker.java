package dev.sluice.operator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.stage.ContractSchemaVersion;
import dev.sluice.api.v1alpha1.Compatibility;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a candidate schema against earlier accepted versions under a compatibility mode. BACKWARD:
 * the candidate reads data written with the earlier schema; FORWARD: the earlier schema reads data
 * written with the candidate; FULL: both. Plain modes compare with the last accepted version only,
 * {@code _TRANSITIVE} modes with every earlier version.
 */
public final class CompatibilityChecker {
  private final SchemaCoverage coverage = new SchemaCoverage();

  /**
   * Checks a candidate schema.
   *
   * @param mode the declared compatibility mode
   * @param candidate the new schema (a JSON Schema document)
   * @param earlier accepted versions, oldest first; may be empty
   * @return every incompatibility found, empty when the candidate may be accepted
   */
  public List<Incompatibility> check(
      Compatibility mode, JsonNode candidate, List<ContractSchemaVersion> earlier) {
    List<Incompatibility> out = new ArrayList<>();
    if (mode == Compatibility.NONE || earlier.isEmpty()) {
      return out;
    }
    List<ContractSchemaVersion> targets =
        isTransitive(mode) ? earlier : List.of(earlier.get(earlier.size() - 1));
    for (ContractSchemaVersion target : targets.reversed()) {
      if (checksBackward(mode)) {
        coverage.violations(candidate, target.getSchema()).stream()
            .map(v -> new Incompatibility("BACKWARD", target.getVersion(), v))
            .forEach(out::add);
      }
      if (checksForward(mode)) {
        coverage.violations(target.getSchema(), candidate).stream()
            .map(v -> new Incompatibility("FORWARD", target.getVersion(), v))
            .forEach(out::add);
      }
    }
    return out;
  }

  private static boolean isTransitive(Compatibility mode) {
    return mode.name().endsWith("_TRANSITIVE");
  }

  private static boolean checksBackward(Compatibility mode) {
    return mode.name().startsWith("BACKWARD") || mode.name().startsWith("FULL");
  }

  private static boolean checksForward(Compatibility mode) {
    return mode.name().startsWith("FORWARD") || mode.name().startsWith("FULL");
  }
}
