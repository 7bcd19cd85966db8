package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Object formats of the batch loader. */
public enum BatchFormat {
  /** One CloudEvent (structured JSON) per line, gzip-compressed. */
  @JsonProperty("jsonl.gz")
  JSONL_GZ,
  /** Apache Parquet. */
  @JsonProperty("parquet")
  PARQUET
}
