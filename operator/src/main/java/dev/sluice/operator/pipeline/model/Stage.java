package dev.sluice.operator.pipeline.model;

/** The stages of a pipeline, each run by the shared runtime image with {@code --stage <id>}. */
public enum Stage {
  COLLECTOR("collector", true),
  ENRICHER("enricher", true),
  // The realtime loader maps each index's data from the contracts' JSON Schemas and names the
  // contract in dead-letter documents; without the bundles it indexed with dynamic mapping.
  REALTIME_LOADER("realtime-loader", true),
  BATCH_LOADER("batch-loader", false),
  CURATION("curation", true);

  private final String id;
  private final boolean usesContracts;

  Stage(String id, boolean usesContracts) {
    this.id = id;
    this.usesContracts = usesContracts;
  }

  /** The stage's name: its {@code --stage} argument and the suffix of its objects' names. */
  public String id() {
    return id;
  }

  /** Whether the stage mounts the contract bundles (and so rolls when a contract changes). */
  public boolean usesContracts() {
    return usesContracts;
  }

  /** Whether the stage runs as a Deployment (all but curation, which is a CronJob). */
  public boolean isDeployment() {
    return this != CURATION;
  }
}
