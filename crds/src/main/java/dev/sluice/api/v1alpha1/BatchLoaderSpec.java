package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The batch loader: buffers enriched events per partition and writes objects {@code
 * <prefix>/type=<type>/dt=YYYY-MM-DD/hr=HH/<topic>-<partition>-<firstOffset>-<lastOffset>.<format>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchLoaderSpec {
  @Required
  @Pattern(SluiceApi.BUCKET_PATTERN)
  @JsonPropertyDescription("Bucket of the raw objects (S3 naming rules); made if missing.")
  private String bucket;

  @Default("events")
  @Pattern("^[A-Za-z0-9][A-Za-z0-9/_.-]{0,200}$")
  @JsonPropertyDescription("Key prefix of the objects.")
  private String prefix = "events";

  @Default("10000")
  @Min(1)
  @Max(10000000)
  @JsonPropertyDescription("Flush a partition's buffer at this many records.")
  private Integer flushRecords = 10_000;

  @Default("67108864")
  @Min(1024)
  @Max(1073741824)
  @JsonPropertyDescription("Flush a partition's buffer at this many bytes (default 64 MiB).")
  private Integer flushBytes = 67_108_864;

  @Default("60s")
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Flush a partition's buffer at the latest this long after its first record.")
  private String flushInterval = "60s";

  @Default("jsonl.gz")
  @JsonPropertyDescription("Object format: jsonl.gz, jsonl.zst or parquet.")
  private BatchFormat format = BatchFormat.JSONL_GZ;

  @Default("1")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Replicas of the batch loader.")
  private Integer replicas = 1;

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public Integer getFlushRecords() {
    return flushRecords;
  }

  public void setFlushRecords(Integer flushRecords) {
    this.flushRecords = flushRecords;
  }

  public Integer getFlushBytes() {
    return flushBytes;
  }

  public void setFlushBytes(Integer flushBytes) {
    this.flushBytes = flushBytes;
  }

  public String getFlushInterval() {
    return flushInterval;
  }

  public void setFlushInterval(String flushInterval) {
    this.flushInterval = flushInterval;
  }

  public BatchFormat getFormat() {
    return format;
  }

  public void setFormat(BatchFormat format) {
    this.format = format;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }
}
