package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Size limits the collector enforces; a breach is answered 413 and dead-lettered. */
public class PayloadLimits {
  @Default("1048576")
  @Min(1024)
  @Max(16777216)
  @JsonPropertyDescription("Largest single event, in bytes (default 1 MiB).")
  private Integer maxEventBytes = 1_048_576;

  @Default("10485760")
  @Min(1024)
  @Max(104857600)
  @JsonPropertyDescription("Largest request body, in bytes (default 10 MiB).")
  private Integer maxRequestBytes = 10_485_760;

  @Default("1000")
  @Min(1)
  @Max(100000)
  @JsonPropertyDescription("Most events in one batch request.")
  private Integer maxBatchEvents = 1000;

  @Default("65536")
  @Min(0)
  @Max(1048576)
  @JsonPropertyDescription(
      "Bytes of an over-size or unparseable payload kept in its dead-letter record; the rest is"
          + " cut off and the record says so.")
  private Integer deadLetterPayloadCapBytes = 65_536;

  public Integer getMaxEventBytes() {
    return maxEventBytes;
  }

  public void setMaxEventBytes(Integer maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  public Integer getMaxRequestBytes() {
    return maxRequestBytes;
  }

  public void setMaxRequestBytes(Integer maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
  }

  public Integer getMaxBatchEvents() {
    return maxBatchEvents;
  }

  public void setMaxBatchEvents(Integer maxBatchEvents) {
    this.maxBatchEvents = maxBatchEvents;
  }

  public Integer getDeadLetterPayloadCapBytes() {
    return deadLetterPayloadCapBytes;
  }

  public void setDeadLetterPayloadCapBytes(Integer deadLetterPayloadCapBytes) {
    this.deadLetterPayloadCapBytes = deadLetterPayloadCapBytes;
  }
}
