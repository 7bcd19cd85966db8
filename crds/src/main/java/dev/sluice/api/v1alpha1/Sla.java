package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.ArrayList;
import java.util.List;

/** Service-level agreement of a contract, checked per curation window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Sla {
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Freshness: the longest accepted delay between an event's time and its arrival at the"
          + " collector, e.g. 15m. Events later than this count as late.")
  private String freshness;

  @Min(0)
  @Max(1)
  @Default("0.01")
  @JsonPropertyDescription(
      "Largest share of late events (0..1) a window may hold and still meet the SLA.")
  private Double maxLateRatio = 0.01;

  @JsonPropertyDescription("Completeness rules: the largest share of nulls per field.")
  private List<CompletenessRule> completeness = new ArrayList<>();

  @Min(0)
  @JsonPropertyDescription("Fewest events a window must hold; 0 disables the check.")
  private Long minRowsPerWindow;

  @Default("Silver")
  @JsonPropertyDescription("Tier of the agreement: Gold, Silver or Bronze.")
  private SlaTier tier = SlaTier.Silver;

  public String getFreshness() {
    return freshness;
  }

  public void setFreshness(String freshness) {
    this.freshness = freshness;
  }

  public Double getMaxLateRatio() {
    return maxLateRatio;
  }

  public void setMaxLateRatio(Double maxLateRatio) {
    this.maxLateRatio = maxLateRatio;
  }

  public List<CompletenessRule> getCompleteness() {
    return completeness;
  }

  public void setCompleteness(List<CompletenessRule> completeness) {
    this.completeness = completeness;
  }

  public Long getMinRowsPerWindow() {
    return minRowsPerWindow;
  }

  public void setMinRowsPerWindow(Long minRowsPerWindow) {
    this.minRowsPerWindow = minRowsPerWindow;
  }

  public SlaTier getTier() {
    return tier;
  }

  public void setTier(SlaTier tier) {
    this.tier = tier;
  }
}
