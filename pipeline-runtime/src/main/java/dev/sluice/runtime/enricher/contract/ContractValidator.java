package dev.sluice.runtime.enricher.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.contracts.ContractRegistry;
import dev.sluice.runtime.contracts.DeclaredSchemaVersion;
import dev.sluice.runtime.deadletter.DeadLetter;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Checks an event's {@code data} against the contract of its {@code type}, in the version it
 * declares ({@link DeclaredSchemaVersion}) or else the accepted one.
 */
public final class ContractValidator {
  private static final int MAX_MESSAGES = 5;

  private final ContractRegistry<CompiledContract> contracts;
  private final ObjectMapper json;

  /**
   * @param contracts the contracts served, kept current by the registry
   * @param json the mapper that parses {@code data}
   */
  public ContractValidator(ContractRegistry<CompiledContract> contracts, ObjectMapper json) {
    this.contracts = contracts;
    this.json = json;
  }

  /**
   * @return the parsed data with the contract and version it satisfies
   * @throws EventRejectedException {@link ErrorClass#UnknownType} when no contract governs the type
   *     or the declared version is not accepted (field {@code /type} or the version attribute);
   *     {@link ErrorClass#SchemaViolation} when data is missing, not JSON, or violates the schema
   *     (field: the JSON pointer of the first failing field, under {@code /data})
   */
  public ValidEvent validate(CloudEvent event) throws EventRejectedException {
    CompiledContract contract =
        contracts
            .forEventType(event.getType())
            .orElseThrow(
                () ->
                    reject(
                        ErrorClass.UnknownType,
                        "no contract of the pipeline governs type '" + event.getType() + "'",
                        "/type",
                        null,
                        null));
    int version = version(event, contract);
    Schema schema =
        contract
            .schema(version)
            .orElseThrow(
                () ->
                    reject(
                        ErrorClass.UnknownType,
                        "contract "
                            + contract.name()
                            + " has no accepted version "
                            + version
                            + "; accepted: "
                            + contract.schemas().keySet(),
                        declaredVersionField(event),
                        contract.name(),
                        version));
    JsonNode data = parse(event, contract, version);
    List<Error> errors = schema.validate(data);
    if (!errors.isEmpty()) {
      throw reject(
          ErrorClass.SchemaViolation,
          errors.stream()
              .limit(MAX_MESSAGES)
              .map(e -> pointer(e) + ": " + e.getMessage())
              .collect(Collectors.joining("; ")),
          pointer(errors.getFirst()),
          contract.name(),
          version);
    }
    return new ValidEvent(event, data, contract, version);
  }

  private int version(CloudEvent event, CompiledContract contract) throws EventRejectedException {
    try {
      OptionalInt declared = DeclaredSchemaVersion.of(event);
      return declared.orElse(contract.acceptedVersion());
    } catch (IllegalArgumentException e) {
      throw reject(
          ErrorClass.UnknownType,
          e.getMessage(),
          "/" + DeclaredSchemaVersion.EXTENSION,
          contract.name(),
          null);
    }
  }

  private JsonNode parse(CloudEvent event, CompiledContract contract, int version)
      throws EventRejectedException {
    if (event.getData() == null) {
      throw reject(
          ErrorClass.SchemaViolation, "data is missing", "/data", contract.name(), version);
    }
    try {
      JsonNode data = json.readTree(event.getData().toBytes());
      if (data == null || data.isMissingNode()) {
        throw reject(
            ErrorClass.SchemaViolation, "data is empty", "/data", contract.name(), version);
      }
      return data;
    } catch (JsonProcessingException e) {
      throw reject(
          ErrorClass.SchemaViolation,
          "data is not JSON: " + e.getOriginalMessage(),
          "/data",
          contract.name(),
          version);
    } catch (IOException e) {
      throw reject(
          ErrorClass.SchemaViolation,
          "data cannot be read: " + e,
          "/data",
          contract.name(),
          version);
    }
  }

  /** The failing field as a pointer into the event: {@code /data/<instance location>[/<prop>]}. */
  static String pointer(Error error) {
    String location =
        error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    boolean namesProperty =
        switch (keyword) {
          case "required", "additionalProperties", "unevaluatedProperties", "dependentRequired" ->
              true;
          default -> false;
        };
    if (namesProperty && error.getProperty() != null) {
      location = location + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
    }
    return "/data" + location;
  }

  private static String declaredVersionField(CloudEvent event) {
    return event.getExtension(DeclaredSchemaVersion.EXTENSION) != null
        ? "/" + DeclaredSchemaVersion.EXTENSION
        : event.getDataSchema() != null ? "/dataschema" : "/type";
  }

  private static EventRejectedException reject(
      ErrorClass errorClass, String message, String field, String contract, Integer version) {
    return new EventRejectedException(
        new DeadLetter(StageName.ENRICHER, errorClass, message, field, contract, version));
  }
}
