package dev.sluice.api.stage;

import com.fasterxml.jackson.databind.JsonNode;

/** One accepted version of a contract: its number, fingerprint and JSON Schema (2020-12). */
public class ContractSchemaVersion {
  private int version;
  private String fingerprint;
  private JsonNode schema;

  public ContractSchemaVersion() {}

  /**
   * @param version the version number (>= 1)
   * @param fingerprint sha256 (hex) of the schema in canonical JSON
   * @param schema the JSON Schema document, as an object
   */
  public ContractSchemaVersion(int version, String fingerprint, JsonNode schema) {
    this.version = version;
    this.fingerprint = fingerprint;
    this.schema = schema;
  }

  public int getVersion() {
    return version;
  }

  public void setVersion(int version) {
    this.version = version;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public void setFingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  public JsonNode getSchema() {
    return schema;
  }

  public void setSchema(JsonNode schema) {
    this.schema = schema;
  }
}
