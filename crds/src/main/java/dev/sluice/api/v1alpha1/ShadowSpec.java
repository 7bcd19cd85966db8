package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Shadow settings: the candidate receives a mirrored copy of traffic; its answers are compared with
 * the stable ones and never returned.
 */
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

  public Boolean getAutoPromotion() {
    return autoPromotion;
  }

  public void setAutoPromotion(Boolean autoPromotion) {
    this.autoPromotion = autoPromotion;
  }
}
