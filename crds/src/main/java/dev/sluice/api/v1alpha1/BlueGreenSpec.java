package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/**
 * BlueGreen settings: the new version runs beside the old behind a preview Service; promotion
 * switches all traffic at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlueGreenSpec {
  @Default("false")
  @JsonPropertyDescription(
      "Promote without the sluice.dev/promote annotation once analysis passes (or after"
          + " autoPromotionDelay when no analysis is set).")
  private Boolean autoPromotion = false;

  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("With autoPromotion and no analysis: promote this long after ready.")
  private String autoPromotionDelay;

  @Default("30s")
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("How long the old version keeps running after promotion, for rollback.")
  private String scaleDownDelay = "30s";

  public Boolean getAutoPromotion() {
    return autoPromotion;
  }

  public void setAutoPromotion(Boolean autoPromotion) {
    this.autoPromotion = autoPromotion;
  }

  public String getAutoPromotionDelay() {
    return autoPromotionDelay;
  }

  public void setAutoPromotionDelay(String autoPromotionDelay) {
    this.autoPromotionDelay = autoPromotionDelay;
  }

  public String getScaleDownDelay() {
    return scaleDownDelay;
  }

  public void setScaleDownDelay(String scaleDownDelay) {
    this.scaleDownDelay = scaleDownDelay;
  }
}
