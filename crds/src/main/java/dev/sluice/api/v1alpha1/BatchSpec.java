package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Batch serving: a scheduled job that predicts a window of curated data in the object store. */
public class BatchSpec {
  @Default("30 * * * *")
  @Pattern("^(@(hourly|daily|weekly|monthly|yearly)|(\\S+\\s+){4}\\S+)$")
  @JsonPropertyDescription("Cron schedule of the job.")
  private String schedule = "30 * * * *";

  @Required
  @Pattern("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$")
  @JsonPropertyDescription(
      "Prefix of the curated input, e.g. s3://flights-curated/flight.departed.")
  private String input;

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getInput() {
    return input;
  }

  public void setInput(String input) {
    this.input = input;
  }
}
