package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The curation job: deduplicates a window of the batch loader's objects, checks the contract SLA
 * and writes curated Parquet and a quality report.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CurationSpec {
  @Default("15 * * * *")
  @Pattern("^(@(hourly|daily|weekly|monthly|yearly)|(\\S+\\s+){4}\\S+)$")
  @JsonPropertyDescription("Cron schedule of the CronJob (five fields, or @hourly/@daily).")
  private String schedule = "15 * * * *";

  @Default("Hour")
  @JsonPropertyDescription("Window each run curates: the previous Hour or Day.")
  private CurationWindow window = CurationWindow.Hour;

  @Required
  @Pattern(SluiceApi.BUCKET_PATTERN)
  @JsonPropertyDescription("Bucket of the curated Parquet and quality reports; made if missing.")
  private String bucket;

  @Default("id")
  @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
  @JsonPropertyDescription(
      "Attribute events are deduplicated on (the earliest received is kept); default the"
          + " CloudEvents id.")
  private String dedupeKey = "id";

  @Default("false")
  @JsonPropertyDescription("Suspend the CronJob.")
  private Boolean suspend = false;

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public CurationWindow getWindow() {
    return window;
  }

  public void setWindow(CurationWindow window) {
    this.window = window;
  }

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getDedupeKey() {
    return dedupeKey;
  }

  public void setDedupeKey(String dedupeKey) {
    this.dedupeKey = dedupeKey;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }
}
