package dev.sluice.api.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.api.v1alpha1.PipelineTopics;

/**
 * The stage configuration file ({@code stage.yaml}) every runtime stage reads: the pipeline's spec
 * as applied, its resolved topic names, and where the contract bundles and lookup tables are
 * mounted. Secrets are not in this file; they reach the stages as environment variables.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StageConfig {
  /** Directory of contract bundles in a pod: one sub-directory per contract. */
  public static final String DEFAULT_CONTRACTS_DIR = "/etc/sluice/contracts";

  /** Directory of lookup tables in a pod: {@code <configMap>/<key>}. */
  public static final String DEFAULT_TABLES_DIR = "/etc/sluice/tables";

  private String pipeline;
  private String namespace;
  private DataPipelineSpec spec;
  private PipelineTopics topics;
  private String contractsDir = DEFAULT_CONTRACTS_DIR;
  private String tablesDir = DEFAULT_TABLES_DIR;

  /** metadata.name of the DataPipeline. */
  public String getPipeline() {
    return pipeline;
  }

  public void setPipeline(String pipeline) {
    this.pipeline = pipeline;
  }

  /** metadata.namespace of the DataPipeline ({@code local} under {@code sluice dev}). */
  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  /** The DataPipeline's spec, as applied. */
  public DataPipelineSpec getSpec() {
    return spec;
  }

  public void setSpec(DataPipelineSpec spec) {
    this.spec = spec;
  }

  /** The pipeline's topic names. */
  public PipelineTopics getTopics() {
    return topics;
  }

  public void setTopics(PipelineTopics topics) {
    this.topics = topics;
  }

  /**
   * Directory holding one {@code <contract>/contract.json} ({@link ContractBundle}) per contract
   * the pipeline references; watched for changes.
   */
  public String getContractsDir() {
    return contractsDir;
  }

  public void setContractsDir(String contractsDir) {
    this.contractsDir = contractsDir;
  }

  /** Directory where a lookup table's {@code configMapKeyRef} resolves to {@code <name>/<key>}. */
  public String getTablesDir() {
    return tablesDir;
  }

  public void setTablesDir(String tablesDir) {
    this.tablesDir = tablesDir;
  }
}
