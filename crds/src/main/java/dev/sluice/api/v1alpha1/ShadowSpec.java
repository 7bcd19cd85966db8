package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Shadow settings: the candidate receives a mirrored copy of traffic; its answers are compared with
 * the stable ones and never returned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShadowSpec {
  @Default("100")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Percent of requests mirrored to the candidate.")
  private Integer mirrorPercent = 100;

  @Default("0.05")
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Largest share (0..1) of mirrored answers that may differ from stable.")
  private Double maxDisagreementRate = 0.05;

  @Default("false")
  @JsonPropertyDescription("Promote once the thresholds hold over the analysis window.")
  private Boolean autoPromotion = false;

  @Min(0)
  @JsonPropertyDescription(
      "Answers agree when no output value differs by more than this, e.g. 0.05 for"
          + " probabilities; unset: class-score outputs agree when the predicted class (argmax) is"
          + " the same. Passed to the model-router's shadow.tolerance.")
  private Double tolerance;

  public Integer getMirrorPercent() {
    return mirrorPercent;
  }

  public void setMirrorPercent(Integer mirrorPercent) {
    this.mirrorPercent = mirrorPercent;
  }

  public Double getMaxDisagreementRate() {
    return maxDisagreementRate;
  }

  public void setMaxDisagreementRate(Double maxDisagreementRate) {
    this.maxDisagreementRate = maxDisagreementRate;
  }

  public Double getTolerance() {
    return tolerance;
  }

  public void setTolerance(Double tolerance) {
    this.tolerance = tolerance;
  }

  public Boolean getAutoPromotion() {
    return autoPromotion;
  }

  public void setAutoPromotion(Boolean autoPromotion) {
    this.autoPromotion = autoPromotion;
  }
}
