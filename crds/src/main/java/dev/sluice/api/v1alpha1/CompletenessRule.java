package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The largest share of events (0..1) whose {@code field} may be null or missing in a window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CompletenessRule {
  @Required
  @Pattern("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")
  @JsonPropertyDescription("Field of the event's data, dotted for nested fields, e.g. delay.")
  private String field;

  @Required
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Largest accepted ratio of null or missing values, 0..1.")
  private Double maxNullRatio;

  @Default("1h")
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("Window the ratio is computed over, e.g. 1h or 1d.")
  private String window = "1h";

  public String getField() {
    return field;
  }

  public void setField(String field) {
    this.field = field;
  }

  public Double getMaxNullRatio() {
    return maxNullRatio;
  }

  public void setMaxNullRatio(Double maxNullRatio) {
    this.maxNullRatio = maxNullRatio;
  }

  public String getWindow() {
    return window;
  }

  public void setWindow(String window) {
    this.window = window;
  }
}
