package dev.sluice.operator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import dev.sluice.api.stage.ContractSchemas;
import dev.sluice.api.v1alpha1.ContractVersion;
import dev.sluice.api.v1alpha1.DataContractSpec;
import dev.sluice.operator.status.Reason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a contract's spec can be served, given the versions accepted so far: the schema
 * is valid JSON Schema 2020-12, the version goes up (or repeats with the same schema), and the
 * schema keeps the declared compatibility. Pure: the time of acceptance is passed in.
 */
public final class ContractEvaluator {
  private final SchemaValidator validator = new SchemaValidator();
  private final CompatibilityChecker checker = new CompatibilityChecker();

  /**
   * Evaluates a spec.
   *
   * @param name metadata.name of the DataContract
   * @param spec its spec
   * @param stored the versions accepted so far, if any
   * @param now the time to record when a new version is accepted
   * @return the verdict and the resulting store
   */
  public ContractEvaluation evaluate(
      String name, DataContractSpec spec, Optional<ContractStore> stored, Instant now) {
    SchemaValidator.Result parsed =
        validator.validate(spec.getSchema() == null ? null : spec.getSchema().getJsonSchema());
    if (!parsed.valid()) {
      return new ContractEvaluation(Reason.InvalidSchema, parsed.problem(), stored);
    }
    JsonNode schema = parsed.schema();
    String fingerprint = ContractSchemas.fingerprint(schema);
    int version = spec.getVersion();
    if (stored.isEmpty()) {
      return accept(name, spec, schema, fingerprint, new ContractBundle(), List.of(), now);
    }
    ContractStore store = stored.get();
    ContractSchemaVersion latest = store.latest();
    String refusal = null;
    if (!Objects.equals(store.bundle().getEventType(), spec.getEventType())) {
      refusal =
          "spec.eventType changed from "
              + store.bundle().getEventType()
              + " to "
              + spec.getEventType()
              + "; a new event type needs a new DataContract";
    } else if (version < latest.getVersion()) {
      refusal =
          "spec.version "
              + version
              + " is lower than the accepted version "
              + latest.getVersion()
              + "; versions only go up";
    } else if (version == latest.getVersion()) {
      if (latest.getFingerprint().equals(fingerprint)) {
        return new ContractEvaluation(
            Reason.Accepted, "version " + version + " is accepted and served", stored);
      }
      refusal =
          "spec.version "
              + version
              + " is already accepted with a different schema (fingerprint "
              + latest.getFingerprint().substring(0, 12)
              + "); raise spec.version to change the schema";
    } else {
      List<Incompatibility> problems =
          checker.check(spec.getCompatibility(), schema, store.bundle().getVersions());
      if (!problems.isEmpty()) {
        refusal =
            "version "
                + version
                + " is "
                + problems.get(0).message()
                + (problems.size() > 1 ? "; and " + (problems.size() - 1) + " more" : "");
      }
    }
    if (refusal != null) {
      return new ContractEvaluation(
          Reason.IncompatibleSchema,
          refusal + "; version " + latest.getVersion() + " stays served",
          stored);
    }
    return accept(name, spec, schema, fingerprint, store.bundle(), store.history(), now);
  }

  private static ContractEvaluation accept(
      String name,
      DataContractSpec spec,
      JsonNode schema,
      String fingerprint,
      ContractBundle previous,
      List<ContractVersion> previousHistory,
      Instant now) {
    ContractBundle bundle = new ContractBundle();
    bundle.setName(name);
    bundle.setEventType(spec.getEventType());
    bundle.setAcceptedVersion(spec.getVersion());
    bundle.setSla(spec.getSla());
    List<ContractSchemaVersion> versions = new ArrayList<>(previous.getVersions());
    versions.add(new ContractSchemaVersion(spec.getVersion(), fingerprint, schema));
    bundle.setVersions(versions);
    ContractVersion entry = new ContractVersion();
    entry.setVersion(spec.getVersion());
    entry.setFingerprint(fingerprint);
    entry.setAcceptedAt(now.truncatedTo(ChronoUnit.SECONDS).toString());
    entry.setCompatibility(spec.getCompatibility());
    List<ContractVersion> history = new ArrayList<>(previousHistory);
    history.add(entry);
    return new ContractEvaluation(
        Reason.Accepted,
        "version " + spec.getVersion() + " is accepted and served",
        Optional.of(new ContractStore(bundle, history)));
  }
}
