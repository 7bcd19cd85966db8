package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Canary settings: traffic weight steps, each followed by a pause and an analysis. */
@ValidationRule(
    value =
        "self.steps.map(s, s.weight).isSorted()"
            + " && self.steps.all(s, self.steps.filter(t, t.weight == s.weight).size() == 1)",
    message = "release.canary.steps weights must be strictly increasing")
public class CanarySpec {
  @Required
  @Size(min = 1, max = 20)
  @JsonPropertyDescription("Steps in order; weights strictly increasing, each at most 100.")
  private List<CanaryStep> steps = new ArrayList<>();

  public List<CanaryStep> getSteps() {
    return steps;
  }

  public void setSteps(List<CanaryStep> steps) {
    this.steps = steps;
  }
}
