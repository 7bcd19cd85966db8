package dev.sluice.runtime.enricher.contract;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A contract ready to validate with: its name, accepted version and one compiled JSON Schema (draft
 * 2020-12 unless the schema's {@code $schema} says otherwise) per accepted version.
 *
 * @param name metadata.name of the DataContract
 * @param eventType the CloudEvents {@code type} it governs
 * @param acceptedVersion the version events that declare none are validated against
 * @param schemas compiled schema per version number
 */
public record CompiledContract(
    String name, String eventType, int acceptedVersion, Map<Integer, Schema> schemas) {

  // Instance locations as JSON pointers, so they go straight into sluice.error.field.
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));

  /**
   * Compiles every version of a checked bundle (see {@code ContractBundleReader}).
   *
   * @throws IllegalArgumentException naming the version whose schema does not compile
   */
  public static CompiledContract compile(ContractBundle bundle) {
    Map<Integer, Schema> schemas = new HashMap<>();
    for (ContractSchemaVersion v : bundle.getVersions()) {
      try {
        Schema schema = SCHEMAS.getSchema(v.getSchema());
        // Compile every keyword now: a bad schema is refused at load, not at the first event.
        schema.initializeValidators();
        schemas.put(v.getVersion(), schema);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "versions[version=" + v.getVersion() + "].schema does not compile: " + e.getMessage(),
            e);
      }
    }
    return new CompiledContract(
        bundle.getName(), bundle.getEventType(), bundle.getAcceptedVersion(), Map.copyOf(schemas));
  }

  /** The schema of {@code version}, if the contract accepts it. */
  public Optional<Schema> schema(int version) {
    return Optional.ofNullable(schemas.get(version));
  }
}
