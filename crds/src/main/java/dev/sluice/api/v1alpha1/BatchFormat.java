package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Object formats of the batch loader. */
public enum BatchFormat {
  /** One CloudEvent (structured JSON) per line, gzip-compressed. */
  @JsonProperty("jsonl.gz")
  JSONL_GZ,
  /**
   * One CloudEvent (structured JSON) per line, Zstandard-compressed (RFC 8878): about a quarter of
   * gzip's CPU per event and smaller objects; DuckDB, Spark, Trino and pandas read it.
   */
  @JsonProperty("jsonl.zst")
  JSONL_ZST,
  /** Apache Parquet. */
  @JsonProperty("parquet")
  PARQUET
}
